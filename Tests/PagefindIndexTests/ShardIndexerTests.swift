import Foundation
import SystemIO
import XCTest
@testable import PagefindIndex

/// docsite's own indexer against real Pagefind: over the same pages, the
/// folder it writes must hold what Pagefind's holds, word for word.
final class ShardIndexerTests: WorkFolderTestCase {

    static var fixturePages: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/docsite-pages") }

    /// Pages as docsite writes them (guides, an ADR, a chart page, in EN
    /// and RU), and one with the hard cases: compound and camelCase words,
    /// diacritics, ё and й, entities, headings with ids inside and outside
    /// the body, ignored parts, an image after the title, nested lists.
    func testIndexesDocsitePagesAsPagefindDoes() throws {
        let tool = try RealPagefind.locate()
        let site = Self.fixturePages.path
        let pages = FileWalker.walk(site).filter { $0.kind == .file && $0.path.hasSuffix(".html") }.map(\.path)
        let expected = work.appendingPathComponent("pagefind").path
        try RealPagefind.run(tool, site: site, output: expected)
        let runtime = try Self.runtime(tool, in: work)
        let own = work.appendingPathComponent("own").path
        let outcome = try ShardIndexer(runtime: runtime, compression: 1).index(site: site, pages: pages, into: own)
        XCTAssertEqual(outcome, .indexed(pages: pages.count - 1), "every page but the one without data-pagefind-body")
        // A shard keeps its words in one chunk: the merge cuts the chunks.
        try Self.assertSameContents(own, expected, chunks: false)
        for file in ["pagefind.js", "pagefind-ui.js", "wasm.en.pagefind", "wasm.ru.pagefind"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: own + "/" + file), "\(file) linked from the runtime")
        }
    }

    /// Shards made by docsite's indexer, merged, are the index Pagefind
    /// builds over the whole site, chunk bounds included.
    func testMergedOwnShardsAreTheIndexPagefindBuildsOverTheSite() throws {
        let tool = try RealPagefind.locate()
        let site = Self.fixturePages.path
        let pages = FileWalker.walk(site).filter { $0.kind == .file && $0.path.hasSuffix(".html") }.map(\.path).sorted()
        let runtime = try Self.runtime(tool, in: work)
        let shards = try [pages.filter { $0.hasPrefix("en/") }, pages.filter { !$0.hasPrefix("en/") }].enumerated().map { number, part in
            let folder = work.appendingPathComponent("shard-\(number)").path
            XCTAssertEqual(try ShardIndexer(runtime: runtime, compression: 1).index(site: site, pages: part, into: folder), .indexed(pages: number == 0 ? part.count : part.count - 1))
            return folder
        }
        let merged = work.appendingPathComponent("merged").path
        _ = try IndexMerge.merge(shards: shards, into: merged)
        let expected = work.appendingPathComponent("pagefind").path
        try RealPagefind.run(tool, site: site, output: expected)
        try Self.assertSameContents(merged, expected)
    }

    /// What the indexer does not reproduce exactly leaves the shard to
    /// Pagefind, naming the page and the reason.
    func testWhatItDoesNotReproduceIsNamedNotGuessed() throws {
        let tool = try RealPagefind.locate()
        let runtime = try Self.runtime(tool, in: work)
        let cases: [(String, String)] = [
            ("<main data-pagefind-body><p data-pagefind-filter=\"kind:guide\">x</p></main>", "data-pagefind-filter"),
            ("<main data-pagefind-body><p>party 🎉 time</p></main>", "emoji"),
            ("<main data-pagefind-body><p>open <em>never closed</p></main>", "does not close"),
            ("<main data-pagefind-body><p>&copy; 2026</p></main>", "&copy;"),
            ("<main data-pagefind-body><p class=plain>x</p></main>", "unquoted"),
        ]
        for (index, (body, reason)) in cases.enumerated() {
            let site = work.appendingPathComponent("case-\(index)")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            try Data("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>\(body)</body></html>".utf8)
                .write(to: site.appendingPathComponent("page.html"))
            let outcome = try ShardIndexer(runtime: runtime, compression: 1)
                .index(site: site.path, pages: ["page.html"], into: site.path + "-index")
            guard case .unsupported(let page, let why) = outcome else { XCTFail("\(reason): indexed"); continue }
            XCTAssertEqual(page, "page.html")
            XCTAssertTrue(why.contains(reason), "\(why) names \(reason)")
        }
        let german = work.appendingPathComponent("german")
        try FileManager.default.createDirectory(at: german, withIntermediateDirectories: true)
        try Data("<html lang=\"de\"><body><main data-pagefind-body><p>Hallo</p></main></body></html>".utf8).write(to: german.appendingPathComponent("index.html"))
        XCTAssertEqual(try ShardIndexer(runtime: runtime, compression: 1).index(site: german.path, pages: ["index.html"], into: german.path + "-index"),
                       .unsupported(page: "index.html", reason: "the language \"de\""))
    }

    func testURLsAreThoseOfPagefind() {
        XCTAssertEqual(ShardIndexer.url(of: "index.html"), "/")
        XCTAssertEqual(ShardIndexer.url(of: "en/guides/x/index.html"), "/en/guides/x/")
        XCTAssertEqual(ShardIndexer.url(of: "404.html"), "/404.html")
    }

    func testCompoundPartsSplitWhereConvertCaseSplits() {
        XCTAssertEqual(IndexableWords.discreteWords("XMLHttpRequest"), "xml http request")
        XCTAssertEqual(IndexableWords.discreteWords("spark-4.1"), "spark 4 1")
        XCTAssertEqual(IndexableWords.discreteWords("S3A"), "s 3 a")
        XCTAssertEqual(IndexableWords.discreteWords("v1beta2"), "v 1 beta 2")
        XCTAssertEqual(IndexableWords.discreteWords("--name"), "name")
    }

    // MARK: Helpers

    /// Pagefind over one English and one Russian page: its browser files and settings.
    static func runtime(_ tool: String, in work: URL) throws -> ShardIndexer.Runtime {
        let site = work.appendingPathComponent("runtime-site")
        for language in ["en", "ru"] {
            try FileManager.default.createDirectory(at: site.appendingPathComponent(language), withIntermediateDirectories: true)
            try Data("<html lang=\"\(language)\"><body><main data-pagefind-body>x</main></body></html>".utf8)
                .write(to: site.appendingPathComponent("\(language)/index.html"))
        }
        let folder = work.appendingPathComponent("runtime").path
        try RealPagefind.run(tool, site: site.path, output: folder)
        return try ShardIndexer.Runtime(folder: folder)
    }

    static func assertSameContents(_ found: String, _ expected: String, chunks: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let want = try IndexContents(expected), got = try IndexContents(found)
        XCTAssertEqual(got.languages, want.languages, file: file, line: line)
        for language in want.languages {
            let w = want.language[language]!, g = got.language[language]!
            XCTAssertEqual(Set(g.pages.keys), Set(w.pages.keys), "\(language): pages", file: file, line: line)
            var differing = 0
            for (url, page) in w.pages where g.pages[url] != page {
                differing += 1
                if differing <= 3 { XCTFail("\(language) \(url):\n own      \(String(describing: g.pages[url]))\n pagefind \(page)", file: file, line: line) }
            }
            XCTAssertEqual(g.metaFields, w.metaFields, language, file: file, line: line)
            if chunks { XCTAssertEqual(g.chunkBounds, w.chunkBounds, language, file: file, line: line) }
            XCTAssertEqual(g.filters, w.filters, language, file: file, line: line)
            let missing = Set(w.words.keys).subtracting(g.words.keys), extra = Set(g.words.keys).subtracting(w.words.keys)
            XCTAssertTrue(missing.isEmpty && extra.isEmpty, "\(language): words only Pagefind has \(missing.sorted().prefix(20)), only own has \(extra.sorted().prefix(20))", file: file, line: line)
            differing = 0
            for (word, entry) in w.words where g.words[word] != nil && g.words[word] != entry {
                differing += 1
                if differing <= 5 { XCTFail("\(language) \(word):\n own      \(g.words[word]!)\n pagefind \(entry)", file: file, line: line) }
            }
            XCTAssertEqual(differing, 0, "\(language): words with other places", file: file, line: line)
        }
    }
}

