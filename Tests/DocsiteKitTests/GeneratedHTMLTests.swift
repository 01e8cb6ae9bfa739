import XCTest
import TypedHTML
@testable import DocsiteKit

/// The pieces generated pages are built from.
final class GeneratedHTMLTests: XCTestCase {
    func testTableEscapesHeadersAndKeepsRowAttributesAndCells() {
        let rows = [
            GeneratedHTML.Row([.text("0001"), GeneratedHTML.link("a/?x=1&y=2", "A <b>")], attributes: [.data("status", "accepted")]),
            GeneratedHTML.Row([.text("0002"), .text("—")]),
        ]
        let html = GeneratedHTML.table(["No.", "Title & more"], rows, className: "adr-table").markup
        XCTAssertEqual(html, """
        <div class="table-wrap"><table class="adr-table">
        <thead><tr><th scope="col">No.</th>
        <th scope="col">Title &amp; more</th>
        </tr></thead>
        <tbody>
        <tr data-status="accepted"><td>0001</td><td><a href="a/?x=1&amp;y=2">A &lt;b&gt;</a></td></tr>
        <tr><td>0002</td><td>—</td></tr>
        </tbody>
        </table></div>

        """)
    }

    func testHeadingLinksToItsOwnEncodedAnchor() {
        let html = GeneratedHTML.heading(2, "быстрый-старт", "Быстрый <старт>", label: "Link \"here\"").markup
        XCTAssertEqual(html, "<h2 id=\"быстрый-старт\">Быстрый &lt;старт&gt;"
            + "<a class=\"heading-link\" href=\"#%D0%B1%D1%8B%D1%81%D1%82%D1%80%D1%8B%D0%B9-%D1%81%D1%82%D0%B0%D1%80%D1%82\" aria-label=\"Link &quot;here&quot;\" data-pagefind-ignore>#</a></h2>\n")
    }

    func testListPutsOneItemALine() {
        let html = GeneratedHTML.list([.text("a&b"), GeneratedHTML.code("x")], attributes: [.class("problems")]).markup
        XCTAssertEqual(html, "<ul class=\"problems\">\n<li>a&amp;b</li>\n<li><code>x</code></li>\n</ul>\n")
    }

    func testCodeBlockIsHighlightedOnlyWhenAHighlighterIsGiven() {
        let code = "key: <v>"
        let plain = GeneratedHTML.codeBlock(code, language: "yaml", highlighter: nil).markup
        XCTAssertEqual(plain, "<div class=\"code\"><pre><code class=\"language-yaml\">key: &lt;v&gt;</code></pre></div>\n")
        let highlighted = GeneratedHTML.codeBlock(code, language: "yaml", highlighter: SyntaxHighlighter()).markup
        XCTAssertTrue(highlighted.contains("<span class=\"tok-key\">key</span>"), highlighted)
        XCTAssertTrue(highlighted.contains("&lt;v&gt;"), highlighted)
    }
}
