import Foundation
import XCTest
@testable import DocsiteKit

/// Pages and configs that are wrong in ordinary ways: exactly one error,
/// with its code, file, line and printed location. Hostile input (fences
/// never closed, tabs, duplicate keys, bad encodings, CR/CRLF) is covered
/// once, in HostileInputTests.
final class BrokenInputTests: XCTestCase {
    func site(page: String, named: String = "guides/bad.md") throws -> URL {
        try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                          "content/en/index.md": "---\ntitle: Home\n---\n",
                          "content/en/\(named)": page])
    }

    func assertSingleError(_ root: URL, code: String, file: String, line: Int?, mentions: String,
                           sourceLine: UInt = #line) {
        let errors = buildErrors(root)
        XCTAssertEqual(errors.count, 1, "\(errors)", line: sourceLine)
        XCTAssertEqual(errors.first?.code, code, line: sourceLine)
        XCTAssertEqual(errors.first?.file, file, line: sourceLine)
        XCTAssertEqual(errors.first?.line, line, line: sourceLine)
        XCTAssertTrue(errors.first?.message.contains(mentions) == true, errors.first?.message ?? "", line: sourceLine)
        let text = DiagnosticPrinter.render(errors, format: .text)
        XCTAssertTrue(text.hasPrefix("\(file):\(line.map(String.init) ?? "")"), text, line: sourceLine)
    }

    func testMissingTitle() throws {
        assertSingleError(try site(page: "---\ndescription: no title here\n---\nBody\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 2, mentions: "title")
    }

    func testInvalidYAMLNamesTheLine() throws {
        assertSingleError(try site(page: "---\ntitle: Fine\ndescription: \"unterminated\nweight: 3\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 4, mentions: "invalid YAML")
    }

    func testBadWeight() throws {
        assertSingleError(try site(page: "---\ntitle: T\nweight: heavy\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 3, mentions: "weight")
    }

    func testMissingSiteConfig() throws {
        let root = try Fixture.make(["content/en/index.md": "---\ntitle: Home\n---\n"])
        XCTAssertEqual(buildErrors(root).map(\.code), ["config.missing"])
    }

    func testEveryBrokenPageIsReportedNotJustTheFirst() throws {
        let root = try site(page: "---\ndescription: x\n---\n")
        try Fixture.write("---\ntitle: [\n---\n", to: "content/en/guides/other.md", in: root)
        XCTAssertEqual(buildErrors(root).map(\.file).sorted(), ["content/en/guides/bad.md", "content/en/guides/other.md"])
    }
}
