import XCTest
@testable import TypedHTML

final class EscapingTests: XCTestCase {
    func testTextEscapesMarkupButNotQuotes() {
        XCTAssertEqual(HTMLEscaping.text(#"<a href="x">Tom & 'Jerry'</a>"#),
                       #"&lt;a href="x"&gt;Tom &amp; 'Jerry'&lt;/a&gt;"#)
    }

    func testAttributeEscapesBothQuotes() {
        XCTAssertEqual(HTMLEscaping.attribute(#"a"b'c<d>&"#), "a&quot;b&#39;c&lt;d&gt;&amp;")
    }

    func testNonASCIIPassesThroughAroundEscapes() {
        XCTAssertEqual(HTMLEscaping.text("Задание <Spark> — ✓"), "Задание &lt;Spark&gt; — ✓")
        XCTAssertEqual(HTMLEscaping.text("без разметки"), "без разметки")
    }

    func testAlreadyEscapedTextIsEscapedAgain() {
        // Text is text: an entity in the source is shown, not interpreted.
        XCTAssertEqual(HTMLEscaping.text("&amp;"), "&amp;amp;")
    }
}

final class WriterTests: XCTestCase {
    func testElementWithAttributesAndText() {
        var writer = HTMLWriter()
        writer.element(.a, [.href("/x?a=1&b=\"2\""), .class("ext")], text: "<go>")
        XCTAssertEqual(writer.output, #"<a href="/x?a=1&amp;b=&quot;2&quot;" class="ext">&lt;go&gt;</a>"#)
    }

    func testVoidElementHasNoEndTagAndFlagsHaveNoValue() {
        var writer = HTMLWriter()
        writer.element(.input, [Attribute("type", "checkbox"), .flag("checked"), .flag("disabled")]) { $0.text("ignored") }
        XCTAssertEqual(writer.output, #"<input type="checkbox" checked disabled>"#)
    }

    func testNestedElementsAreBalanced() {
        var writer = HTMLWriter()
        writer.element(.ul) { list in
            for item in ["a", "b"] { list.element(.li, text: item) }
        }
        XCTAssertEqual(writer.output, "<ul><li>a</li><li>b</li></ul>")
    }

    func testTrimTrailingNewlineRemovesOnlyOne() {
        var writer = HTMLWriter()
        writer.text("x")
        writer.newline()
        writer.newline()
        writer.trimTrailingNewline()
        XCTAssertEqual(writer.output, "x\n")
    }

    func testBytesAndStringAgreeAcrossMultibyteTextAndEscapes() {
        var writer = HTMLWriter()
        writer.element(.p, [.title("«кавычки» & \"quotes\"")], text: "Задание <Spark> — ✓ 🚀")
        XCTAssertEqual(writer.output, #"<p title="«кавычки» &amp; &quot;quotes&quot;">Задание &lt;Spark&gt; — ✓ 🚀</p>"#)
        XCTAssertEqual(writer.utf8, Array(writer.output.utf8))
        XCTAssertEqual(writer.html.markup, writer.output)
    }

    func testHeadingLevelsAreClamped() {
        XCTAssertEqual(Tag.heading(0).name, "h1")
        XCTAssertEqual(Tag.heading(3).name, "h3")
        XCTAssertEqual(Tag.heading(9).name, "h6")
    }
}

final class FragmentTests: XCTestCase {
    func testFragmentsComposeWithoutDoubleEscaping() {
        let link = HTML.element(.a, [.href("a&b")], text: "x<y")
        let cell = HTML.element(.td, [], [link, .text(" & more")])
        XCTAssertEqual(cell.markup, #"<td><a href="a&amp;b">x&lt;y</a> &amp; more</td>"#)
    }

    func testJoinedUsesTheSeparatorBetweenItems() {
        let items: [HTML] = [.text("a"), .text("b<"), .text("c")]
        XCTAssertEqual(items.joined(separator: .text(", ")).markup, "a, b&lt;, c")
        XCTAssertEqual([HTML]().joined(separator: .text(", ")), .empty)
    }

    func testTrustedMarkupIsKeptAsIs() {
        XCTAssertEqual(HTML.trusted("<span class=\"k\">if</span>").markup, "<span class=\"k\">if</span>")
    }
}
