import Foundation
import XCTest
@testable import DocsiteKit

/// `translations export` and `import` on the po-site fixture (one chart with
/// an up-to-date, a stale, a multi-line and an untranslated description, and
/// a Russian UI override) and on this repository's own content.
final class TranslationExchangeTests: XCTestCase {
    static let chartFile = "content/i18n/charts/demo.ru.yaml"

    func exportText(_ root: URL) throws -> String {
        try TranslationExport.run(root: root, languages: ["ru"], to: .standardOutput).standardOutput
    }

    /// Imports `text` as a PO file kept outside the tree under test.
    @discardableResult
    func importText(_ text: String, into root: URL) throws -> TranslationImport.Result {
        let po = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-po-\(UUID().uuidString).po")
        try Data(text.utf8).write(to: po)
        defer { try? FileManager.default.removeItem(at: po) }
        return try TranslationImport.run(root: root, poFile: po, path: "ru.po")
    }

    /// The exported catalog with one entry's lines replaced.
    func edited(_ text: String, context: String, _ change: (inout POEntry) -> Void) throws -> String {
        var file = try POReader.parse(text, file: "ru.po")
        let index = try XCTUnwrap(file.entries.firstIndex { $0.context == context }, "no \(context)")
        change(&file.entries[index])
        return POWriter.render(file)
    }

    func chartEntry(_ root: URL, _ key: String) throws -> ChartTranslations.Entry? {
        let (catalog, _) = ChartCatalog.load(root: root)
        return ChartTranslations.load(root: root, charts: catalog, language: "ru").0.entry(chart: "demo", key: key)
    }

    func stale(_ root: URL) throws -> [Diagnostic] {
        try CheckRunner.run(root: root, strict: false).diagnostics.filter { $0.code == "translation.stale" }
    }

    // MARK: Export

    func testExportMarksStaleFuzzyLeavesUntranslatedEmptyAndKeysByContext() throws {
        let root = try Fixture.copy("po-site")
        let text = try exportText(root)
        XCTAssertTrue(text.contains("\"Language: ru\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"), text)
        XCTAssertTrue(text.contains("\"Plural-Forms: nplurals=3;"), text)
        XCTAssertTrue(text.contains("""
            #: charts/demo/values.schema.json
            #, fuzzy
            msgctxt "chart:demo#image"
            msgid "Container image."
            msgstr "Образ контейнера (старый перевод)."
            """), text)
        XCTAssertTrue(text.contains("""
            msgctxt "chart:demo#image.tag"
            msgid ""
            "Pinned image tag.\\n"
            "Use a \\"quoted\\" tag;\\ttabs and back\\\\slashes stay."
            msgstr ""
            "Закреплённый тег образа.\\n"
            """), text)
        XCTAssertTrue(text.contains("msgctxt \"chart:demo#port\"\nmsgid \"Port number.\"\nmsgstr \"\"\n"), text)
        XCTAssertTrue(text.contains("#: charts/demo/Chart.yaml\nmsgctxt \"chart:demo#_description\"\n"), text)
        // UI strings: the file's override wins over the built-in Russian.
        XCTAssertTrue(text.contains("msgctxt \"ui:search.label\"\nmsgid \"Search\"\nmsgstr \"Искать\"\n"), text)
        XCTAssertTrue(text.contains("msgctxt \"ui:nav.home\"\nmsgid \"Home\"\nmsgstr \"Главная\"\n"), text)
        let file = try POReader.parse(text, file: "ru.po")
        XCTAssertEqual(file.entries.filter(\.isFuzzy).map(\.context), ["chart:demo#image"])
        XCTAssertEqual(file.entries.count, 5 + (UIStrings.builtIn["en"]?.count ?? 0))
    }

