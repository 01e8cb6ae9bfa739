import Foundation
import XCTest
@testable import DocsiteKit

/// CheckRunner (`docsite check`): the load and check stages over the clean
/// fixture, strict mode, loader problems and a stable output order.
final class CheckRunnerTests: XCTestCase {
    func runCheck(_ root: URL, strict: Bool = false) throws -> [Diagnostic] {
        try CheckRunner.run(root: root, strict: strict).diagnostics
    }

    func clean() throws -> URL { try Fixture.copy("clean-site") }

    func testCleanFixtureHasNoDiagnosticsEvenWhenStrict() throws {
        XCTAssertEqual(try runCheck(try clean(), strict: true), [])
    }

    func testStrictTurnsWarningsIntoErrors() throws {
        let root = try clean()
        try edit(root, "content/en/guides/setup.md") { $0 + "\nMore.\n" }
        XCTAssertEqual(try runCheck(root, strict: true).map(\.severity), [.error])
    }

    func testFrontMatterErrorsAreReportedByCheckToo() throws {
        let root = try clean()
        try Fixture.write("---\ntitle: [\n---\n", to: "content/en/guides/broken.md", in: root)
        let found = try runCheck(root).filter { $0.file == "content/en/guides/broken.md" }
        XCTAssertEqual(found.map(\.code), ["frontmatter.invalid"])
        XCTAssertEqual(found.first?.line, 3)
    }

    func testOutputOrderIsStable() throws {
        let root = try clean()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/ru"))
        let first = try runCheck(root)
        let second = try runCheck(root)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first, first.sortedStably())
    }
}
