import Foundation
import SystemIO
import XCTest
import PagefindIndex
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
        // One index, merged from the shards kept beside the output.
        let entry = try String(contentsOf: pagefind.appendingPathComponent(SearchIndex.entryFile), encoding: .utf8)
        XCTAssertTrue(entry.contains("\"ru\""), entry)
        XCTAssertTrue(entry.contains("\"en\""), entry)
        XCTAssertTrue(try page("ru/guides/setup/index.html").contains("pagefind-ui.js"))
        let list = try String(contentsOf: pagefind.appendingPathComponent(SearchIndex.shardsFile), encoding: .utf8)
        XCTAssertTrue(list.hasPrefix(SearchShards(count: 1).folder(0) + " "), list)
        let work = SearchIndex.workFolder(out: root.appendingPathComponent("site-out")).path
        XCTAssertTrue(FileManager.default.fileExists(atPath: work + "/" + SearchShards(count: 1).folder(0) + "/" + SearchIndex.entryFile))
        XCTAssertTrue(FileManager.default.fileExists(atPath: pagefind.appendingPathComponent("pagefind-ui.js").path), "every page loads the UI from the folder's root")
    }

    /// A failing indexer is an error carrying its exit status and what it printed.
    /// docsite's indexer writes the shards it reproduces exactly; a shard
    /// with a page it does not (here an emoji) goes to Pagefind, and the
    /// merged index holds the pages of both.
    func testShardsAreIndexedByDocsiteAndTheRestByPagefind() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); search indexing not tested here")
        }
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("two-indexers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site); try? FileManager.default.removeItem(at: site.appendingPathExtension("search")) }
        let shards = SearchShards(count: 2)
        var pages: [String: String] = [:]
        for number in 0..<12 {
            let path = "en/p\(number)/index.html"
            pages[path] = "Page \(number) about executors" + (shards.shard(of: path) == 0 && !pages.keys.contains { shards.shard(of: $0) == 0 } ? " 🎉" : "")
        }
        XCTAssertEqual(Set(pages.keys.map(shards.shard(of:))), [0, 1], "the fixture fills both shards")
        for (path, text) in pages {
            try FileManager.default.createDirectory(at: site.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("<html lang=\"en\"><head><title>t</title></head><body><main data-pagefind-body><h1>\(text)</h1></main></body></html>".utf8)
                .write(to: site.appendingPathComponent(path))
        }
        let timings = try SearchIndex.build(tool: tool, site: site, shards: shards, changed: [0, 1], work: site.appendingPathExtension("search"), published: nil)
        XCTAssertEqual(timings.shards, 2)
        XCTAssertEqual(timings.byPagefind, 1, "the shard with the emoji page")
        let entry = try String(contentsOf: site.appendingPathComponent("pagefind/\(SearchIndex.entryFile)"), encoding: .utf8)
        XCTAssertTrue(entry.contains("\"page_count\":12"), entry)
    }

    func testFailingIndexerReportsItsStatusAndMessage() {
        XCTAssertThrowsError(try SearchIndex.run("/bin/sh", ["-c", "echo 'no pages found' >&2; exit 4"])) { error in
            XCTAssertEqual("\(error)", "pagefind failed (exit 4): no pages found\n")
        }
    }

    func testIndexerThatWritesNoIndexIsAnErrorNamingWhatIsMissing() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("no-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("en"), withIntermediateDirectories: true)
        try Data("<html lang=\"en\"><body><main data-pagefind-body>Text</main></body></html>".utf8)
            .write(to: site.appendingPathComponent("en/index.html"))
        XCTAssertThrowsError(try SearchIndex.build(tool: "/bin/true", site: site, shards: SearchShards(count: 1), changed: [0],
                                                   work: site.appendingPathExtension("search"), published: nil)) { error in
            XCTAssertEqual("\(error)", "/bin/true exited 0 but wrote no pagefind-entry.json for docsite's indexer (its runtime) (PAGEFIND must be Pagefind 1.x)")
        }
    }

    /// Shards of about 100 pages: Pagefind re-indexes an edited page's
    /// shard in about 0.5 s at 10,000 pages; the browser loads the merged index.
    func testShardCountFollowsThePageCount() {
        XCTAssertEqual(SearchIndex.shardCount(pages: 1), 1)
        XCTAssertEqual(SearchIndex.shardCount(pages: 199), 1)
        XCTAssertEqual(SearchIndex.shardCount(pages: 200), 2)
        XCTAssertEqual(SearchIndex.shardCount(pages: 1_040), 10)
        // The 10,000-page bench site (N=5000): shards of about 100 pages.
        XCTAssertEqual(SearchIndex.shardCount(pages: 10_408), 104)
        XCTAssertEqual(SearchIndex.shardCount(pages: 100_000), 128)
    }

    func testIndexedPartKeepsHeadBodyTagAndTheMarkedElementOnly() {
        let page = #"<!doctype html><html lang="ru"><head><title>Т</title></head><body class="x"><nav><main>menu</main></nav>"#
            + #"<main id="content" data-pagefind-body><p>Текст</p><main>inner</main></main><footer>f</footer></body></html>"#
        let part = PageReader.indexedPart(of: Array(page.utf8)).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(part, #"<!doctype html><html lang="ru"><head><title>Т</title></head><body class="x">"#
                       + #"<main id="content" data-pagefind-body><p>Текст</p><main>inner</main></main></body></html>"# + "\n")
        XCTAssertNil(PageReader.indexedPart(of: Array("<html><body><main>no marker</main></body></html>".utf8)))
        XCTAssertNil(PageReader.indexedPart(of: Array("<html><body><main data-pagefind-body>never closed</body></html>".utf8)))
    }

    /// Pagefind over the cut pages writes the very files it writes over the
    /// whole pages (their names are hashes of their contents): same results.
    func testCutPagesGiveTheSameIndexAsWholePages() throws {
        guard let tool = SearchIndex.locate() else { throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`)") }
        _ = try build(root)
        let site = root.appendingPathComponent("site-out")
        let whole = root.appendingPathComponent("whole"), cut = root.appendingPathComponent("cut")
        var cutPages = 0
        for entry in FileWalker.walk(site.path) where entry.kind == .file && entry.path.hasSuffix(".html") && !entry.path.hasPrefix("pagefind/") {
            let bytes = try XCTUnwrap(PlainFile.read(site.path + "/" + entry.path))
            for (folder, content) in [(whole, bytes), (cut, PageReader.indexedPart(of: bytes) ?? bytes)] {
                let file = folder.appendingPathComponent(entry.path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content).write(to: file)
            }
            if PageReader.indexedPart(of: bytes) != nil { cutPages += 1 }
        }
        XCTAssertGreaterThan(cutPages, 10)
        func index(_ input: URL) throws -> [String: Data] {
            let output = input.appendingPathExtension("index")
            try SearchIndex.run(tool, ["--site", input.path, "--output-path", output.path, "--silent"])
            var files: [String: Data] = [:]
            for entry in FileWalker.walk(output.path) where entry.kind == .file { files[entry.path] = Data(PlainFile.read(output.path + "/" + entry.path) ?? []) }
            // Pagefind writes its language map in hash order, which differs from run to run.
            let map = try JSONSerialization.jsonObject(with: try XCTUnwrap(files[SearchIndex.entryFile]))
            files[SearchIndex.entryFile] = try JSONSerialization.data(withJSONObject: map, options: .sortedKeys)
            return files
        }
        let (wholeIndex, cutIndex) = (try index(whole), try index(cut))
        XCTAssertGreaterThan(wholeIndex.keys.filter { $0.hasPrefix("fragment/") }.count, 10)
        XCTAssertEqual(wholeIndex.keys.sorted(), cutIndex.keys.sorted())
        XCTAssertTrue(wholeIndex == cutIndex, "the index files differ")
    }

    /// What Pagefind's indexer does (its parser, 1.5): every text inside
    /// `data-pagefind-body` counts unless marked `data-pagefind-ignore`, and
    /// only some block elements (`td`, not `th`, `dt` or `dd`) are separated by
    /// whitespace. So the heading mark stays out and the rest is kept apart.
    func testIndexedMarkupKeepsHeadingMarksOutAndCellsApart() throws {
        _ = try build(root)
        // Markdown pages: MarkdownWalkerTests has the renderer's exact output.
        for file in ["en/charts/demo/index.html", "ru/charts/demo/index.html", "ru/charts/demo/sub/index.html"] {
            let html = try page(file)
            let marks = HTMLScan.elements(in: html).filter { $0.attributes["class"] == "heading-link" }
            XCTAssertFalse(marks.isEmpty, file)
            XCTAssertTrue(marks.allSatisfy { $0.attributes["data-pagefind-ignore"] != nil }, "\(file): a heading mark is indexed")
            for glued in ["</th><th", "</dt><dd"] { XCTAssertFalse(html.contains(glued), "\(file): \(glued)") }
        }
        for file in ["en/examples/values-demo-good/index.html", "en/charts/index.html"] {
            let html = try page(file)
            XCTAssertTrue(html.contains("</dt>") || html.contains("</th>"), file)
            for glued in ["</th><th", "</dt><dd"] { XCTAssertFalse(html.contains(glued), "\(file): \(glued)") }
        }
        let legends = HTMLScan.elements(in: try page("en/charts/demo/index.html")).filter { $0.attributes["class"] == "values-legend" }
        XCTAssertFalse(legends.isEmpty)
        XCTAssertTrue(legends.allSatisfy { $0.attributes["data-pagefind-ignore"] != nil }, "the repeated legend is indexed")
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
