import Foundation
import XCTest
@testable import DocsiteKit

final class BuildTests: XCTestCase {
    func testPageSetFromFixtureTree() throws {
        let root = try Fixture.copy("minimal-site")
        let report = try build(root)
        let files = Set(try treeContents(root.appendingPathComponent("site-out")).keys)
        for expected in ["index.html", "404.html", "assets/docsite.css", "en/index.html", "ru/index.html",
                         "en/guides/setup/index.html", "ru/guides/setup/index.html",
                         "en/guides/overview/index.html", "en/guides/zeta/index.html", "en/guides/beta/index.html"] {
            XCTAssertTrue(files.contains(expected), "missing \(expected) in \(files.sorted())")
        }
        XCTAssertEqual(report.pages, 8)
        XCTAssertFalse(files.contains { $0.hasSuffix(".md") })
    }

    func testRootIndexSendsReadersToDefaultLanguageWithoutScript() throws {
        // The script only picks among the languages; without it, the default.
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/index.html"), encoding: .utf8)
        let elements = HTMLScan.elements(in: html)
        XCTAssertTrue(elements.contains { $0.name == "meta" && $0.attributes["http-equiv"] == "refresh" && $0.attributes["content"] == "0; url=en/" })
        XCTAssertTrue(elements.contains { $0.name == "a" && $0.attributes["href"] == "en/" })
        XCTAssertEqual(elements.filter { $0.name == "script" }.map { $0.attributes["src"] }, ["assets/docsite.js"])
    }

