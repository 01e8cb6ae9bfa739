import XCTest
@testable import Markdown

/// Every block and the inlines cmark places carry a file line and a column
/// counted in Unicode scalars.
final class SourcePositionTests: XCTestCase {
    func position(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

    func testBlocksCarryLineAndColumn() {
        let doc = MarkdownParser.parse("# Title\n\n> quote\n\n- a\n\n  1. b\n\n    code\n", firstLine: 4)
        XCTAssertEqual(doc.blocks.map(\.position), [position(4, 1), position(6, 1), position(8, 1)])
        guard case .blockQuote(let quoted, _) = doc.blocks[1], case .list(let list) = doc.blocks[2] else {
            return XCTFail("\(doc.blocks)")
        }
        XCTAssertEqual(quoted.first?.position, position(6, 3))
        XCTAssertEqual(list.items.first?.position, position(8, 1))
        // `code` is indented less than `b`'s content: a paragraph of the outer item.
        XCTAssertEqual(list.items.first?.blocks.map(\.position), [position(8, 3), position(10, 3), position(12, 5)])
    }

    func testLinkColumnsCountScalarsNotBytes() {
        let links = MarkdownParser.parse("Ёжик и [ёлка](a.md) [b](b.md)\n", firstLine: 3).links()
        XCTAssertEqual(links.map(\.position), [position(3, 8), position(3, 21)])
        let table = MarkdownParser.parse("| Ж | ![i](i.png) |\n|---|---|\n").links()
        XCTAssertEqual(table.map(\.position), [position(1, 7)])
    }

    func testCarriageReturnLinesAndTabs() {
        let links = MarkdownParser.parse("a\r\n\r\n- [x](x.md)\tand [t](t.md)\r  more [u](u.md)\r\r[y](y.md)\n").links()
        XCTAssertEqual(links.map(\.position), [position(3, 3), position(3, 17), position(4, 8), position(6, 1)],
                       "a tab is one column; a lone CR ends a line")
    }

    /// cmark counts the newline inside a multi-line code span or inline HTML
    /// only with CMARK_OPT_SOURCEPOS; without it the link below sat on line 1.
    func testLinksAfterAMultiLineCodeSpanKeepTheirLine() {
        XCTAssertEqual(MarkdownParser.parse("a `code\nspan` [z](z.md)\n").links().map(\.position), [position(2, 7)])
        XCTAssertEqual(MarkdownParser.parse("a <b\nc> [z](z.md)\n").links().map(\.position), [position(2, 4)])
    }

    func testCodeSpansArePlacedAndUnplacedInlinesTakeTheirBlock() {
        let doc = MarkdownParser.parse("Text\n\n> see https://example.org and `code`\n")
        guard case .blockQuote(let inner, _) = doc.blocks[1], case .paragraph(let content, _)? = inner.first else {
            return XCTFail("\(doc.blocks)")
        }
        let placed = content.compactMap { inline -> SourcePosition? in
            switch inline {
            case .link(_, _, _, let at), .code(_, let at): return at
            default: return nil
            }
        }
        XCTAssertEqual(placed, [position(3, 3), position(3, 32)], "autolink at its paragraph, code at its first character")
    }

    func testFlattenedNestingKeepsItsColumn() {
        let text = "Intro.\n\n- " + String(repeating: "> ", count: 100) + "deep\n"
        let flattened = MarkdownParser.parse(text, firstLine: 5).flattened
        XCTAssertEqual(flattened?.line, 7)
        XCTAssertEqual(flattened?.column, 3 + 2 * (MarkdownParser.maximumNesting - 1))
    }
}
