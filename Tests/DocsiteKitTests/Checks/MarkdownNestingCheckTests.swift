import Foundation
import XCTest
@testable import DocsiteKit
import Markdown

/// MarkdownNestingCheck: nesting the parser flattened is a warning at its line.
final class MarkdownNestingCheckTests: XCTestCase {

    func testFlattenedDeepNestingIsAWarningAtItsLine() throws {
        let deep = "---\ntitle: Deep\n---\nIntro.\n\n" + String(repeating: "> ", count: 5_000) + "deep\n"
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: Home\n---\n> shallow\n",
                                     "content/en/guides/deep.md": deep])
        let found = try findings(of: MarkdownNestingCheck(), in: root)
        XCTAssertEqual(found.map(\.code), ["markdown.flattened"])
        XCTAssertEqual(found.first?.file, "content/en/guides/deep.md")
        XCTAssertEqual(found.first?.line, 6)
        XCTAssertEqual(found.first?.column, 1 + 2 * MarkdownParser.maximumNesting, "the first quote below the limit")
        XCTAssertEqual(found.first?.severity, .warning)
    }
}