    func testLinksToMarkdownPagesBecomeRelativePageLinksWithAnchors() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let setup = try String(contentsOf: root.appendingPathComponent("site-out/en/guides/setup/index.html"), encoding: .utf8)
        let article = HTMLScan.texts(of: "article", in: setup).first ?? ""
        let hrefs = HTMLScan.elements(in: article).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }
        XCTAssertTrue(hrefs.contains("../overview/#big-picture"), "\(hrefs)")
        XCTAssertTrue(hrefs.contains("../../"), "\(hrefs)")
        let home = try String(contentsOf: root.appendingPathComponent("site-out/ru/index.html"), encoding: .utf8)
        let homeLinks = HTMLScan.elements(in: HTMLScan.texts(of: "article", in: home).first ?? "").compactMap { $0.attributes["href"] }
        XCTAssertTrue(homeLinks.contains("guides/setup/#install-the-charts"), "\(homeLinks)")
    }

    func testEveryPageHasLangHreflangAndSwitcherToItsCounterpart() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let files = try treeContents(root.appendingPathComponent("site-out"))
        for (path, data) in files where path.hasSuffix("index.html") && path.contains("/") {
            let html = String(decoding: data, as: UTF8.self)
            let language = String(path.prefix(2))
            let elements = HTMLScan.elements(in: html)
            XCTAssertEqual(elements.first { $0.name == "html" }?.attributes["lang"], language, path)
            let alternates = elements.filter { $0.name == "link" && $0.attributes["rel"] == "alternate" }
            let other = language == "en" ? "ru" : "en"
            let counterpart = path.replacingOccurrences(of: "\(language)/", with: "\(other)/")
            if files[counterpart] != nil {
                XCTAssertEqual(Set(alternates.compactMap { $0.attributes["hreflang"] }), ["en", "ru"], path)
                let switcher = HTMLScan.texts(of: "nav class=\"language-switcher\"", in: html).first ?? ""
                let link = HTMLScan.elements(in: switcher).first { $0.name == "a" && $0.attributes["hreflang"] == other }
                XCTAssertNotNil(link, path)
                let target = RelativePath.resolve(link?.attributes["href"] ?? "", against: RelativePath.directory(of: path))
                XCTAssertEqual((target ?? "") + "/index.html", counterpart, path)
            } else {
                // Untranslated pages still offer the other language's home.
                XCTAssertTrue(html.contains("hreflang=\"\(other)\""), path)
            }
        }
    }

    func testNavigationOrdersByWeightThenTitle() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/en/guides/overview/index.html"), encoding: .utf8)
        let nav = HTMLScan.texts(of: "nav class=\"site-nav\"", in: html).first ?? ""
        let titles = HTMLScan.texts(of: "a", in: nav)
        XCTAssertEqual(titles, ["Home", "Overview", "Setup", "Alpha by title, same weight as Beta", "Beta", "Translation status", "Diagnostic codes"])
        let pager = HTMLScan.texts(of: "nav class=\"pager\"", in: html).first ?? ""
        let pagerLinks = HTMLScan.elements(in: pager).filter { $0.name == "a" }
        XCTAssertEqual(pagerLinks.map { $0.attributes["rel"] }, ["prev", "next"])
        XCTAssertEqual(pagerLinks.map { $0.attributes["href"] }, ["../../", "../setup/"])
    }

    func testTableOfContentsListsHeadingsWithUniqueAnchors() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/ru/guides/setup/index.html"), encoding: .utf8)
        let ids = HTMLScan.elements(in: html).filter { $0.name == "h2" }.compactMap { $0.attributes["id"] }.filter { $0 != "backlinks-title" }
        XCTAssertEqual(ids, ["install-the-charts", "быстрый-старт", "быстрый-старт-1"])
        let toc = HTMLScan.texts(of: "aside class=\"toc\"", in: html).first ?? ""
        XCTAssertEqual(HTMLScan.elements(in: toc).filter { $0.name == "a" }.compactMap { $0.attributes["href"] },
                       ["#install-the-charts", "#%D0%B1%D1%8B%D1%81%D1%82%D1%80%D1%8B%D0%B9-%D1%81%D1%82%D0%B0%D1%80%D1%82",
                        "#%D0%B1%D1%8B%D1%81%D1%82%D1%80%D1%8B%D0%B9-%D1%81%D1%82%D0%B0%D1%80%D1%82-1"])
        XCTAssertFalse(html.contains("{#install-the-charts}"), "explicit id must not stay in the visible text")
    }

    func testEveryURLInTheOutputIsRelative() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        for (path, data) in try treeContents(root.appendingPathComponent("site-out")) where path.hasSuffix(".html") && path != "404.html" {
            for element in HTMLScan.elements(in: String(decoding: data, as: UTF8.self)) {
                for attribute in ["href", "src"] {
                    guard let url = element.attributes[attribute] else { continue }
                    XCTAssertFalse(url.hasPrefix("/"), "\(path): \(url)")
                    XCTAssertFalse(url.contains("://"), "\(path): \(url) leaves the site")
                }
            }
        }
    }

    func testRepeatBuildsAreByteIdentical() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root, out: "first")
        _ = try build(root, out: "second")
        let first = try treeContents(root.appendingPathComponent("first"))
        let second = try treeContents(root.appendingPathComponent("second"))
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        XCTAssertEqual(first, second)
    }

    func testFailingBuildKeepsPreviousOutputExactly() throws {
        let root = try Fixture.copy("minimal-site")
        _ = try build(root)
        let before = try treeContents(root.appendingPathComponent("site-out"))
        // A failure halfway through writing.
        var written = 0
        struct Injected: Error {}
        XCTAssertThrowsError(try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out")),
                                                   beforeEachFile: { _ in written += 1; if written > 3 { throw Injected() } }))
        XCTAssertEqual(try treeContents(root.appendingPathComponent("site-out")), before)
        // A broken page stops the build before writing.
        try Fixture.write("---\ntitle: [unclosed\n---\n", to: "content/en/guides/broken.md", in: root)
        XCTAssertFalse(buildErrors(root).isEmpty)
        XCTAssertEqual(try treeContents(root.appendingPathComponent("site-out")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        XCTAssertEqual(leftovers, [])
    }

    func testOutputThatWouldReplaceSourcesIsRefused() throws {
        let root = try Fixture.copy("minimal-site")
        for out in [".", "content", "content/en", ".."] {
            let errors = buildErrors(root, out: out)
            XCTAssertEqual(errors.map(\.code), ["output.write"], out)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("content/en/index.md").path))
    }

    func testConcurrentBuildIsRefusedClearly() throws {
        let root = try Fixture.copy("minimal-site")
        let lock = try BuildLock(path: root.appendingPathComponent(".site-out.lock").path, output: "site-out")
        defer { lock.release() }
        let errors = buildErrors(root)
        XCTAssertEqual(errors.map(\.code), ["output.locked"])
        XCTAssertTrue(errors.first?.message.contains("another docsite build") == true)
    }

    func testLinkToAFileWithHashInItsNameKeepsTheWholeName() throws {
        let root = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: [guides]\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\n\n[c](guides/c%23-and-f%23.md#top)\n",
                                     "content/en/guides/c#-and-f#.md": "---\ntitle: C sharp\n---\n\n## Top\n\n[Home](../index.md)\n"])
        _ = try build(root)
        let html = try String(contentsOf: root.appendingPathComponent("site-out/en/index.html"), encoding: .utf8)
        let links = HTMLScan.elements(in: HTMLScan.texts(of: "article", in: html).first ?? "").compactMap { $0.attributes["href"] }
        // The body link, then the "Referenced by" entry for the page that links back.
        XCTAssertEqual(links, ["guides/c%23-and-f%23/#top", "guides/c%23-and-f%23/"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/en/guides/c#-and-f#/index.html").path))
        // No generated link anywhere cuts the name at its '#'.
        for (path, data) in try treeContents(root.appendingPathComponent("site-out")) where path.hasSuffix(".html") {
            for href in HTMLScan.elements(in: String(decoding: data, as: UTF8.self)).compactMap({ $0.attributes["href"] }) {
                XCTAssertFalse(href.contains("c#-"), "\(path): \(href)")
            }
        }
    }

    func testChartProblemsFoundWhileBuildingAreReportedNotDropped() throws {
        // Before: the render stage loaded the chart catalog again and threw
        // away what it found; `check` and `build` now share one loaded model.
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "charts/broken/Chart.yaml": "apiVersion: v2\nname: [unclosed\n"])
        let checked = try CheckRunner.run(root: root).diagnostics.filter { $0.file == "charts/broken/Chart.yaml" }
        XCTAssertFalse(checked.isEmpty, "check reports the broken Chart.yaml")
        let report = try build(root)
        XCTAssertEqual(report.diagnostics.filter { $0.file == "charts/broken/Chart.yaml" }, checked)
    }
}
