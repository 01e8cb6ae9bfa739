import Foundation
import XCTest
@testable import DocsiteKit

/// TranslationParityCheck and UIStringsParityCheck: a page pair or the UI strings out of step (fixture: Fixtures/TranslationParityCheck).
final class TranslationParityCheckTests: XCTestCase {
    func clean() throws -> URL { try Fixture.copy("TranslationParityCheck") }

    func runCheck(_ root: URL) throws -> [Diagnostic] {
        try findings(of: TranslationParityCheck(), UIStringsParityCheck(), in: root)
    }

    func testMissingTranslationNamesEnglishFileAndExpectedPath() throws {
        let root = try clean()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/ru/guides/setup.md"))
        assertOnly(try runCheck(root), "translation.missing", .error, file: "content/en/guides/setup.md", line: 1,
                   mentions: "content/ru/guides/setup.md")
    }

    func testOrphanTranslation() throws {
        let root = try clean()
        try Fixture.write("---\ntitle: Сирота\n---\n", to: "content/ru/guides/orphan.md", in: root)
        assertOnly(try runCheck(root), "translation.orphan", .warning, file: "content/ru/guides/orphan.md", line: 1)
    }

    func testStaleTranslationAfterEnglishEdit() throws {
        let root = try clean()
        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "Back to", with: "Return to") }
        assertOnly(try runCheck(root), "translation.stale", .warning, file: "content/ru/guides/setup.md", line: 4,
                   mentions: "changed after")
        // Syncing records the new hash and the warning goes away.
        _ = try TranslationStatus.sync(root: root, paths: ["content/ru/guides/setup.md"])
        XCTAssertEqual(try runCheck(root), [])
    }

    func testDriftInCodeBlocks() throws {
        let root = try clean()
        try edit(root, "content/ru/guides/setup.md") { $0.replacingOccurrences(of: "helm install demo", with: "helm upgrade demo") }
        assertOnly(try runCheck(root), "translation.drift", .warning, file: "content/ru/guides/setup.md", line: 9,
                   mentions: "code block 1")
    }

    func testDriftInStructure() throws {
        let root = try clean()
        try edit(root, "content/ru/guides/setup.md") { $0 + "\n## Лишний раздел\n" }
        assertOnly(try runCheck(root), "translation.drift", .warning, file: "content/ru/guides/setup.md", line: 1,
                   mentions: "2 headings instead of 1")
    }

    func testStubFromNewADRIsReportedAsMissing() throws {
        let root = try clean()
        let created = try NewADR.create(root: root, title: "Use Celeborn", date: Date(timeIntervalSince1970: 1_790_000_000))
        XCTAssertEqual(created, ["content/en/adr/0002-use-celeborn.md", "content/ru/adr/0002-use-celeborn.md"])
        assertOnly(try runCheck(root), "translation.missing", .error, file: "content/ru/adr/0002-use-celeborn.md", line: 5,
                   mentions: "stub")
    }

    func testUIStringMissingInRussian() throws {
        let root = try clean()
        try Fixture.write("nav:\n  home: Главная\n", to: "content/i18n/ru.yaml", in: root)
        assertOnly(try runCheck(root), "translation.missing", .error, file: "content/i18n/en.yaml", line: 3, mentions: "'footer'")
    }
}
