import Foundation
import XCTest
@testable import DocsiteKit

/// `translations diff`, the status line counts and the status page's diff
/// blocks, on a real git repository built in a temporary folder: four
/// English revisions, a Russian page synced to the second.
final class TranslationHistoryTests: XCTestCase {
    static let revision1 = """
        Intro.

        ## Install {#install}

        Run `helm install`.

        ## Configure

        Set replicas.
        Set memory.

        ## Notes

        Nothing yet.
        """
    /// Revision 2 (the translated one): a sentence added to Notes.
    static let revision2 = revision1 + "\nA <b>bold</b> claim & more.\n"
    /// Revision 3 (committed): Install changed.
    static let revision3 = revision2.replacingOccurrences(of: "Run `helm install`.", with: "Run `helm install` twice.")
    /// Revision 4 (the working tree, not committed): Configure changed too.
    static let revision4 = revision3.replacingOccurrences(of: "Set memory.", with: "Set memory.\nSet cores.")

    static func english(_ body: String) -> String { "---\ntitle: Setup\n---\n\n\(body)" }

    static func russian(hash: String) -> String {
        "---\ntitle: Установка\nsource_hash: \(hash)\n---\n\nВступление.\n\n## Установка {#install}\n\n## Настройка {#configure}\n\n## Заметки {#notes}\n"
    }

    /// The fixture tree; with `git`, each English revision but the last is a commit.
    /// `folder` puts the site below the repository's top (git then names
    /// paths from the top, docsite from the site's root).
    func makeSite(git: Bool, recordedHash: String? = nil, folder: String = "") throws -> URL {
        let top = try Fixture.make([:])
        let root = folder.isEmpty ? top : top.appendingPathComponent(folder)
        try Fixture.write(Fixture.minimalConfig, to: "content/site.yaml", in: root)
        try Fixture.write(Self.russian(hash: recordedHash ?? PageSource.sourceHash(ofBody: Self.revision2)),
                          to: "content/ru/guides/setup.md", in: root)
        let revisions = [Self.revision1, Self.revision2, Self.revision3, Self.revision4]
        for (index, revision) in revisions.enumerated() {
            try Fixture.write(Self.english(revision), to: "content/en/guides/setup.md", in: root)
            guard git, index < revisions.count - 1 else { continue }
            if index == 0 { try self.git(top, "init", "-q") }
            try commit(top, "revision \(index + 1)")
        }
        return root
    }

