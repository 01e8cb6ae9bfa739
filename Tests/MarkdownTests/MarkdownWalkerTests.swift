import XCTest
@testable import Markdown

/// The walker goes into every child by default, calls `leave` for every
/// `enter`, and `.skipChildren` skips exactly the node's children.
final class MarkdownWalkerTests: XCTestCase {
    /// Records every hook as one short line.
    struct Recorder: MarkdownVisitor {
        var events: [String] = []
        var skip: (Inline) -> Bool = { _ in false }

        mutating func enter(_ block: Block) -> Descent { events.append("enter \(name(block))"); return .children }
        mutating func leave(_ block: Block) { events.append("leave \(name(block))") }
        mutating func enter(_ item: ListItem, of list: ListBlock) -> Descent { events.append("enter item"); return .children }
        mutating func leave(_ item: ListItem, of list: ListBlock) { events.append("leave item") }
        mutating func enter(_ row: TableRow) -> Descent { events.append("enter row \(row.index)"); return .children }
        mutating func leave(_ row: TableRow) { events.append("leave row \(row.index)") }
        mutating func enter(_ cell: TableCell) -> Descent { events.append("enter cell \(cell.column)"); return .children }
        mutating func leave(_ cell: TableCell) { events.append("leave cell \(cell.column)") }
        mutating func enter(_ inline: Inline) -> Descent {
            if case .text(let text) = inline { events.append("text \(text)") }
            return skip(inline) ? .skipChildren : .children
        }

        func name(_ block: Block) -> String {
            switch block {
            case .paragraph: return "paragraph"
            case .heading: return "heading"
            case .codeBlock: return "code"
            case .blockQuote: return "quote"
            case .admonition: return "admonition"
            case .list: return "list"
            case .thematicBreak: return "hr"
            case .html: return "html"
            case .table: return "table"
            }
        }
    }

    func events(_ markdown: String, skip: @escaping (Inline) -> Bool = { _ in false }) -> [String] {
        var recorder = Recorder(skip: skip)
        MarkdownParser.parse(markdown).walk(&recorder)
        return recorder.events
    }

    func testDefaultDescentReachesTextInEveryContainer() {
        let markdown = """
        # H *a*

        > - **b** [c ~~d~~](x.md) ![e](i.png)

        | f | `g` |
        |---|-----|
        | h | i |
        """
        let texts = events(markdown).filter { $0.hasPrefix("text ") }
        XCTAssertEqual(texts, ["text H ", "text a", "text b", "text  ", "text c ", "text d", "text  ", "text e",
                               "text f", "text h", "text i"])
    }

    func testEnterAndLeaveNestInDocumentOrder() {
        XCTAssertEqual(events("> - x\n\n| a |\n|---|\n| b |\n"), [
            "enter quote", "enter list", "enter item", "enter paragraph", "text x", "leave paragraph", "leave item",
            "leave list", "leave quote",
            "enter table", "enter row 0", "enter cell 0", "text a", "leave cell 0", "leave row 0",
            "enter row 1", "enter cell 0", "text b", "leave cell 0", "leave row 1", "leave table",
        ])
    }

    func testSkipChildrenSkipsOnlyThatNode() {
        let skipImages: (Inline) -> Bool = { if case .image = $0 { return true } else { return false } }
        let texts = events("a ![alt *b*](i.png) c\n", skip: skipImages).filter { $0.hasPrefix("text ") }
        XCTAssertEqual(texts, ["text a ", "text  c"])
    }

    func testPlainTextJoinsEveryLevelAndBreaks() {
        let doc = MarkdownParser.parse("a *b **c** `d`* [e](x)\nf<br>\n")
        guard case .paragraph(let content, _)? = doc.blocks.first else { return XCTFail("\(doc.blocks)") }
        XCTAssertEqual(content.plainText, "a b c d e f<br>")
    }

    func testLinksAreFoundEverywhereButInsideAnImageDescription() {
        let markdown = """
        # [h](h.md)

        > 1. [q](q.md)

        | [t](t.md) |
        |---|
        | *[u](u.md)* |

        ![see [inner](inner.md)](pic.png) [![badge](b.png)](target.md)
        """
        let links = MarkdownParser.parse(markdown).links()
        XCTAssertEqual(links.map(\.destination), ["h.md", "q.md", "t.md", "u.md", "pic.png", "target.md", "b.png"])
        XCTAssertEqual(links.map(\.isImage), [false, false, false, false, true, false, true])
    }

    func testHeadingsInsideQuotesAndListsAreFound() {
        let headings = MarkdownParser.parse("# A\n\n> ## B\n\n- ### C\n").headings()
        XCTAssertEqual(headings.map(\.text), ["A", "B", "C"])
        XCTAssertEqual(headings.map(\.level), [1, 2, 3])
        XCTAssertEqual(headings.map(\.line), [1, 3, 5])
    }
}

/// The whole renderer on one page that uses every node kind: the markup it
/// wrote before it moved onto the walker and `HTMLWriter`, byte for byte.
final class RendererOutputTests: XCTestCase {
    func testEveryNodeKindRendersAsBefore() {
        let markdown = """
        # Title "q" {#top}

        Text *em* **strong** ~~del~~ `co<de>` [link](a.md "T&") ![alt *x*](i.png "I")\\
        next <span>

        > quote

        3. one
        4. two

        - [x] done
        - [ ] todo

           para

        ---

        <div>raw</div>

        ```swift
        let a = "<b>"
        ```

        | L | C | R | N |
        |:--|:-:|--:|---|
        | 1 | 2 | 3 | 4 |

        | only |
        |------|
        """
        let doc = MarkdownParser.parse(markdown)
        let html = HTMLRenderer(resolveLink: { "/r/" + $0 }, headingLinkLabel: "Link \"x\"").render(doc, headings: doc.headings())
        let expected = """
        <h1 id="top">Title "q"<a class="heading-link" href="#top" aria-label="Link &quot;x&quot;" data-pagefind-ignore>#</a></h1>
        <p>Text <em>em</em> <strong>strong</strong> <del>del</del> <code>co&lt;de&gt;</code> <a href="/r/a.md" title="T&amp;">link</a> <img src="/r/i.png" alt="alt x" title="I"><br>
        next &lt;span&gt;</p>
        <blockquote>
        <p>quote</p>
        </blockquote>
        <ol start="3">
        <li>one</li>
        <li>two</li>
        </ol>
        <ul class="task-list">
        <li><input type="checkbox" checked disabled aria-label="done"> <p>done</p></li>
        <li><input type="checkbox" disabled aria-label="to do"> <p>todo</p>
        <p>para</p></li>
        </ul>
        <hr>
        <pre class="raw-html">&lt;div&gt;raw&lt;/div&gt;
        </pre>
        <div class="code"><pre><code class="language-swift">let a = "&lt;b&gt;"
        </code></pre></div>
        <div class="table-wrap"><table>
        <thead>
        <tr><th class="align-left">L</th>
        <th class="align-center">C</th>
        <th class="align-right">R</th>
        <th>N</th>
        </tr>
        </thead>
        <tbody>
        <tr><td class="align-left">1</td><td class="align-center">2</td><td class="align-right">3</td><td>4</td></tr>
        </tbody>
        </table></div>
        <div class="table-wrap"><table>
        <thead>
        <tr><th>only</th>
        </tr>
        </thead>
        </table></div>

        """
        XCTAssertEqual(html, expected)
    }
}
