import Foundation
import XCTest
@testable import DocsiteKit

/// SearchIndex: Pagefind over both languages, or no search at all.
final class SearchIndexTests: SiteGeneratorTestCase {
    func testSearchIndexHasRussianTermsWhenPagefindIsInstalled() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); search indexing not tested here")
        }
        setenv("PAGEFIND", tool, 1)
        _ = try build(root)
        let pagefind = root.appendingPathComponent("site-out/pagefind")
        // One index by default, in the folder of the one shard.
        let entry = try String(contentsOf: pagefind.appendingPathComponent("\(SearchShards(count: 1).folder(0))/\(SearchIndex.entryFile)"), encoding: .utf8)
        XCTAssertTrue(entry.contains("\"ru\""), entry)
        XCTAssertTrue(entry.contains("\"en\""), entry)
        XCTAssertTrue(try page("ru/guides/setup/index.html").contains("pagefind-ui.js"))
        let list = try String(contentsOf: pagefind.appendingPathComponent(SearchIndex.shardScript), encoding: .utf8)
        XCTAssertEqual(list, "window.docsiteSearchShards = [\"\(SearchShards(count: 1).folder(0))\"];\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: pagefind.appendingPathComponent("pagefind-ui.js").path), "every page loads the UI from the folder's root")
    }

    func testBuildWithoutSearchHasNoIndexNoSearchBoxAndNoWarning() throws {
        // Whether or not Pagefind is installed, `--no-search` means none of it.
        let report = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false))
        XCTAssertFalse(report.diagnostics.contains { $0.code == "search.unavailable" }, "\(report.diagnostics)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/pagefind").path))
        let html = try page("en/guides/setup/index.html")
        XCTAssertFalse(html.contains("pagefind-ui.js"), "no search script without an index")
        XCTAssertFalse(html.contains("class=\"search\""), "no search box without an index")
        XCTAssertTrue(html.contains("class=\"site-nav\""), "the rest of the page shell is there")
    }
}
