import Markdown
import XCTest

/// Issue 17, class 7: the checks made before cmark-gfm sees a page. Each
/// attack is built at a size that exceeds the budget and at one just within
/// it; `docsite-bench hostile` prints the timings of both.
final class MarkdownBudgetTests: XCTestCase {
    let budget = MarkdownBudget.standard

    func excess(_ text: String) -> MarkdownBudget.Excess? { budget.check(text) }

    func testWideAndLongTables() {
        let wide = "intro\n\n|" + String(repeating: "a|", count: 1001) + "\n|" + String(repeating: "-|", count: 1001) + "\nx\n"
        XCTAssertEqual(excess(wide)?.line, 3)
        XCTAssertTrue(excess(wide)?.message.contains("1001 columns") == true)
        // 500 columns × 201 rows: the padding multiplies into 100,500 cells.
        let long = "|" + String(repeating: "a|", count: 500) + "\n|" + String(repeating: ":-:|", count: 500) + "\n" + String(repeating: "x\n", count: 199)
        XCTAssertNotNil(excess(long))
        // Within: 500 × 199 cells; in a blockquote too; a blank line ends a table.
        let within = "|" + String(repeating: "a|", count: 500) + "\n|" + String(repeating: "-|", count: 500) + "\n" + String(repeating: "x\n", count: 197)
        XCTAssertNil(excess(within))
        XCTAssertNil(excess(within + "\n" + within))
        XCTAssertNotNil(excess(long.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")))
    }

    func testQuadraticOpeners() {
        for opener in ["![[]()", "a <![CDATA[ ", "a <?x "] {
            let over = String(repeating: opener, count: 2001)
            XCTAssertNotNil(excess("# Title\n\n" + over), opener)
            XCTAssertEqual(excess("# Title\n\n" + over)?.line, 3, opener)
            XCTAssertNil(excess(String(repeating: opener, count: 1000)), opener)
        }
    }

    func testReferenceExpansion() {
        let definition = "[a]: /" + String(repeating: "u", count: 4000) + "\n\n"
        let over = definition + String(repeating: "[a] [A] ", count: 2200)
        XCTAssertEqual(excess("text\n\n" + over)?.line, 3)
        XCTAssertTrue(excess(over)?.message.contains("(4004 bytes) is used 440") == true, "\(String(describing: excess(over)))")
        XCTAssertNil(excess(definition + String(repeating: "[a] ", count: 3000)))
        // Brackets that name no definition copy nothing.
        XCTAssertNil(excess(definition + String(repeating: "[b] ", count: 50_000)))
    }

    func testPageSizeAndInlineMarkers() {
        XCTAssertEqual(excess(String(repeating: "word ", count: 1_700_000))?.line, 1)
        XCTAssertNil(excess(String(repeating: "Lorem ipsum dolor sit amet.\n", count: 200_000)))
        XCTAssertNotNil(excess(String(repeating: "*a* ", count: 130_000)))
        XCTAssertNil(excess(String(repeating: "*a* ", count: 120_000)))
    }

    func testOrdinaryMarkdownPasses() {
        let page = """
        # Guide

        | Key | Value |
        | --- | :---: |
        | a | b |

        See [setup][s], ![logo](logo.png) and <https://example.com>.

        [s]: setup.md "Setup"
        """
        XCTAssertNil(excess(page))
    }
}
