import Foundation
import XCTest
@testable import DocsiteKit

/// "Last updated" from git history and "Edit this page" from site.yaml.
final class PageFactsTests: SiteGeneratorTestCase {
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        guard let git = GitHistory.findGit() else { throw XCTSkip("git is not installed (make test installs it)") }
        let output = GitHistory.run(git, ["-C", root.path, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments)
        XCTAssertEqual(output.status, 0, "git \(arguments): \(output.stderr)")
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func facts(_ file: String) throws -> String? {
        HTMLScan.texts(of: "p class=\"page-facts\"", in: try page(file)).first
    }

    func testEachPageShowsTheDateOfItsFilesLastCommit() throws {
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "first")
        try edit(root, "content/en/guides/setup.md") { $0 + "\nMore.\n" }
        try git("commit", "-q", "-am", "second")
        _ = try build(root)
        for (page, source) in [("en/guides/setup/index.html", "content/en/guides/setup.md"),
                               ("ru/guides/setup/index.html", "content/ru/guides/setup.md"),
                               ("en/matrix/index.html", "content/matrix.yaml")] {
            let expected = try git("log", "-1", "--format=%cI", "--", source)
            let time = HTMLScan.elements(in: try facts(page) ?? "").first { $0.name == "time" }
            XCTAssertEqual(time?.attributes["datetime"], expected, page)
        }
        XCTAssertTrue(try facts("en/guides/setup/index.html")?.hasPrefix("Last updated <time") == true)
        XCTAssertTrue(try facts("ru/guides/setup/index.html")?.hasPrefix("Обновлено <time") == true)
    }

    func testTheNewestCommitOfAFileWins() {
        let log = Data("\0 2026-03-02T10:00:00+00:00\n\ncontent/en/a.md\n\0 2026-01-01T10:00:00+00:00\n\ncontent/en/a.md\ncontent/en/b.md\n"
            .replacingOccurrences(of: "\0 ", with: "\0").utf8)
        XCTAssertEqual(LastUpdated.parse(log), ["content/en/a.md": "2026-03-02T10:00:00+00:00",
                                                "content/en/b.md": "2026-01-01T10:00:00+00:00"])
    }

    func testOutsideGitNoDateAndNoErrorAndEditLinksFromSiteYAML() throws {
        try edit(root, "content/site.yaml") { $0 + "edit_url: https://github.com/org/repo/edit/main\n" }
        let report = try build(root)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        let facts = try XCTUnwrap(try facts("ru/guides/setup/index.html"))
        XCTAssertFalse(facts.contains("<time"), "not a git checkout: no date")
        let link = HTMLScan.elements(in: facts).first { $0.name == "a" }
        XCTAssertEqual(link?.attributes["href"], "https://github.com/org/repo/edit/main/content/ru/guides/setup.md")
        XCTAssertTrue(facts.contains(">Редактировать страницу</a>"))
    }

    func testNeitherDateNorEditURLLeavesNoLine() throws {
        _ = try build(root)
        XCTAssertNil(try facts("en/guides/setup/index.html"))
    }
}
