import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Markdown

/// The rendered fragment as an element tree, so tests assert on structure
/// (which element holds which) rather than on exact bytes.
func renderedTree(_ markdown: String, renderer: HTMLRenderer = HTMLRenderer()) throws -> XMLElement {
    let doc = MarkdownParser.parse(markdown)
    let html = renderer.render(doc, headings: doc.headings())
    let tree = try XMLDocument(xmlString: "<root>" + html + "</root>", options: [])
    return try XCTUnwrap(tree.rootElement(), html)
}

extension XMLElement {
    /// Elements under this one matching an XPath (`.//div[@role='note']`).
    func all(_ xpath: String) throws -> [XMLElement] {
        try nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func one(_ xpath: String, file: StaticString = #filePath, line: UInt = #line) throws -> XMLElement {
        let found = try all(xpath)
        XCTAssertEqual(found.count, 1, "\(xpath) in \(xmlString)", file: file, line: line)
        return try XCTUnwrap(found.first, file: file, line: line)
    }

    var classes: [String] { (attribute(forName: "class")?.stringValue ?? "").split(separator: " ").map(String.init) }
    var childElements: [XMLElement] { (children ?? []).compactMap { $0 as? XMLElement } }
}

final class AdmonitionTests: XCTestCase {
    func testGitHubAlertBecomesAnAdmonitionWithoutItsMarker() {
        let doc = MarkdownParser.parse("> [!NOTE]\n> Read *this*.\n", firstLine: 4)
        XCTAssertEqual(doc.blocks, [.admonition(Admonition(
            kind: .note, title: [],
            blocks: [.paragraph([.text("Read "), .emphasis([.text("this")]), .text(".")], at: SourcePosition(line: 5, column: 3))],
            position: SourcePosition(line: 4, column: 1)))])
    }

    func testEveryGitHubKindInAnyCase() {
        for kind in AdmonitionKind.allCases {
            for name in [kind.rawValue, kind.rawValue.uppercased(), kind.rawValue.capitalized] {
                guard case .admonition(let found)? = MarkdownParser.parse("> [!\(name)]\n> body\n").blocks.first else {
                    return XCTFail("[!\(name)] is no admonition")
                }
                XCTAssertEqual(found.kind, kind)
            }
        }
    }

    func testQuotesThatAreNotAlertsStayQuotes() {
        for text in ["> [!FOO]\n> body\n", "> [!NOTE]x\n> body\n", "> Text [!NOTE]\n", "> [!]\n> body\n",
                     "> [!NOTE 1]\n> body\n", "> [ !NOTE]\n", "> [!NOTE]*glued*\n> body\n", "> plain\n"] {
            guard case .blockQuote? = MarkdownParser.parse(text).blocks.first else {
                return XCTFail("\(text.debugDescription) became \(MarkdownParser.parse(text).blocks)")
            }
        }
    }

    func testRendersAsANoteWithTheKindsTitleAndItsBlocks() throws {
        let root = try renderedTree("""
        > [!WARNING]
        > Deleting the release deletes its PVCs:
        >
        > - event logs
        > - the metastore
        >
        > ```bash
        > helm uninstall spark
        > ```
        """)
        let box = try root.one("div[@role='note']")
        XCTAssertEqual(box.classes, ["admonition", "admonition-warning"])
        XCTAssertEqual(box.childElements.map(\.name), ["p", "p", "ul", "div"])
        let title = box.childElements[0]
        XCTAssertEqual(title.classes, ["admonition-title"])
        XCTAssertEqual(title.stringValue, "Warning")
        XCTAssertEqual(try box.all("ul/li").map(\.stringValue), ["event logs", "the metastore"])
        XCTAssertEqual(try box.one("div[@class='code']/pre/code").attribute(forName: "class")?.stringValue, "language-bash")
        XCTAssertTrue(try root.all(".//blockquote").isEmpty)
        XCTAssertFalse(root.stringValue?.contains("[!") ?? true, "the marker is shown")
    }

    func testCustomTitleKeepsItsMarkupAndTheKindForScreenReaders() throws {
        let root = try renderedTree("> [!TIP] Use `helm diff` first\n> It shows the change.\n")
        let title = try root.one("div/p[@class='admonition-title']")
        XCTAssertEqual(title.stringValue, "Tip: Use helm diff first")
        XCTAssertEqual(try title.one("span[@class='visually-hidden']").stringValue, "Tip: ")
        XCTAssertEqual(try title.one("code").stringValue, "helm diff")
        let bracketed = try renderedTree("> [!NOTE] See [x]`y`\n> body\n")
        XCTAssertEqual(try bracketed.one("div/p[@class='admonition-title']").stringValue, "Note: See [x]y")
        XCTAssertEqual(try root.all("div/p").map(\.stringValue), ["Tip: Use helm diff first", "It shows the change."])
    }