/// On demand: `PAGEFIND_INDEX_SITE=<a built site>` indexes every page of it
/// with docsite's indexer and with Pagefind and compares them (the
/// 10,000-page bench site takes Pagefind about 40 s).
final class ShardIndexerAtScaleTests: XCTestCase {
    func testOwnIndexOfABuiltSiteHoldsWhatPagefindsHolds() throws {
        guard let site = ProcessInfo.processInfo.environment["PAGEFIND_INDEX_SITE"] else {
            throw XCTSkip("PAGEFIND_INDEX_SITE not set: the at-scale comparison runs on demand")
        }
        let tool = try RealPagefind.locate()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("index-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let pages = FileWalker.walk(site).filter { $0.kind == .file && $0.path.hasSuffix(".html") && !$0.path.hasPrefix("pagefind/") }.map(\.path)
        let input = work.appendingPathComponent("pages").path
        for page in pages {
            try FileManager.default.createDirectory(atPath: input + "/" + RelativeFolder.of(page), withIntermediateDirectories: true)
            try PlainFile.link(site + "/" + page, to: input + "/" + page)
        }
        let expected = work.appendingPathComponent("pagefind").path
        try RealPagefind.run(tool, site: input, output: expected)
        let own = work.appendingPathComponent("own").path
        let started = Date()
        let outcome = try ShardIndexer(runtime: try ShardIndexerTests.runtime(tool, in: work), compression: 1).index(site: input, pages: pages, into: own)
        print("own index of \(pages.count) pages: \(outcome), \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        guard case .indexed = outcome else { return XCTFail("\(outcome)") }
        try ShardIndexerTests.assertSameContents(own, expected, chunks: false)
    }
}

enum RelativeFolder {
    static func of(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}

/// Pagefind's `normalize_content`, case by case (its own test first).
final class PageTextTests: XCTestCase {
    func testNormalizingAsPagefindDoes() throws {
        XCTAssertEqual(try PageText.normalize("\nHello  Wor\n ld? \n \n"), "Hello Wor ld?")
        XCTAssertEqual(try PageText.normalize("a\tb"), "a\tb", "a single tab stays")
        XCTAssertEqual(try PageText.normalize("a\r\n\nb"), "a b")
        XCTAssertEqual(try PageText.normalize("a\rb"), "a\rb", "a lone carriage return is not a line break")
        XCTAssertEqual(try PageText.normalize("a\u{A0}\u{2003}b"), "a b")
        XCTAssertEqual(try PageText.normalize("  &lt;b&gt; &amp;amp; &#39;q&#x27; "), "<b> &amp; 'q'", "references decoded once")
        XCTAssertThrowsError(try PageText.normalize("&copy;"))
        XCTAssertEqual(try PageText.normalize("R & D"), "R & D", "a lone ampersand is text")
    }

    func testWordsAreSplitAtUnicodeWhitespace() {
        let text = Array(" a\u{3000}bc\u{85}d  ".utf8)
        XCTAssertEqual(PageText.wordRanges(in: text).map { String(decoding: text[$0], as: UTF8.self) }, ["a", "bc", "d"])
    }
}
