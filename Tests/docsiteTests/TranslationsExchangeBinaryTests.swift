import Foundation
import XCTest

/// `docsite translations export` and `import` as people run them: exit
/// codes, where the catalog and the messages go.
extension DocsiteBinaryTests {
    func copyOfFixture(_ name: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-bin-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: copy)
        addTeardownBlock { try? FileManager.default.removeItem(at: copy) }
        return copy
    }

    func testTranslationsExportExitCodes() throws {
        let root = fixture("po-site")
        let out = try run(["translations", "export", "--format", "po", "--root", root, "--language", "ru"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("\"Language: ru\\n\""), out.stdout)
        XCTAssertTrue(out.stdout.contains("msgctxt \"chart:demo#replicas\"\nmsgid \"Server replicas.\"\nmsgstr \"Число реплик сервера.\"\n"), out.stdout)

        let badFormat = try run(["translations", "export", "--format", "xliff", "--root", root])
        XCTAssertEqual(badFormat.status, 2)
        XCTAssertTrue(badFormat.stderr.contains("--format"), badFormat.stderr)

        let badLanguage = try run(["translations", "export", "--root", root, "--language", "de"])
        XCTAssertEqual(badLanguage.status, 1)
        XCTAssertTrue(badLanguage.stderr.contains("content/site.yaml:1: error: 'de' is not a translation language"), badLanguage.stderr)
        XCTAssertEqual(badLanguage.stdout, "")
    }

    func testTranslationsImportExitCodes() throws {
        let root = try copyOfFixture("po-site")
        let po = root.appendingPathComponent("out/ru.po").path
        let export = try run(["translations", "export", "--root", root.path, "--out", po])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stderr.contains("wrote \(po)"), export.stderr)

        let unchanged = try run(["translations", "import", "--root", root.path, po])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        XCTAssertTrue(unchanged.stderr.contains("ru: 0 imported, 0 imported as stale,"), unchanged.stderr)
        XCTAssertFalse(unchanged.stderr.contains("updated "), unchanged.stderr)

        // A translation of older English: imported as stale, a warning, exit 0.
        let text = try String(contentsOfFile: po, encoding: .utf8)
            .replacingOccurrences(of: "msgid \"Port number.\"\nmsgstr \"\"", with: "msgid \"Port.\"\nmsgstr \"Порт.\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: po))
        let stale = try run(["translations", "import", "--root", root.path, po])
        XCTAssertEqual(stale.status, 0, stale.stderr)
        XCTAssertTrue(stale.stderr.contains("\(po):"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("warning: 'chart:demo#port' imported as stale"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("[translation.import]"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("updated content/i18n/charts/demo.ru.yaml"), stale.stderr)

        let broken = root.appendingPathComponent("broken.po").path
        try Data("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"a\\q\"\nmsgstr \"\"\n".utf8).write(to: URL(fileURLWithPath: broken))
        let syntax = try run(["translations", "import", "--root", root.path, broken])
        XCTAssertEqual(syntax.status, 1)
        XCTAssertTrue(syntax.stderr.contains("\(broken):4:9: error: unknown escape"), syntax.stderr)
        XCTAssertTrue(syntax.stderr.contains("[po.syntax]"), syntax.stderr)
        let json = try run(["translations", "import", "--root", root.path, "--format", "json", broken])
        XCTAssertEqual(json.status, 1)
        XCTAssertTrue(json.stdout.contains("\"code\" : \"po.syntax\""), json.stdout)

        let missing = try run(["translations", "import", "--root", root.path, root.appendingPathComponent("none.po").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("[content.unreadable]"), missing.stderr)
        XCTAssertEqual(try run(["translations", "import", "--root", root.path]).status, 2)
    }
}
