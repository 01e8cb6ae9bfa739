import Foundation
import XCTest
@testable import DocsiteKit

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

    func testUnclosedFrontMatter() throws {
        assertSingleError(try site(page: "---\ntitle: Open\n\nBody never closed\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 1, mentions: "never closed")
    }

    func testInvalidYAMLNamesTheLine() throws {
        assertSingleError(try site(page: "---\ntitle: Fine\ndescription: \"unterminated\nweight: 3\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 4, mentions: "invalid YAML")
    }

    func testFrontMatterThatIsAList() throws {
        assertSingleError(try site(page: "---\n- title\n- other\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 2, mentions: "mapping")
    }

    func testDuplicateKey() throws {
        assertSingleError(try site(page: "---\ntitle: One\ntitle: Two\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 3, mentions: "duplicate key 'title'")
    }

    func testTabIndentation() throws {
        assertSingleError(try site(page: "---\ntitle: T\n\tweight: 1\n---\n"),
                          code: "frontmatter.invalid", file: "content/en/guides/bad.md", line: 3, mentions: "tab")
    }

    func testNotUTF8NamesByteOffset() throws {
        let root = try site(page: "")
        var bytes = Array("---\ntitle: Latin-1\n---\nCaf".utf8)
        bytes.append(0xE9)
        try Data(bytes).write(to: root.appendingPathComponent("content/en/guides/bad.md"))
        assertSingleError(root, code: "content.encoding", file: "content/en/guides/bad.md", line: 4, mentions: "byte offset 26")
    }

    func testNULByte() throws {
        assertSingleError(try site(page: "---\ntitle: T\n---\nA\u{0}B\n"),
                          code: "content.encoding", file: "content/en/guides/bad.md", line: 4, mentions: "NUL")
    }

    func testCRLFAndBOMAreAccepted() throws {
        let root = try site(page: "\u{FEFF}---\r\ntitle: Windows\r\n---\r\n## Heading\r\n")
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/en/guides/bad/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2 id=\"heading\">"))
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
