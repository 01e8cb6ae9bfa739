import Foundation
import XCTest
@testable import DocsiteKit

/// Admonitions and titled code blocks: what `docsite check` reports about
/// them and how a built page shows them in each language.
final class MarkdownBlocksCheckTests: XCTestCase {
    func testUnknownKindsAndMalformedFencesAreWarningsAtTheirLines() throws {
        let root = try Fixture.copy("ContentBlocks")
        let found = try findings(of: MarkdownBlocksCheck(), in: root)
        XCTAssertEqual(found.map(\.code), ["markdown.admonition", "markdown.admonition", "markdown.fence-info"])
        XCTAssertEqual(found.map(\.file), Array(repeating: "content/en/guides/blocks.md", count: 3))
        XCTAssertEqual(found.map(\.line), [9, 14, 20])
        XCTAssertEqual(found.map(\.column), [1, 3, 1], "the quote's `>` inside the list item; the fence")
        XCTAssertEqual(Set(found.map(\.severity)), [.warning])
        XCTAssertTrue(found[0].message.contains("'[!DANGER]'") && found[0].message.contains("NOTE, TIP"), found[0].message)
        XCTAssertTrue(found[2].message.contains("not closed") && found[2].message.contains("without a title"), found[2].message)
    }

    func testBuiltPagesTitleAdmonitionsInTheirLanguageAndCaptionCode() throws {
        let root = try Fixture.copy("ContentBlocks")
        _ = try build(root)
        let english = try String(contentsOf: root.appendingPathComponent("site-out/en/guides/blocks/index.html"), encoding: .utf8)
        let russian = try String(contentsOf: root.appendingPathComponent("site-out/ru/guides/blocks/index.html"), encoding: .utf8)
        XCTAssertEqual(HTMLScan.texts(of: #"p class="admonition-title""#, in: english), ["Note"])
        XCTAssertEqual(HTMLScan.texts(of: #"p class="admonition-title""#, in: russian),
                       ["Примечание", #"<span class="visually-hidden">Предупреждение: </span>Потеря данных"#])
        let boxes = HTMLScan.elements(in: russian).filter { $0.attributes["role"] == "note" }.map { $0.attributes["class"] }
        XCTAssertEqual(boxes, ["admonition admonition-note", "admonition admonition-warning"])
        for page in [english, russian] {
            XCTAssertEqual(HTMLScan.texts(of: #"figcaption class="code-title""#, in: page), ["values-prod.yaml"])
            XCTAssertEqual(HTMLScan.elements(in: page).filter { $0.name == "figure" }.map { $0.attributes["class"] }, ["code-block"])
        }
        // The unknown kind and the malformed fence still reach the reader.
        XCTAssertTrue(english.contains("[!DANGER]"))
        XCTAssertTrue(english.contains(#"<code class="language-yaml"><span class="tok-key">b</span>"#), "the untitled block is highlighted")
    }

    func testATranslationWithOtherAdmonitionsHasDrifted() throws {
        let root = try Fixture.make([
            "content/site.yaml": Fixture.minimalConfig,
            "content/en/index.md": "---\ntitle: Home\n---\n> [!WARNING]\n> Careful.\n\n> [!TIP]\n> Quick.\n",
            "content/ru/index.md": "---\ntitle: Главная\n---\n> [!NOTE]\n> Осторожно.\n\n> [!TIP]\n> Быстро.\n",
        ])
        let drift = try findings(of: TranslationParityCheck(), in: root).filter { $0.code == "translation.drift" }
        XCTAssertEqual(drift.map(\.file), ["content/ru/index.md"])
        XCTAssertTrue(drift.first?.message.contains("admonitions (note, tip) instead of (warning, tip)") == true,
                      drift.first?.message ?? "")
    }

    func testATranslationWithAnotherCodeTitleOrLanguageHasDrifted() throws {
        let fence = "```"
        let root = try Fixture.make([
            "content/site.yaml": Fixture.minimalConfig,
            "content/en/index.md": "---\ntitle: Home\n---\n\(fence)yaml title=\"values-prod.yaml\"\na: 1\n\(fence)\n\n\(fence)bash\nls\n\(fence)\n\n\(fence)yaml title=\"same.yaml\"\nb: 2\n\(fence)\n",
            "content/ru/index.md": "---\ntitle: Главная\n---\n\(fence)yaml title=\"значения.yaml\"\na: 1\n\(fence)\n\n\(fence)sh\nls\n\(fence)\n\n\(fence)yaml title=\"same.yaml\"\nb: 2\n\(fence)\n",
        ])
        let drift = try findings(of: TranslationParityCheck(), in: root).filter { $0.code == "translation.drift" }
        XCTAssertEqual(drift.map(\.file), ["content/ru/index.md", "content/ru/index.md"], drift.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(drift.map(\.line), [4, 8], "the translation's fences")
        XCTAssertTrue(drift[0].message.contains(#"yaml titled "значения.yaml" here but yaml titled "values-prod.yaml""#), drift[0].message)
        XCTAssertTrue(drift[1].message.contains("sh without a title here but bash without a title"), drift[1].message)
    }
}
