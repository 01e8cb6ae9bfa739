import XCTest
import Foundation
import YAML
@testable import DocsiteKit

/// The YAML escaper against the real parser (libyaml through Yams), and the
/// three places that write YAML with it.
final class YAMLEscapingTests: XCTestCase {
    /// Strings that YAML would read as something else, fold, or refuse.
    static let hostile = [
        "", "plain", "yes", "null", "~", "0x1F", "1e3", " leading and trailing ", "a: b # c", "- item", "{ [ ] }",
        "\"double\" 'single' \\back\\slash", "Кириллица «ёлка» — ✓ 😀 e\u{301}",
        "line\nbreak\r\nand\ttab", "nel\u{85}ls\u{2028}ps\u{2029}", "bom\u{FEFF}inside", "nonchar\u{FFFE}\u{FFFF}",
        "esc\u{1B}[31m bell\u{7} nul\u{0} del\u{7F} c1\u{80}\u{9F}",
    ]

    func load(_ yaml: String) throws -> YAMLNode? { try YAMLLoader.load(yaml, file: "test.yaml") }

    func testEveryStringReadsBackUnchanged() throws {
        for sample in Self.hostile {
            let quoted = YAMLEscaping.doubleQuoted(sample)
            XCTAssertEqual(try load("key: \(quoted)\n")?["key"]?.string, sample, quoted)
        }
    }

    func testEscapesAreJSONsPlusYAMLsOwn() {
        XCTAssertEqual(YAMLEscaping.doubleQuoted("a\"b\\c"), #""a\"b\\c""#)
        XCTAssertEqual(YAMLEscaping.doubleQuoted("\n\r\t\u{85}\u{2028}\u{2029}"), #""\n\r\t\N\L\P""#)
        XCTAssertEqual(YAMLEscaping.doubleQuoted("\u{0}\u{1B}\u{7F}\u{9F}\u{FEFF}"), #""\u0000\u001b\u007f\u009f\ufeff""#)
        XCTAssertEqual(YAMLEscaping.doubleQuoted("ёлка ✓"), "\"ёлка ✓\"")
    }

    /// `docsite new adr` with a title that used to break the front matter
    /// (a raw line break was folded into a space, a control character made
    /// the page unreadable).
    func testNewADRFrontMatterKeepsAnyTitle() throws {
        let root = try Fixture.copy("minimal-site")
        let title = "Use \"Celeborn\" \\ shuffle\nsecond line\u{1B} ✓"
        let created = try NewADR.create(root: root, title: title, date: Date(timeIntervalSince1970: 1_790_000_000))
        for file in created {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let source = try PageSource.split(text, file: file)
            XCTAssertEqual(try FrontMatter.parse(source, file: file).title, title, file)
        }
    }

    /// The chart translation files carry the English text for translators;
    /// it must read back as it was.
    func testChartTranslationFileReadsBack() throws {
        let chart = Chart(id: "demo", directory: "charts/demo", metadata: nil, values: nil, schemaText: nil, subcharts: [])
        let sources = Self.hostile.enumerated().map { (key: "key\($0.offset)", english: $0.element) }
        let text = ChartTranslationFiles.render(chart: chart, language: "ru", sources: sources, entries: [:], memory: [:], sync: false)
        let node = try load(text)
        for source in sources {
            XCTAssertEqual(node?[source.key]?["english"]?.string, source.english, source.english.debugDescription)
        }
    }

    /// Defaults in the values reference are shown as YAML: a string that
    /// plain YAML cannot show as itself is quoted and reads back.
    func testValuesReferenceDefaultsReadBack() throws {
        for sample in Self.hostile {
            let shown = YAMLText.inline(.string(sample))
            XCTAssertEqual(try load("key: \(shown)\n")?["key"]?.string, sample, shown)
        }
        XCTAssertEqual(YAMLText.inline(.string("plain words")), "plain words")
    }
}
