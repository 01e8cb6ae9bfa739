import Foundation
import SystemIO
import XCTest
@testable import PagefindIndex

/// `IndexMerge` against real Pagefind: shards of a site merged must hold
/// what one Pagefind run over the whole site holds.
final class IndexMergeTests: WorkFolderTestCase {

    static var fixtureSite: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/site") }

    /// The fixture site (EN and RU: diacritics and ё, compound words,
    /// weights, anchors, filters, meta fields only some shards have) in
    /// three shards, merged, against Pagefind over the whole site.
    func testMergedShardsHoldWhatOneIndexOverTheSiteHolds() throws {
        let tool = try RealPagefind.locate()
        let pages = FileWalker.walk(Self.fixtureSite.path).filter { $0.kind == .file }.map(\.path).sorted()
        let shardOf: [String: Int] = ["en/index.html": 0, "ru/index.html": 0, "en/adr/0001.html": 0,
                                      "en/guides/connect.html": 1, "ru/guides/connect.html": 1, "en/guides/history.html": 1]
        let shards = try (0..<3).map { shard in
            try index(pages.filter { (shardOf[$0] ?? 2) == shard }, name: "shard-\(shard)", tool: tool)
        }
        let whole = try index(pages, name: "whole", tool: tool)
        let merged = work.appendingPathComponent("merged").path
        let summary = try IndexMerge.merge(shards: shards, into: merged)
        XCTAssertEqual(summary.pages, ["en": 5, "ru": 5])
        let expected = try IndexContents(whole), found = try IndexContents(merged)
        XCTAssertEqual(found.languages, ["en", "ru"])
        for language in expected.languages {
            let want = expected.language[language]!, got = found.language[language]!
            XCTAssertEqual(got.pages, want.pages, "\(language): pages, word counts and fragments")
            XCTAssertEqual(got.metaFields, want.metaFields, language)
            XCTAssertEqual(got.chunkBounds, want.chunkBounds, language)
            XCTAssertEqual(got.filters, want.filters, language)
            XCTAssertEqual(Set(got.words.keys), Set(want.words.keys), language)
            for (word, entry) in want.words where got.words[word] != entry {
                XCTFail("\(language) \(word): merged \(String(describing: got.words[word])), whole \(entry)")
            }
        }
        // The merged meta fields differ from shard 0's own: its status positions were renumbered.
        let statusWord = found.language["en"]!.words["accept"]
        XCTAssertNotNil(statusWord?.pages["/en/adr/0001.html"]?.metaLocs.first { $0 < 0 }, "the ADR's status meta field is indexed")
        // The browser's files come along, and the map names the merged meta files.
        for file in ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.en.pagefind", "wasm.ru.pagefind", "wasm.unknown.pagefind"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: merged + "/" + file), file)
        }
    }

    /// Merging again with the first merge as `reuse` links every file:
    /// names are hashes of contents, so nothing is compressed twice.
    func testMergingAgainReusesEveryUnchangedFile() throws {
        let tool = try RealPagefind.locate()
        let pages = FileWalker.walk(Self.fixtureSite.path).filter { $0.kind == .file }.map(\.path).sorted()
        let shards = try [index(Array(pages.prefix(4)), name: "a", tool: tool), index(Array(pages.dropFirst(4)), name: "b", tool: tool)]
        let first = work.appendingPathComponent("first").path, second = work.appendingPathComponent("second").path
        let cold = try IndexMerge.merge(shards: shards, into: first)
        XCTAssertGreaterThan(cold.written, 4)
        XCTAssertEqual(cold.reused, 0)
        let again = try IndexMerge.merge(shards: shards, into: second, reuse: first)
        XCTAssertEqual(again.written, 0)
        XCTAssertEqual(again.reused, cold.written)
        XCTAssertEqual(try IndexContents(first), try IndexContents(second))
        XCTAssertEqual(PlainFile.read(first + "/" + IndexMerge.entryFile), PlainFile.read(second + "/" + IndexMerge.entryFile))
    }

    /// Shards added out of order (the unchanged ones first, while Pagefind
    /// indexes the others) give the same files, byte for byte, as in order.
    func testShardsAddedInAnyOrderGiveTheSameFiles() throws {
        let tool = try RealPagefind.locate()
        let pages = FileWalker.walk(Self.fixtureSite.path).filter { $0.kind == .file }.map(\.path).sorted()
        let shards = try (0..<3).map { shard in try index(pages.enumerated().filter { $0.offset % 3 == shard }.map(\.element), name: "s\(shard)", tool: tool) }
        var trees: [[String: [UInt8]]] = []
        for (run, order) in [[0, 1, 2], [2, 0, 1], [1, 2, 0]].enumerated() {
            let output = work.appendingPathComponent("order-\(run)").path
            let session = try IndexMerge.Session(output: output)
            for position in order { try session.add(shard: shards[position], position: position) }
            _ = try session.finish()
            var tree: [String: [UInt8]] = [:]
            for entry in FileWalker.walk(output) where entry.kind == .file { tree[entry.path] = PlainFile.read(output + "/" + entry.path) }
            trees.append(tree)
        }
        XCTAssertGreaterThan(trees[0].count, 20)
        XCTAssertEqual(trees[1], trees[0])
        XCTAssertEqual(trees[2], trees[0])
    }

    /// Two shards giving different pages one fragment name: the later page
    /// takes one more hex digit of its own hash, as Pagefind does within an
    /// index, and each name links the right page's data.
    func testFragmentNameCollisionGivesTheLaterPageALongerName() throws {
        let tool = try RealPagefind.locate()
        let pages = FileWalker.walk(Self.fixtureSite.path).filter { $0.kind == .file && $0.path.hasPrefix("en/") }.map(\.path).sorted()
        let a = try index([pages[0]], name: "a", tool: tool), b = try index([pages[1]], name: "b", tool: tool)
        let taken = try XCTUnwrap(try MetaIndex(cbor: try IndexFile.payload(of: try metaFile(a))).pages.first).hash
        // Shard b's page renamed to shard a's name: its meta and its fragment file.
        var meta = try MetaIndex(cbor: try IndexFile.payload(of: try metaFile(b)))
        let own = meta.pages[0].hash
        meta.pages[0].hash = taken
        try PlainFile.write(IndexFile.marker + meta.cbor, to: try metaFile(b))
        try FileManager.default.moveItem(atPath: "\(b)/fragment/\(own).pf_fragment", toPath: "\(b)/fragment/\(taken).pf_fragment")
        let merged = work.appendingPathComponent("merged").path
        _ = try IndexMerge.merge(shards: [a, b], into: merged)
        let names = try MetaIndex(cbor: try IndexFile.payload(of: try metaFile(merged))).pages.map(\.hash)
        let fullOfB = "en_" + IndexFile.hexDigest(try IndexFile.payload(of: "\(b)/fragment/\(taken).pf_fragment"))
        XCTAssertEqual(names, [taken, String(fullOfB.prefix(taken.count + 1))])
        XCTAssertEqual(try IndexFile.payload(of: "\(merged)/fragment/\(names[0]).pf_fragment"), try IndexFile.payload(of: "\(a)/fragment/\(taken).pf_fragment"))
        XCTAssertEqual(try IndexFile.payload(of: "\(merged)/fragment/\(names[1]).pf_fragment"), try IndexFile.payload(of: "\(b)/fragment/\(taken).pf_fragment"))
        // Added in the other order, the same names: the earlier shard keeps the short one.
        let session = try IndexMerge.Session(output: work.appendingPathComponent("reversed").path)
        try session.add(shard: b, position: 1)
        try session.add(shard: a, position: 0)
        _ = try session.finish()
        let reversed = work.appendingPathComponent("reversed").path
        XCTAssertEqual(try MetaIndex(cbor: try IndexFile.payload(of: try metaFile(reversed))).pages.map(\.hash), names)
        XCTAssertEqual(try IndexFile.payload(of: "\(reversed)/fragment/\(names[0]).pf_fragment"), try IndexFile.payload(of: "\(a)/fragment/\(taken).pf_fragment"))
    }

    /// What the merge cannot take is an error naming the file: a damaged
    /// chunk, shards of two Pagefind versions, sort orders (their keys are
    /// not in the index, so sorted lists cannot be joined).
    func testWhatCannotBeMergedIsAnErrorNamingTheFile() throws {
        let tool = try RealPagefind.locate()
        let pages = FileWalker.walk(Self.fixtureSite.path).filter { $0.kind == .file }.map(\.path).sorted()
        let good = try index(Array(pages.prefix(3)), name: "good", tool: tool)
        let damaged = try index(Array(pages.suffix(3)), name: "damaged", tool: tool)
        let chunk = try XCTUnwrap(FileWalker.walk(damaged + "/index").first { $0.kind == .file }).path
        let bytes = try XCTUnwrap(PlainFile.read("\(damaged)/index/\(chunk)"))
        try PlainFile.write(Array(bytes.prefix(bytes.count / 2)), to: "\(damaged)/index/\(chunk)")
        XCTAssertThrowsError(try IndexMerge.merge(shards: [good, damaged], into: work.appendingPathComponent("m1").path)) { error in
            XCTAssertEqual((error as? PagefindIndexError)?.file, "\(damaged)/index/\(chunk)", "\(error)")
        }
        let other = try index(Array(pages.suffix(3)), name: "other", tool: tool)
        let entry = other + "/" + IndexMerge.entryFile
        let text = try String(contentsOfFile: entry, encoding: .utf8).replacingOccurrences(of: "\"version\":\"", with: "\"version\":\"0.")
        try text.write(toFile: entry, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try IndexMerge.merge(shards: [good, other], into: work.appendingPathComponent("m2").path)) { error in
            XCTAssertEqual((error as? PagefindIndexError)?.file, entry)
            XCTAssertTrue("\(error)".contains("shards of one index must come from one Pagefind"), "\(error)")
        }
        let sorted = work.appendingPathComponent("sorted-site")
        try FileManager.default.createDirectory(at: sorted, withIntermediateDirectories: true)
        try Data(#"<html lang="en"><body><main data-pagefind-body><p data-pagefind-sort="weight">3</p>Sorted page.</main></body></html>"#.utf8)
            .write(to: sorted.appendingPathComponent("index.html"))
        let sortedIndex = work.appendingPathComponent("sorted").path
        try RealPagefind.run(tool, site: sorted.path, output: sortedIndex)
        XCTAssertThrowsError(try IndexMerge.merge(shards: [sortedIndex], into: work.appendingPathComponent("m3").path)) { error in
            XCTAssertTrue("\(error)".contains("sort orders"), "\(error)")
            XCTAssertTrue((error as? PagefindIndexError)?.file.hasSuffix(".pf_meta") == true, "\(error)")
        }
    }

    // MARK: Helpers

    func metaFile(_ folder: String) throws -> String {
        let name = try XCTUnwrap(FileWalker.walk(folder).first { $0.kind == .file && $0.path.hasPrefix("pagefind.en_") && $0.path.hasSuffix(".pf_meta") }).path
        return folder + "/" + name
    }

    /// Pagefind over `pages` of the fixture site; returns its output folder.
    func index(_ pages: [String], name: String, tool: String) throws -> String {
        let site = work.appendingPathComponent("\(name)-site")
        for page in pages {
            let target = site.appendingPathComponent(page)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.fixtureSite.appendingPathComponent(page), to: target)
        }
        let output = work.appendingPathComponent(name).path
        try RealPagefind.run(tool, site: site.path, output: output)
        return output
    }
}