    func commit(_ root: URL, _ message: String) throws {
        try git(root, "add", "-A")
        try git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message)
    }

    @discardableResult
    func git(_ root: URL, _ arguments: String...) throws -> String {
        guard let git = GitHistory.findGit() else { throw XCTSkip("git is not installed (make test installs it)") }
        let output = GitHistory.run(git, ["-C", root.path] + arguments)
        XCTAssertEqual(output.status, 0, "git \(arguments): \(output.stderr)")
        return String(decoding: output.stdout, as: UTF8.self)
    }

    func diagnostics(_ body: () throws(DiagnosticsError) -> String) -> [Diagnostic] {
        do {
            let text = try body()
            XCTFail("expected diagnostics, got:\n\(text)")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func testDiffShowsWhatMovedSinceTheTranslatedRevisionPerSection() throws {
        let root = try makeSite(git: true)
        let diff = try EnglishHistory.diff(root: root, path: "content/ru/guides/setup.md")
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("--- content/en/guides/setup.md\t(commit "), lines[0])
        XCTAssertTrue(lines[0].hasSuffix("source_hash \(PageSource.sourceHash(ofBody: Self.revision2)))"), lines[0])
        XCTAssertEqual(lines[1], "+++ content/en/guides/setup.md\t(now)")
        // The body starts on file line 4; each hunk names its section, Notes did not move.
        XCTAssertEqual(lines.filter { $0.hasPrefix("@@") }, ["@@ -7,4 +7,4 @@ ## Install {#install}", "@@ -12,4 +12,5 @@ ## Configure"])
        XCTAssertEqual(lines.filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.dropFirst(2),
                       ["-Run `helm install`.", "+Run `helm install` twice.", "+Set cores."])
        // The commit named is the one that holds revision 2.
        let revision2 = try git(root, "rev-parse", "HEAD~1")
        XCTAssertTrue(lines[0].contains("(commit \(revision2.prefix(12)), "), lines[0])
    }

    func testSiteBelowTheRepositoryTop() throws {
        let root = try makeSite(git: true, folder: "docs")
        let diff = try EnglishHistory.diff(root: root, path: "content/ru/guides/setup.md")
        XCTAssertEqual(diff.split(separator: "\n").filter { $0.hasPrefix("@@") }.count, 2, diff)
    }

    func testStatusCountsEnglishLinesOfEachStalePair() throws {
        let root = try makeSite(git: true)
        let (content, _) = try ContentLoader.load(root: root)
        let pairs = TranslationStatus.withEnglishChanges(TranslationStatus.pairs(content), content: content, root: root)
        XCTAssertEqual(pairs.map(\.state), [.stale])
        XCTAssertEqual(pairs.first?.englishAdded, 2)
        XCTAssertEqual(pairs.first?.englishRemoved, 1)
        XCTAssertEqual(TranslationStatus.textReport(pairs), """
            stale       ru  content/ru/guides/setup.md  (English: +2 -1 lines since the translation)
            0 up to date, 1 stale, 0 missing

            """)
    }

    func testNoCommitWithTheRecordedTextIsSaidNotGuessed() throws {
        let root = try makeSite(git: true, recordedHash: "0123456789abcdef")
        let found = diagnostics { () throws(DiagnosticsError) in try EnglishHistory.diff(root: root, path: "content/ru/guides/setup.md") }
        XCTAssertEqual(found.map(\.code), ["translation.history"])
        XCTAssertEqual(found.first?.file, "content/ru/guides/setup.md")
        XCTAssertEqual(found.first?.line, 3)
        XCTAssertTrue(found.first?.message.hasPrefix(
            "no commit of content/en/guides/setup.md has the English text of source_hash 0123456789abcdef (3 committed version(s) searched)") == true,
            found.first?.message ?? "")
        let (content, _) = try ContentLoader.load(root: root)
        let pairs = TranslationStatus.withEnglishChanges(TranslationStatus.pairs(content), content: content, root: root)
        XCTAssertTrue(TranslationStatus.textReport(pairs).contains("(English changes unknown: no commit has its source_hash)"))
    }

    /// CI often clones one commit deep: the message says why the text may be missing.
    func testShallowCloneIsNamedWhenTheTextIsMissing() throws {
        let root = try makeSite(git: true)
        let clone = try Fixture.make([:]).appendingPathComponent("clone")
        try git(root, "clone", "-q", "--depth", "1", "file://\(root.path)", clone.path)
        let found = diagnostics { () throws(DiagnosticsError) in try EnglishHistory.diff(root: clone, path: "content/ru/guides/setup.md") }
        XCTAssertEqual(found.map(\.code), ["translation.history"])
        XCTAssertTrue(found.first?.message.contains(
            "(1 committed version(s) searched in a shallow clone: 'git fetch --unshallow' brings the older commits)") == true, "\(found)")
    }

    func testOutsideAGitCheckoutIsSaid() throws {
        let root = try makeSite(git: false)
        let found = diagnostics { () throws(DiagnosticsError) in try EnglishHistory.diff(root: root, path: "content/ru/guides/setup.md") }
        XCTAssertEqual(found.map(\.code), ["translation.history"])
        XCTAssertEqual(found.first?.message, "\(root.path) is not inside a git checkout, so earlier English versions cannot be read")
    }

    func testUpToDateAndNonTranslationPaths() throws {
        let root = try makeSite(git: true)
        _ = try TranslationStatus.sync(root: root, paths: ["content/ru/guides/setup.md"])
        XCTAssertEqual(try EnglishHistory.diff(root: root, path: "./content/ru/guides/setup.md"),
                       "content/ru/guides/setup.md is up to date: content/en/guides/setup.md has not changed since it was translated\n")
        let found = diagnostics { () throws(DiagnosticsError) in try EnglishHistory.diff(root: root, path: "content/en/guides/setup.md") }
        XCTAssertEqual(found.map(\.code), ["translation.sync"])
    }

    func testStaleWarningNamesTheDiffCommand() throws {
        let root = try makeSite(git: true)
        let stale = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "translation.stale" }
        XCTAssertEqual(stale.count, 1)
        XCTAssertTrue(stale.first?.message.contains("see what changed with 'docsite translations diff content/ru/guides/setup.md'") == true,
                      stale.first?.message ?? "")
    }

    func testStatusPageFoldsTheEnglishDiffOfEachStalePage() throws {
        let root = try makeSite(git: true)
        _ = try build(root)
        for language in ["en", "ru"] {
            let html = try String(contentsOf: root.appendingPathComponent("site-out/\(language)/translations/index.html"), encoding: .utf8)
            let details = HTMLScan.texts(of: "details class=\"english-diff\"", in: html)
            XCTAssertEqual(details.count, 1, html)
            let summary = try XCTUnwrap(HTMLScan.texts(of: "summary", in: details[0]).first)
            XCTAssertTrue(summary.hasPrefix("<code>content/ru/guides/setup.md</code> +2 −1 "), summary)
            let pre = try XCTUnwrap(HTMLScan.texts(of: "pre", in: details[0]).first)
            let diff = HTMLScan.unescape(HTMLScan.texts(of: "code", in: pre).first ?? "")
            XCTAssertTrue(diff.contains("\n@@ -7,4 +7,4 @@ ## Install {#install}\n"), diff)
            XCTAssertTrue(diff.contains("\n+Set cores.\n"), diff)
            // The page's own `<b>` stays text: only the layout's elements are tags.
            XCTAssertFalse(pre.contains("<b>"), pre)
            XCTAssertEqual(HTMLScan.elements(in: details[0]).map(\.name), ["summary", "code", "div", "pre", "code"])
        }
    }

    func testStatusPageSaysWhenHistoryIsUnavailable() throws {
        let root = try makeSite(git: false)
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/en/translations/index.html"), encoding: .utf8)
        XCTAssertEqual(HTMLScan.texts(of: "details", in: html), [])
        let note = try XCTUnwrap(HTMLScan.texts(of: "p class=\"english-diff\"", in: html).first)
        XCTAssertEqual(note, "<code>content/ru/guides/setup.md</code> changed in English, but the translated version is not in the git history, "
                       + "so no diff can be shown (not a git checkout)")
    }

    /// A chart's description file: the translated English text is found in
    /// the file's own history, where it sat beside the recorded hash.
    func testChartDescriptionDiffComesFromTheTranslationFilesHistory() throws {
        let root = try Fixture.copy("charts-site")
        try Fixture.write("title: {en: Charts, ru: Чарты}\nlanguages: [en, ru]\nsections: []\n", to: "content/site.yaml", in: root)
        let file = "content/i18n/charts/demo.ru.yaml"
        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = root.appendingPathComponent(path)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        // As a translator works: add the keys, translate one, record its hash, commit.
        _ = try ChartTranslationFiles.update(root: root, sync: false)
        try edit(file) { $0.replacingOccurrences(of: "  english: \"Server replicas.\"\n  text: \"\"",
                                                 with: "  english: \"Server replicas.\"\n  text: \"Число реплик сервера.\"") }
        _ = try ChartTranslationFiles.update(root: root, sync: true)
        try git(root, "init", "-q")
        try commit(root, "translated")
        XCTAssertTrue(try EnglishHistory.diff(root: root, path: file).hasSuffix("is up to date: no English description of demo changed since it was translated\n"))
        // The English text changes and the file is refreshed (its `english` is now the new text).
        try edit("charts/demo/values.schema.json") { $0.replacingOccurrences(of: "Server replicas.", with: "Number of server replicas.") }
        _ = try ChartTranslationFiles.update(root: root, sync: false)
        let stale = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "translation.stale" && $0.file == file }
        XCTAssertEqual(stale.count, 1)
        XCTAssertTrue(stale.first?.message.contains("see what changed with 'docsite translations diff \(file)'") == true, "\(stale)")

        XCTAssertEqual(try EnglishHistory.diff(root: root, path: file), """
            --- \(file)\t(English as translated)
            +++ charts/demo/values.schema.json\t(English now)
            @@ -1 +1 @@ replicas
            -Server replicas.
            +Number of server replicas.

            """)
        // A hash no version of the file has is reported at the key's line.
        try edit(file) { $0.replacingOccurrences(of: ChartTranslations.hash("Server replicas."), with: "0123456789abcdef") }
        let found = diagnostics { () throws(DiagnosticsError) in try EnglishHistory.diff(root: root, path: file) }
        XCTAssertEqual(found.map(\.code), ["translation.history"])
        XCTAssertTrue(found.first?.message.hasPrefix("no commit of \(file) has an English description of 'replicas' with source_hash 0123456789abcdef") == true,
                      "\(found)")
    }
}
