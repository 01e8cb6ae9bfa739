import Foundation
import XCTest
@testable import DocsiteKit
import Markdown

/// Issue 17, classes 6 and 7 through the commands: a budget excess is an
/// error at file:line in `build` and `check`, and nothing is published.
extension HostileInputTests {
    func testMarkdownBudgetsAreErrorsAtFileAndLine() throws {
        let table = "|" + String(repeating: "a|", count: 1200) + "\n|" + String(repeating: "-|", count: 1200) + "\nx\n"
        let refs = "[r]: /" + String(repeating: "u", count: 4000) + "\n\n" + String(repeating: "[r] ", count: 5000) + "\n"
        try hostile(files: Self.site([
            "guides/table.md": "---\ntitle: Table\n---\nIntro.\n\n" + table,
            "guides/refs.md": "---\ntitle: Refs\n---\n" + refs,
            "guides/images.md": "---\ntitle: Images\n---\n\n\n" + String(repeating: "![[]()", count: 2500) + "\n",
        ])) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["markdown.budget", "markdown.budget", "markdown.budget"])
            try Self.expect(errors.map { "\($0.file):\($0.line ?? 0)" } == ["content/en/guides/images.md:6", "content/en/guides/refs.md:4", "content/en/guides/table.md:6"],
                            "\(errors)")
            try Self.expect(!FileManager.default.fileExists(atPath: c.out.path), "a site was written")
            try Self.expectCodes(try Self.checkErrors(c).filter { $0.code == "markdown.budget" }, ["markdown.budget", "markdown.budget", "markdown.budget"])
        }
    }

    func testOutputCapPerPage() throws {
        let page = SitePage(language: "en", key: "a.md", title: "A", description: nil, section: nil, weight: nil,
                            urlPath: "en/a/", headings: [], bodyHTML: .empty, sourceFile: "content/en/a.md", isSectionIndex: false)
        XCTAssertNil(SiteRenderer.outputExcess(MarkdownBudget.standard.maxOutputBytes, page: page))
        let excess = try XCTUnwrap(SiteRenderer.outputExcess(MarkdownBudget.standard.maxOutputBytes + 1, page: page))
        XCTAssertEqual(excess.diagnostics.map(\.code), ["markdown.budget"])
        XCTAssertEqual(excess.diagnostics.first?.file, "content/en/a.md")
    }

    func testSchemaBudgetIsAnErrorNamingTheSchemaLocation() throws {
        var defs = (0..<30).map { ##""d\##($0)": {"anyOf": [{"$ref": "#/$defs/d\##($0 + 1)"}, {"allOf": [{"$ref": "#/$defs/d\##($0 + 1)"}]}]}"## }
        defs += [##""d30": {"type": "string"}"##, ##""meta": {"$dynamicAnchor": "meta"}"##]
        let schema = ##"{"$defs": {\##(defs.joined(separator: ", "))}, "properties": {"replicas": {"$ref": "#/$defs/d0"}}}"##
        try Self.schemaCase(schema, self) { errors in
            try Self.expectCodes(errors, ["chart.values-invalid", "overlay.invalid"], mentions: "validation stopped at file:///values.schema.json#/$defs/d")
        }
    }
}
