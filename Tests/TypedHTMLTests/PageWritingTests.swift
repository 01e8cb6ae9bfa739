import XCTest
@testable import TypedHTML

final class ByteTextTests: XCTestCase {
    func write(_ text: String) -> String {
        var writer = HTMLWriter()
        var text = text
        text.withUTF8 { writer.text(utf8: $0) }
        return writer.output
    }

    func testBytesAreEscapedLikeStrings() {
        for sample in ["", "plain", "<", "a<b>&c", "&&&", "if a < b && c > d:", "Задание <Spark> — ✓", "\"quotes\" 'stay'"] {
            XCTAssertEqual(write(sample), HTMLEscaping.text(sample), sample)
        }
    }

    func testASliceOfABufferWritesOnlyThatSlice() {
        var writer = HTMLWriter()
        var code = "key: <v> ünïcode"
        code.withUTF8 { bytes in writer.text(utf8: UnsafeBufferPointer(rebasing: bytes[5..<11])) }
        XCTAssertEqual(writer.output, "&lt;v&gt; ü")
    }
}

final class DoctypeTests: XCTestCase {
    func testDoctypeStartsAPage() {
        var writer = HTMLWriter()
        writer.doctype()
        writer.newline()
        writer.element(.html, [.lang("en")])
        XCTAssertEqual(writer.output, "<!DOCTYPE html>\n<html lang=\"en\"></html>")
    }
}

final class TemplateTests: XCTestCase {
    func sampleTemplate() -> HTMLTemplate {
        var template = HTMLTemplate()
        template.write { $0.open(.ul) }
        for (key, title) in [("a/", "A & B"), ("b/", "B")] {
            template.write { $0.open(.li) }
            template.mark(key) { $0.element(.a, [.href(key)], text: title) }
            template.write { $0.close(.li) }
        }
        template.write { $0.close(.ul) }
        return template
    }

    func testWithoutAReplacementTheMarkupIsWrittenAsIs() {
        var writer = HTMLWriter()
        sampleTemplate().append(into: &writer)
        XCTAssertEqual(writer.output, #"<ul><li><a href="a/">A &amp; B</a></li><li><a href="b/">B</a></li></ul>"#)
    }

    func testTheMarkedPieceIsSwappedAndNothingElse() {
        let template = sampleTemplate()
        var writer = HTMLWriter()
        template.append(into: &writer, replacing: "b/", with: .element(.strong, text: "here<"))
        XCTAssertEqual(writer.output, #"<ul><li><a href="a/">A &amp; B</a></li><li><strong>here&lt;</strong></li></ul>"#)
        // The template itself is unchanged and can be written again.
        var again = HTMLWriter()
        template.append(into: &again, replacing: "a/", with: .text("x"))
        XCTAssertEqual(again.output, #"<ul><li>x</li><li><a href="b/">B</a></li></ul>"#)
    }

    func testElementsAroundMarkedPiecesAreClosedWhereOpened() {
        var template = HTMLTemplate()
        template.element(.nav, [.ariaLabel("Site")]) { nav in
            nav.newline()
            nav.element(.ul) { list in
                list.element(.li) { $0.mark("x/") { $0.element(.a, [.href("x/")], text: "X") } }
                list.newline()
            }
        }
        var writer = HTMLWriter()
        template.append(into: &writer, replacing: "x/", with: .element(.a, [.href("x/"), Attribute("aria-current", "page")], text: "X"))
        XCTAssertEqual(writer.output, "<nav aria-label=\"Site\">\n<ul><li><a href=\"x/\" aria-current=\"page\">X</a></li>\n</ul></nav>")
    }

    func testAnUnknownKeyLeavesTheMarkupWhole() {
        let template = sampleTemplate()
        XCTAssertTrue(template.isMarked("a/"))
        XCTAssertFalse(template.isMarked("c/"))
        var writer = HTMLWriter()
        template.append(into: &writer, replacing: "c/", with: .text("never"))
        XCTAssertEqual(writer.output, template.markup)
    }
}