/// At scale, on demand: `PAGEFIND_MERGE_SITE=<a site docsite built with
/// search>` compares the merge of its shards (in `.<site>.search/` beside
/// it) with Pagefind over the whole site (the 10,000-page bench site takes
/// Pagefind about 40 s and 1.5 GiB, too much for every run).
final class IndexMergeAtScaleTests: XCTestCase {
    func testMergedShardsOfABuiltSiteHoldWhatOneIndexHolds() throws {
        guard let site = ProcessInfo.processInfo.environment["PAGEFIND_MERGE_SITE"] else {
            throw XCTSkip("PAGEFIND_MERGE_SITE not set: the at-scale comparison runs on demand")
        }
        let tool = try RealPagefind.locate()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("merge-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let siteURL = URL(fileURLWithPath: site)
        let shardFolder = siteURL.deletingLastPathComponent().appendingPathComponent(".\(siteURL.lastPathComponent).search").path
        // Shard folders are named <count>-<number>; `runtime` is the Pagefind docsite's indexer takes its files from.
        let shards = FileWalker.walk(shardFolder).filter { $0.kind == .folder && !$0.path.contains("/") && $0.path.first?.isNumber == true }
            .map { shardFolder + "/" + $0.path }.sorted()
        XCTAssertGreaterThan(shards.count, 1, "no shards in \(shardFolder)")
        let merged = work.appendingPathComponent("merged").path, whole = work.appendingPathComponent("whole").path
        _ = try IndexMerge.merge(shards: shards, into: merged)
        // Every HTML file of the site, as the shards hold (Pagefind writes none).
        try RealPagefind.run(tool, site: site, output: whole)
        // Word by word, naming the first pages and words that differ.
        try ShardIndexerTests.assertSameContents(merged, whole)
    }
}
