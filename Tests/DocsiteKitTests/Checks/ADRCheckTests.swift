import Foundation
import XCTest
@testable import DocsiteKit

/// ADRCheck: file names, metadata, sections and supersede links (fixture: Fixtures/ADRCheck).
final class ADRCheckTests: XCTestCase {
    func clean() throws -> URL { try Fixture.copy("ADRCheck") }

    func runCheck(_ root: URL) throws -> [Diagnostic] { try findings(of: ADRCheck(), in: root) }

    func testADRMetadata() throws {
        let root = try clean()
        try edit(root, "content/en/adr/0001-use-helm.md") { $0.replacingOccurrences(of: "status: accepted", with: "status: maybe") }
        let found = try runCheck(root)
        assertOnly(found, "adr.metadata", .error, file: "content/en/adr/0001-use-helm.md", line: 3, mentions: "maybe")
    }

    func testADRInvalidDate() throws {
        let root = try clean()
        try edit(root, "content/ru/adr/0001-use-helm.md") { $0.replacingOccurrences(of: "date: 2026-01-15", with: "date: 2026-02-30") }
        assertOnly(try runCheck(root), "adr.metadata", .error, file: "content/ru/adr/0001-use-helm.md", line: 4, mentions: "2026-02-30")
    }

    func testADRSections() throws {
        let root = try clean()
        try edit(root, "content/ru/adr/0001-use-helm.md") { $0.replacingOccurrences(of: "## Последствия {#consequences}", with: "## Итоги {#consequences}") }
        assertOnly(try runCheck(root), "adr.sections", .error, file: "content/ru/adr/0001-use-helm.md", line: 7, mentions: "Последствия")
    }

    func testADRSupersedesMustBeMirrored() throws {
        let root = try clean()
        for language in ["en", "ru"] {
            try Fixture.write("""
            ---
            title: Replace
            status: accepted
            date: 2026-03-01
            supersedes: [1]
            ---

            ## \(language == "en" ? "Context" : "Контекст {#context}")

            ## \(language == "en" ? "Decision" : "Решение {#decision}")

            ## \(language == "en" ? "Consequences" : "Последствия {#consequences}")

            """, to: "content/\(language)/adr/0002-replace.md", in: root)
        }
        _ = try TranslationStatus.sync(root: root, paths: ["content/ru/adr/0002-replace.md"])
        let found = try runCheck(root)
        XCTAssertEqual(found.map(\.code), ["adr.link", "adr.link"])
        XCTAssertEqual(found.map(\.file), ["content/en/adr/0002-replace.md", "content/ru/adr/0002-replace.md"])
        XCTAssertEqual(found.map(\.line), [5, 5])
        XCTAssertTrue(found[0].message.contains("superseded_by: [2]"))
    }
}
