import Foundation
import XCTest
@testable import DocsiteKit

/// LinkCheck: links to pages, anchors, charts and values keys, and out of the repository (fixture: Fixtures/LinkCheck).
final class LinkCheckTests: XCTestCase {
    func clean() throws -> URL { try Fixture.copy("LinkCheck") }

    func runCheck(_ root: URL) throws -> [Diagnostic] { try findings(of: LinkCheck(), in: root) }

    func testBrokenPageLink() throws {
        let root = try clean()
        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "../index.md#welcome", with: "../missing.md") }
        let found = try runCheck(root)
        assertOnly(found, "link.broken", .error, file: "content/en/guides/setup.md", line: 16, column: 9,
                   mentions: "content/en/missing.md")
    }

    func testBrokenAnchorInBothLanguages() throws {
        let root = try clean()
        try edit(root, "content/ru/index.md") { $0.replacingOccurrences(of: "#install-the-charts", with: "#install-charts") }
        let found = try runCheck(root)
        assertOnly(found, "anchor.broken", .error, file: "content/ru/index.md", line: 6, column: 11,
                   mentions: "did you mean 'install-the-charts'")
    }

    func testLinkOutsideRepository() throws {
        let root = try clean()
        try edit(root, "content/en/index.md") { $0 + "\nSee [passwords](../../../../etc/passwd).\n" }
        let found = try runCheck(root)
        assertOnly(found, "link.outside", .error, file: "content/en/index.md", line: 10, column: 5)
    }

    func testChartKeyLinks() throws {
        let root = try clean()
        try edit(root, "content/en/index.md") { $0 + "\n[typo](chart:demo#server.replica) and [chart](chart:nope)\n" }
        let found = try runCheck(root)
        XCTAssertEqual(found.map(\.code), ["link.broken", "link.broken"])
        XCTAssertTrue(found[0].message.contains("has no values key 'server.replica'"))
        XCTAssertTrue(found[1].message.contains("chart 'nope'"))
    }
}