    func testTitleComesFromTheRendererInThePagesLanguage() throws {
        let russian = HTMLRenderer(admonitionTitle: { ["note": "Примечание", "caution": "Осторожно"][$0.rawValue] ?? "?" })
        let root = try renderedTree("> [!NOTE]\n> Текст.\n\n> [!CAUTION]\n> Текст.\n", renderer: russian)
        XCTAssertEqual(try root.all("div/p[@class='admonition-title']").map(\.stringValue), ["Примечание", "Осторожно"])
    }

    func testAdmonitionInsideAListItemAndAMarkerAloneInItsParagraph() throws {
        let root = try renderedTree("- step\n\n  > [!IMPORTANT]\n  >\n  > Inside.\n")
        let box = try root.one("ul/li/div[@role='note']")
        XCTAssertEqual(box.classes.last, "admonition-important")
        XCTAssertEqual(box.childElements.map(\.stringValue), ["Important", "Inside."])
    }

    func testWalkersSeeTheTitleAndTheBlocks() {
        let doc = MarkdownParser.parse("> [!NOTE] See [setup](setup.md)\n> ## Inside\n> [more](more.md)\n")
        XCTAssertEqual(doc.links().map(\.destination), ["setup.md", "more.md"])
        XCTAssertEqual(doc.headings().map(\.text), ["Inside"])
    }

    func testUnknownMarkerIsReadForTheCheck() {
        guard case .blockQuote(let blocks, _)? = MarkdownParser.parse("> [!Danger] Hot\n> body\n").blocks.first,
              let marker = AlertMarker(opening: blocks) else { return XCTFail("no marker") }
        XCTAssertEqual(marker.name, "Danger")
        XCTAssertNil(marker.kind)
    }
}

final class FenceInfoTests: XCTestCase {
    func testLanguageAndTitle() {
        XCTAssertEqual(FenceInfo(parsing: #"yaml title="values-prod.yaml""#), FenceInfo(language: "yaml", title: "values-prod.yaml"))
        XCTAssertEqual(FenceInfo(parsing: #"yaml title='my values.yaml' linenums="1""#).title, "my values.yaml")
        XCTAssertEqual(FenceInfo(parsing: "yaml title=plain.yaml"), FenceInfo(language: "yaml", title: "plain.yaml"))
        XCTAssertEqual(FenceInfo(parsing: #"python {1,3-4} title="job.py" showLineNumbers"#),
                       FenceInfo(language: "python", title: "job.py"))
        XCTAssertEqual(FenceInfo(parsing: #"title="Dockerfile""#), FenceInfo(language: "", title: "Dockerfile"))
        XCTAssertEqual(FenceInfo(parsing: "bash"), FenceInfo(language: "bash"))
        XCTAssertEqual(FenceInfo(parsing: ""), FenceInfo())
    }

    func testMalformedAttributesAreProblemsNotTitles() {
        let unclosed = FenceInfo(parsing: #"yaml title="values-prod.yaml"#)
        XCTAssertEqual(unclosed.language, "yaml")
        XCTAssertNil(unclosed.title)
        XCTAssertTrue(unclosed.problem?.contains("not closed") == true, unclosed.problem ?? "")
        let empty = FenceInfo(parsing: #"yaml title="""#)
        XCTAssertNil(empty.title)
        XCTAssertTrue(empty.problem?.contains("empty") == true, empty.problem ?? "")
    }

    func testTitledBlockIsAFigureAndTheHighlighterSeesOnlyTheLanguage() throws {
        var languages: [String] = []
        let renderer = HTMLRenderer(highlight: { language, _ in languages.append(language); return nil })
        let root = try renderedTree("```yaml title=\"values <prod>.yaml\"\na: 1\n```\n\n```bash\nls\n```\n", renderer: renderer)
        XCTAssertEqual(languages, ["yaml", "bash"])
        let figure = try root.one("figure")
        XCTAssertEqual(figure.classes, ["code-block"])
        XCTAssertEqual(figure.childElements.map(\.name), ["figcaption", "pre"])
        XCTAssertEqual(figure.childElements[0].classes, ["code-title"])
        XCTAssertEqual(figure.childElements[0].stringValue, "values <prod>.yaml")
        XCTAssertEqual(try figure.one("pre/code").attribute(forName: "class")?.stringValue, "language-yaml")
        XCTAssertEqual(try root.one("div[@class='code']/pre/code").stringValue, "ls\n", "untitled blocks keep their markup")
    }

    func testMalformedInfoStillRendersTheCode() throws {
        let root = try renderedTree("```yaml title=\"open\na: 1\n```\n")
        XCTAssertTrue(try root.all("figure").isEmpty)
        XCTAssertEqual(try root.one("div[@class='code']/pre/code[@class='language-yaml']").stringValue, "a: 1\n")
    }
}