    func testExportToFileFolderAndUnknownLanguage() throws {
        let root = try Fixture.copy("po-site")
        let folder = root.appendingPathComponent("out/po")
        let written = try TranslationExport.run(root: root, languages: nil, to: .directory(folder)).written
        XCTAssertEqual(written, [folder.appendingPathComponent("ru.po").path])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("ru.po"), encoding: .utf8), try exportText(root))
        XCTAssertEqual(TranslationExport.Target(out: "x/ru.po", relativeTo: root), .file(root.appendingPathComponent("x/ru.po")))
        XCTAssertEqual(TranslationExport.Target(out: "x", relativeTo: root), .directory(root.appendingPathComponent("x")))
        XCTAssertThrowsError(try TranslationExport.run(root: root, languages: ["de"], to: .standardOutput)) { error in
            let found = (error as? DiagnosticsError)?.diagnostics ?? []
            XCTAssertEqual(found.first?.file, "content/site.yaml")
            XCTAssertTrue(found.first?.message.contains("'de' is not a translation language of this site (ru)") == true, "\(found)")
        }
    }

    // MARK: Round trip

    func testRoundTripWithNothingTranslatedChangesNoByteOfTheFixture() throws {
        let root = try Fixture.copy("po-site")
        let before = try treeContents(root)
        let result = try importText(try exportText(root), into: root)
        XCTAssertEqual(result.written, [])
        XCTAssertEqual(try treeContents(root), before)
        XCTAssertEqual(result.unchanged, 4 + (UIStrings.builtIn["en"]?.count ?? 0))
        XCTAssertEqual(result.untranslated, 1)
        XCTAssertEqual(result.diagnostics, [])
    }

    /// The repository's charts and content, copied: every chart description
    /// and UI string goes out and comes back without changing a byte.
    func testRoundTripChangesNoByteOfTheRepositoryContent() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let root = TemporaryFolders.shared.track(FileManager.default.temporaryDirectory.appendingPathComponent("docsite-repo-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["content", "charts"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let before = try treeContents(root)
        let text = try exportText(root)
        let result = try importText(text, into: root)
        XCTAssertEqual(result.written, [])
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(try treeContents(root), before)
        // Not vacuous: the repository has hundreds of translated descriptions.
        XCTAssertGreaterThan(result.unchanged, 500)
        XCTAssertEqual(result.unchanged + result.untranslated, try POReader.parse(text, file: "ru.po").entries.count)
    }

    // MARK: Import

    func testTranslatedEntryIsImportedUpToDate() throws {
        let root = try Fixture.copy("po-site")
        let po = try edited(try exportText(root), context: "chart:demo#port") { $0.translation = "Номер порта." }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.written, [Self.chartFile])
        XCTAssertEqual(result.imported, 1)
        let entry = try XCTUnwrap(try chartEntry(root, "port"))
        XCTAssertEqual(entry.text, "Номер порта.")
        XCTAssertEqual(entry.sourceHash, ChartTranslations.hash("Port number."))
        let missing = try CheckRunner.run(root: root, strict: false).diagnostics.filter { $0.code == "translation.missing" }
        XCTAssertEqual(missing, [])
    }

    func testEntryTranslatedFromOlderEnglishIsImportedStale() throws {
        let root = try Fixture.copy("po-site")
        let po = try edited(try exportText(root), context: "chart:demo#port") {
            $0.id = "The port number (old English)."
            $0.translation = "Номер порта (по старому тексту)."
        }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.importedStale, 1)
        XCTAssertEqual(result.diagnostics.map(\.code), ["translation.import"])
        XCTAssertTrue(result.diagnostics.first?.message.contains("'chart:demo#port' imported as stale") == true, "\(result.diagnostics)")
        let entry = try XCTUnwrap(try chartEntry(root, "port"))
        XCTAssertEqual(entry.text, "Номер порта (по старому тексту).")
        XCTAssertEqual(entry.sourceHash, ChartTranslations.hash("The port number (old English)."))
        let found = try stale(root)
        XCTAssertTrue(found.contains { $0.line == entry.line && $0.message.contains("'port'") }, "\(found)")
    }

    func testStaleEntryNeverReplacesAnUpToDateTranslation() throws {
        let root = try Fixture.copy("po-site")
        let before = try treeContents(root)
        var po = try edited(try exportText(root), context: "chart:demo#replicas") {
            $0.id = "Replicas (old English)."
            $0.translation = "Реплики (старый перевод)."
        }
        // Fuzzy on an unchanged, up-to-date translation does not demote it.
        po = try edited(po, context: "chart:demo#_description") { $0.flags = ["fuzzy"] }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.written, [])
        XCTAssertEqual(result.notImported, 1)
        XCTAssertTrue(result.diagnostics.first?.message.contains("up to date") == true, "\(result.diagnostics)")
        XCTAssertEqual(try treeContents(root), before)
    }

    func testFuzzyEntryIsImportedButStaysStale() throws {
        let root = try Fixture.copy("po-site")
        var po = try edited(try exportText(root), context: "chart:demo#port") {
            $0.translation = "Номер порта?"
            $0.flags = ["fuzzy"]
        }
        // With the previous English a tool recorded (`#| msgid`), that is the source.
        po = try edited(po, context: "chart:demo#image") {
            $0.translation = "Образ контейнера (правка, не проверена)."
            $0.previousID = "Container image, old."
        }
        try importText(po, into: root)
        XCTAssertEqual(try chartEntry(root, "port")?.text, "Номер порта?")
        XCTAssertEqual(try chartEntry(root, "port")?.sourceHash, "")
        XCTAssertEqual(try chartEntry(root, "image")?.sourceHash, ChartTranslations.hash("Container image, old."))
        XCTAssertEqual(Set(try stale(root).map { $0.message.split(separator: "'")[1] }), ["image", "port"])
    }

    func testClearingTheFuzzyFlagConfirmsTheTranslation() throws {
        let root = try Fixture.copy("po-site")
        XCTAssertEqual(try stale(root).count, 1)
        let po = try edited(try exportText(root), context: "chart:demo#image") {
            $0.flags = []
            $0.translation = "Образ контейнера."
        }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.imported, 1)
        XCTAssertEqual(try chartEntry(root, "image")?.sourceHash, ChartTranslations.hash("Container image."))
        XCTAssertEqual(try stale(root), [])
    }

    func testEmptyMsgstrIsUntranslatedAndKeepsTheFile() throws {
        let root = try Fixture.copy("po-site")
        let before = try treeContents(root)
        var po = try edited(try exportText(root), context: "chart:demo#replicas") { $0.translation = "" }
        po = try edited(po, context: "ui:search.label") { $0.translation = "" }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.untranslated, 3)
        XCTAssertEqual(try treeContents(root), before)
    }

    func testUIStringsAreWrittenToTheLanguageFileAndOlderEnglishIsRefused() throws {
        let root = try Fixture.copy("po-site")
        var po = try edited(try exportText(root), context: "ui:search.label") { $0.translation = "Найти" }
        po = try edited(po, context: "ui:nav.home") { $0.translation = "В начало" }
        po = try edited(po, context: "ui:toc.title") {
            $0.id = "Contents"
            $0.translation = "Содержание"
        }
        let result = try importText(po, into: root)
        XCTAssertEqual(result.written, ["content/i18n/ru.yaml"])
        XCTAssertEqual(result.imported, 2)
        XCTAssertEqual(result.notImported, 1)
        XCTAssertTrue(result.diagnostics.first?.message.contains("'ui:toc.title': its English differs") == true, "\(result.diagnostics)")
        let strings = try UIStrings.load(root: root, languages: ["en", "ru"])
        XCTAssertEqual(strings["ru"]?["search.label"], "Найти")
        XCTAssertEqual(strings["ru"]?["nav.home"], "В начало")
        XCTAssertEqual(strings["ru"]?["toc.title"], "На этой странице")
        // The existing key keeps its place; the new one follows.
        XCTAssertEqual(try UIStrings.fileEntries(root: root, language: "ru")?.map(\.key), ["search.label", "nav.home"])
    }

    func testEntriesDocsiteCannotPlaceAreReportedAtTheirLine() throws {
        let root = try Fixture.copy("po-site")
        let before = try treeContents(root)
        let po = Self.header + """
            msgctxt "chart:demo#gone"
            msgid "Removed key."
            msgstr "Удалённый ключ."

            msgid "No context."
            msgstr "Без контекста."

            msgctxt "chart:demo#replicas"
            msgid "Server replicas."
            msgstr "Число реплик сервера."

            msgctxt "chart:demo#replicas"
            msgid "Server replicas (again)."
            msgstr "Ещё раз."

            """
        let result = try importText(po, into: root)
        XCTAssertEqual(result.diagnostics.map(\.line), [5, 9, 16])
        XCTAssertTrue(result.diagnostics[0].message.contains("'chart:demo#gone' is not a string docsite translates"))
        XCTAssertTrue(result.diagnostics[1].message.contains("without msgctxt"))
        XCTAssertTrue(result.diagnostics[2].message.contains("a second entry for 'chart:demo#replicas' (the first is at line 12)"))
        XCTAssertEqual(try treeContents(root), before)
    }

    static let header = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n"

    // MARK: With GNU gettext's own tools (Debian's gettext, installed by make test)

    func gettext(_ tool: String, _ arguments: [String]) throws {
        let (status, message) = try GettextTools.run(tool, arguments)
        XCTAssertEqual(status, 0, message)
    }

    /// msgcat re-wraps every long string at 79 columns, as Weblate and
    /// Poedit do when they save: the import reads the same catalog.
    func testCatalogRewrappedByMsgcatImportsUnchanged() throws {
        let root = try Fixture.copy("po-site")
        let folder = TemporaryFolders.shared.track(FileManager.default.temporaryDirectory.appendingPathComponent("docsite-po-\(UUID().uuidString)"))
        let exported = folder.appendingPathComponent("ru.po"), wrapped = folder.appendingPathComponent("wrapped.po")
        _ = try TranslationExport.run(root: root, languages: ["ru"], to: .file(exported))
        try gettext("msgcat", ["--width=40", "-o", wrapped.path, exported.path])
        XCTAssertNotEqual(try Data(contentsOf: wrapped), try Data(contentsOf: exported), "msgcat changed nothing")
        let before = try treeContents(root)
        let result = try TranslationImport.run(root: root, poFile: wrapped, path: "wrapped.po")
        XCTAssertEqual(result.written, [])
        XCTAssertEqual(result.unchanged, 4 + (UIStrings.builtIn["en"]?.count ?? 0))
        XCTAssertEqual(try treeContents(root), before)
    }

    /// A translator's catalog made before the English changed, merged with
    /// today's export by msgmerge: it marks the entry fuzzy and records the
    /// old English as `#| msgid`; the import keeps it stale with that hash.
    func testCatalogMergedByMsgmergeAfterAnEnglishChangeIsImportedStale() throws {
        let root = try Fixture.copy("po-site")
        let folder = TemporaryFolders.shared.track(FileManager.default.temporaryDirectory.appendingPathComponent("docsite-po-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let translated = folder.appendingPathComponent("old.po")
        try Data(try edited(try exportText(root), context: "chart:demo#port") { $0.translation = "Номер порта." }.utf8).write(to: translated)
        let schema = root.appendingPathComponent("charts/demo/values.schema.json")
        try Data(try String(contentsOf: schema, encoding: .utf8)
            .replacingOccurrences(of: "\"Port number.\"", with: "\"Port number of the server.\"").utf8).write(to: schema)
        let today = folder.appendingPathComponent("new.po"), merged = folder.appendingPathComponent("merged.po")
        _ = try TranslationExport.run(root: root, languages: ["ru"], to: .file(today))
        try gettext("msgmerge", ["--quiet", "--previous", "-o", merged.path, translated.path, today.path])
        let entry = try XCTUnwrap(try POReader.read(Data(contentsOf: merged), file: "merged.po").entries.first { $0.context == "chart:demo#port" })
        XCTAssertEqual(entry.flags.first, "fuzzy")
        XCTAssertEqual(entry.previousID, "Port number.")
        let result = try TranslationImport.run(root: root, poFile: merged, path: "merged.po")
        XCTAssertEqual(result.importedStale, 1)
        XCTAssertEqual(try chartEntry(root, "port")?.text, "Номер порта.")
        XCTAssertEqual(try chartEntry(root, "port")?.sourceHash, ChartTranslations.hash("Port number."))
        XCTAssertTrue(try stale(root).contains { $0.message.contains("'port'") })
    }

    func testHeaderLanguageMustBeATranslationLanguage() throws {
        let root = try Fixture.copy("po-site")
        for (header, mentions) in [("msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n", "the header has no Language"),
                                   ("msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n", "Language: en is not a translation language of this site (ru)")] {
            XCTAssertThrowsError(try importText(header, into: root)) { error in
                let found = (error as? DiagnosticsError)?.diagnostics ?? []
                XCTAssertEqual(found.map(\.code), ["po.syntax"])
                XCTAssertEqual(found.first?.file, "ru.po")
                XCTAssertEqual(found.first?.line, 1)
                XCTAssertTrue(found.first?.message.contains(mentions) == true, "\(found)")
            }
        }        // A region (as some tools write it) names the same language.
        let regional = try edited(try exportText(root), context: "ui:nav.home") { $0.translation = "В начало" }
            .replacingOccurrences(of: "\"Language: ru\\n\"", with: "\"Language: ru_RU\\n\"")
        XCTAssertTrue(regional.contains("\"Language: ru_RU\\n\""), regional)
        XCTAssertEqual(try importText(regional, into: root).language, "ru")
        XCTAssertEqual(try UIStrings.load(root: root, languages: ["ru"])["ru"]?["nav.home"], "В начало")
    }
}
