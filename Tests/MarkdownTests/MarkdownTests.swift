import XCTest
@testable import Markdown

final class MarkdownTests: XCTestCase {
    func testSlugsLatinCyrillicAndPunctuation() {
        XCTAssertEqual(Slug.make("Install the Charts"), "install-the-charts")
        XCTAssertEqual(Slug.make("Быстрый старт"), "быстрый-старт")
        XCTAssertEqual(Slug.make("What's new in 4.1?"), "whats-new-in-41")
        XCTAssertEqual(Slug.make("spark.jars.packages & Ivy"), "sparkjarspackages--ivy")
        XCTAssertEqual(Slug.make("snake_case_key"), "snake_case_key")
    }

    func testDuplicateHeadingsAreNumberedAndExplicitIDsWin() {
        let doc = MarkdownParser.parse("## Usage\n\n## Usage\n\n## Быстрый старт {#quick-start}\n\n## quick-start\n")
        XCTAssertEqual(doc.headings().map(\.id), ["usage", "usage-1", "quick-start", "quick-start-1"])
        XCTAssertEqual(doc.headings()[2].text, "Быстрый старт")
    }

    func testExplicitIDForms() {
        func heading(_ line: String) -> Heading? { MarkdownParser.parse(line + "\n").headings().first }
        XCTAssertEqual(heading("## Setup {#setup-1}   ").map { [$0.id, $0.text] }, ["setup-1", "Setup"])
        XCTAssertEqual(heading("## Обзор {#обзор_v2.0:x}")?.id, "обзор_v2.0:x", "letters of any script, - _ . :")
        XCTAssertEqual(heading("## Sets {x} then {#last}")?.text, "Sets {x} then", "the last {# wins")
        XCTAssertEqual(heading("## Code `a` {#after-code}")?.id, "after-code")
        // Not ids: empty, spaces or other punctuation inside, nothing closing.
        XCTAssertEqual(heading("## Empty {#}")?.text, "Empty {#}")
        XCTAssertEqual(heading("## Spaced {#a b}")?.text, "Spaced {#a b}")
        XCTAssertEqual(heading("## Slash {#a/b}")?.text, "Slash {#a/b}")
        XCTAssertEqual(heading("## Open {#abc")?.text, "Open {#abc")
        XCTAssertEqual(heading("## {#only-id}")?.id, "only-id")
    }

    func testLinesCountFromTheFileNotTheBody() {
        let doc = MarkdownParser.parse("Intro\n\n## Heading\n\n[x](a.md)\n", firstLine: 5)
        XCTAssertEqual(doc.headings().first?.line, 7)
        XCTAssertEqual(doc.links().first?.line, 9)
    }

    func testGFMExtensionsAreOn() {
        let doc = MarkdownParser.parse("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~gone~~ https://example.org\n\n- [x] done\n- [ ] todo\n")
        let html = HTMLRenderer().render(doc, headings: doc.headings())
        XCTAssertTrue(html.contains("<table>"))
        XCTAssertTrue(html.contains("class=\"align-left\""))
        XCTAssertTrue(html.contains("<del>gone</del>"))
        XCTAssertTrue(html.contains("<a href=\"https://example.org\">"))
        XCTAssertTrue(html.contains("<input type=\"checkbox\" checked disabled"))
        XCTAssertTrue(html.contains("<input type=\"checkbox\" disabled"))
    }

    func testRawHTMLAndScriptURLsAreNeutralised() {
        let doc = MarkdownParser.parse("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [a](javascript:alert(1))\n")
        let html = HTMLRenderer().render(doc, headings: doc.headings())
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertFalse(html.contains("javascript:"))
    }

    func testCodeBlocksKeepLanguageAndEscape() {
        let doc = MarkdownParser.parse("```yaml title=x\na: <b>\n```\n")
        XCTAssertEqual(doc.blocks, [.codeBlock(info: FenceInfo(language: "yaml", title: "x"), code: "a: <b>\n",
                                               at: SourcePosition(line: 1, column: 1))])
        XCTAssertTrue(HTMLRenderer().render(doc, headings: []).contains("<code class=\"language-yaml\">a: &lt;b&gt;\n</code>"))
    }

    func testDeepNestingIsFlattenedNotCrashing() {
        let text = String(repeating: ">", count: 10_000) + " deep\n"
        let doc = MarkdownParser.parse(text)
        XCTAssertTrue(doc.flattenedDeepNesting)
        XCTAssertEqual(MarkdownParser.parse("Intro.\n\n" + text, firstLine: 5).flattenedLine, 7, "the file line of the deep part")
        XCTAssertNil(MarkdownParser.parse("> shallow\n").flattenedLine)
        XCTAssertTrue(HTMLRenderer().render(doc, headings: []).contains("deep"))
        let list = (0..<3000).map { String(repeating: "  ", count: $0) + "- item\($0)" }.joined(separator: "\n")
        let listDoc = MarkdownParser.parse(list)
        XCTAssertTrue(HTMLRenderer().render(listDoc, headings: []).contains("item2999"))
    }
}
