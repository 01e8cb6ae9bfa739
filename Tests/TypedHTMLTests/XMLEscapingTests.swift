import XCTest
import Foundation
#if canImport(FoundationXML)
// XMLDocument lives here on Linux (libxml2, which the Swift compiler itself links).
import FoundationXML
#endif
@testable import TypedHTML

final class XMLEscapingTests: XCTestCase {
    func testTheFiveSpecialCharactersBecomeReferences() {
        XCTAssertEqual(XMLEscaping.text(#"a<b>&"c" 'd'"#), "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;")
        XCTAssertEqual(XMLEscaping.attribute(#"<&>"'"#), "&lt;&amp;&gt;&quot;&apos;")
    }

    func testNonASCIIIsKeptAsIs() {
        XCTAssertEqual(XMLEscaping.text("ru/руководство/ — ✓ 😀"), "ru/руководство/ — ✓ 😀")
        XCTAssertEqual(XMLEscaping.attribute("Ёж & ёлка"), "Ёж &amp; ёлка")
    }

    func testControlCharactersXMLCannotCarryAreReplaced() {
        XCTAssertEqual(XMLEscaping.text("a\u{0}b\u{1B}[31mc\u{7}"), "a?b?[31mc?")
        XCTAssertEqual(XMLEscaping.text("x\u{FFFE}y\u{FFFF}z"), "x?y?z")
        // DEL and C1 controls are allowed in XML 1.0 and kept.
        XCTAssertEqual(XMLEscaping.text("\u{7F}\u{85}"), "\u{7F}\u{85}")
    }

    func testLineBreaksAndTabsSurviveInAttributes() {
        XCTAssertEqual(XMLEscaping.attribute("a\nb\tc\r\nd"), "a&#10;b&#9;c&#13;&#10;d")
        XCTAssertEqual(XMLEscaping.text("a\nb\tc\r\nd"), "a\nb\tc&#13;\nd")
    }

    /// A real XML parser reads back exactly what was escaped.
    func testAParserReadsBackTheOriginal() throws {
        let samples = ["plain", "a<b>&c\"d'e", "line one\nline two\ttab\r\nthree", "Кириллица «кавычки» 😀", ""]
        for sample in samples {
            let document = "<r a=\"\(XMLEscaping.attribute(sample))\">\(XMLEscaping.text(sample))</r>"
            let parsed = try XMLDocument(xmlString: document, options: [.nodePreserveWhitespace])
            let root = try XCTUnwrap(parsed.rootElement())
            XCTAssertEqual(root.attribute(forName: "a")?.stringValue, sample, sample.debugDescription)
            XCTAssertEqual(root.stringValue, sample, sample.debugDescription)
        }
    }
}
