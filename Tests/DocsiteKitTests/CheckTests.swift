import Foundation
import XCTest
@testable import DocsiteKit
import Markdown

/// Each check code: one small change to the clean fixture triggers exactly
/// that code at the right file and line.
final class CheckTests: XCTestCase {
    func runCheck(_ root: URL, strict: Bool = false) throws -> [Diagnostic] {
        try CheckRunner.run(root: root, strict: strict).diagnostics
    }

    func clean() throws -> URL { try Fixture.copy("clean-site") }

    func assertOnly(_ diagnostics: [Diagnostic], _ code: String, _ severity: Diagnostic.Severity,
                    file: String, line: Int?, column: Int? = nil, mentions: String = "", sourceLine: UInt = #line) {
        XCTAssertEqual(diagnostics.map(\.code), [code], "\(diagnostics)", line: sourceLine)
        XCTAssertEqual(diagnostics.first?.severity, severity, line: sourceLine)
        XCTAssertEqual(diagnostics.first?.file, file, line: sourceLine)
        XCTAssertEqual(diagnostics.first?.line, line, line: sourceLine)
        if let column { XCTAssertEqual(diagnostics.first?.column, column, line: sourceLine) }
        if !mentions.isEmpty {
            XCTAssertTrue(diagnostics.first?.message.contains(mentions) == true, diagnostics.first?.message ?? "", line: sourceLine)
        }
    }

    func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    func testCleanFixtureHasNoDiagnosticsEvenWhenStrict() throws {
        XCTAssertEqual(try runCheck(try clean(), strict: true), [])
    }

    func testMissingTranslationNamesEnglishFileAndExpectedPath() throws {
        let root = try clean()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/ru/guides/setup.md"))
        let found = try runCheck(root).filter { $0.code != "link.broken" && $0.code != "anchor.broken" }
        assertOnly(found, "translation.missing", .error, file: "content/en/guides/setup.md", line: 1,
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

    func testStrictTurnsWarningsIntoErrors() throws {
        let root = try clean()
        try edit(root, "content/en/guides/setup.md") { $0 + "\nMore.\n" }
        XCTAssertEqual(try runCheck(root, strict: true).map(\.severity), [.error])
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

    func testBrokenPageLink() throws {
        let root = try clean()
        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "../index.md#welcome", with: "../missing.md") }
        let found = try runCheck(root).filter { $0.code != "translation.stale" && $0.code != "translation.drift" }
        assertOnly(found, "link.broken", .error, file: "content/en/guides/setup.md", line: 16, column: 9,
                   mentions: "content/en/missing.md")
    }

    func testBrokenAnchorInBothLanguages() throws {
        let root = try clean()
        try edit(root, "content/ru/index.md") { $0.replacingOccurrences(of: "#install-the-charts", with: "#install-charts") }
        let found = try runCheck(root).filter { $0.code != "translation.drift" }
        assertOnly(found, "anchor.broken", .error, file: "content/ru/index.md", line: 6, column: 11,
                   mentions: "did you mean 'install-the-charts'")
    }

    func testLinkOutsideRepository() throws {
        let root = try clean()
        try edit(root, "content/en/index.md") { $0 + "\nSee [passwords](../../../../etc/passwd).\n" }
        let found = try runCheck(root).filter { !$0.code.hasPrefix("translation.") }
        assertOnly(found, "link.outside", .error, file: "content/en/index.md", line: 10, column: 5)
    }

    func testChartKeyLinks() throws {
        let root = try clean()
        try edit(root, "content/en/index.md") { $0 + "\n[typo](chart:demo#server.replica) and [chart](chart:nope)\n" }
        let found = try runCheck(root).filter { !$0.code.hasPrefix("translation.") }
        XCTAssertEqual(found.map(\.code), ["link.broken", "link.broken"])
        XCTAssertTrue(found[0].message.contains("has no values key 'server.replica'"))
        XCTAssertTrue(found[1].message.contains("chart 'nope'"))
    }

    func testADRMetadata() throws {
        let root = try clean()
        try edit(root, "content/en/adr/0001-use-helm.md") { $0.replacingOccurrences(of: "status: accepted", with: "status: maybe") }
        let found = try runCheck(root).filter { !$0.code.hasPrefix("translation.") }
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

    func testFlattenedDeepNestingIsAWarningAtItsLine() throws {
        let deep = "---\ntitle: Deep\n---\nIntro.\n\n" + String(repeating: "> ", count: 5_000) + "deep\n"
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: Home\n---\n> shallow\n",
                                     "content/en/guides/deep.md": deep])
        let found = try CheckRunner.run(root: root).diagnostics.filter { $0.checkName == "markdown" }
        XCTAssertEqual(found.map(\.code), ["markdown.flattened"])
        XCTAssertEqual(found.first?.file, "content/en/guides/deep.md")
        XCTAssertEqual(found.first?.line, 6)
        XCTAssertEqual(found.first?.column, 1 + 2 * MarkdownParser.maximumNesting, "the first quote below the limit")
        XCTAssertEqual(found.first?.severity, .warning)
    }
}
