import Foundation
import XCTest
@testable import DocsiteKit
import Markdown

/// A rebuild that reuses the build cache must give exactly the tree a cold
/// build gives, whatever was edited.
final class IncrementalBuildTests: XCTestCase {
    func incrementalEqualsCold(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        let warm = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out")))
        let cold = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("cold"), incremental: false))
        XCTAssertEqual(cold.reusedPages, 0, file: file, line: line)
        let a = try treeContents(root.appendingPathComponent("site-out"))
        let b = try treeContents(root.appendingPathComponent("cold"))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), file: file, line: line)
        for (path, data) in b where a[path] != data {
            XCTFail("\(path) differs between incremental and cold build", file: file, line: line)
        }
        return warm
    }

    func testEditsGiveTheSameTreeAsAColdBuild() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        // Nothing changed: every page is carried over.
        let unchanged = try incrementalEqualsCold(root)
        let keysFiles = SearchIndex.locate() == nil ? 0 : 2
        XCTAssertEqual(unchanged.reusedPages, unchanged.files - 6 - keysFiles,
                       "all pages; only index.html, 404.html, four assets and with search the keys files (en, ru) are written (no sitemap without base_url)")

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "Back to", with: "Return to") }
        let bodyEdit = try incrementalEqualsCold(root)
        XCTAssertGreaterThan(bodyEdit.reusedPages, 0, "a body edit must not re-render everything")

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "title: Setup", with: "title: Installation") }
        _ = try incrementalEqualsCold(root)

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "## Install the charts", with: "## Install the Helm charts") }
        _ = try incrementalEqualsCold(root)

        try Fixture.write("---\ntitle: New\nweight: 9\n---\n\nSee [setup](setup.md).\n", to: "content/en/guides/new.md", in: root)
        _ = try incrementalEqualsCold(root)

        try FileManager.default.removeItem(at: root.appendingPathComponent("content/en/guides/new.md"))
        _ = try incrementalEqualsCold(root)

        try edit(root, "content/ru/guides/setup.md") { $0 + "\nЕщё.\n" }
        _ = try incrementalEqualsCold(root)

        // A body edit that adds a link changes the target's "Referenced by"
        // list, and nothing else about the site.
        try edit(root, "content/en/guides/setup.md") { $0 + "\nWhy Helm: [ADR 1](../adr/0001-use-helm.md).\n" }
        let newLink = try incrementalEqualsCold(root)
        XCTAssertGreaterThan(newLink.reusedPages, 0)
        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "\nWhy Helm: [ADR 1](../adr/0001-use-helm.md).\n", with: "") }
        _ = try incrementalEqualsCold(root)
    }

    func testUnchangedPagesAreNotRewritten() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        let page = root.appendingPathComponent("site-out/ru/guides/setup/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int
        try edit(root, "content/en/index.md") { $0 + "\nMore.\n" }
        _ = try build(root)
        let after = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int
        XCTAssertNotNil(before)
        XCTAssertEqual(before, after, "an unchanged page keeps its file (hard link), it is not written again")
    }

    /// "Referenced by" is made from each page's resolved links, which the
    /// cache keeps: a page from the cache links to what the page parsed does.
    func testLinkedPagesFromTheCacheAreThoseOfTheParsedPage() throws {
        let root = try Fixture.copy("clean-site")
        let (cold, _) = try ContentLoader.load(root: root)
        let cache = Dictionary(uniqueKeysWithValues: cold.pages.map { ($0.file, $0.metadata) })
        let (warm, _) = try ContentLoader.load(root: root, cache: cache)
        XCTAssertTrue(warm.pages.allSatisfy(\.fromCache))
        XCTAssertEqual(warm.pages.map(\.linkedPages), cold.pages.map(\.linkedPages))
        let setup = try XCTUnwrap(cold.page(language: "en", path: "guides/setup.md"))
        XCTAssertFalse(setup.linkedPages.isEmpty, "the fixture's setup page links other pages")
        XCTAssertFalse(setup.linkedPages.contains(setup.urlPath), "a page does not reference itself")
        // Links changed: the resolved pages follow.
        var edited = setup
        edited.links = [LinkReference(destination: "../adr/0001-use-helm.md#context", position: SourcePosition(line: 1, column: 1), isImage: false),
                        LinkReference(destination: "https://example.com/", position: SourcePosition(line: 2, column: 1), isImage: false),
                        LinkReference(destination: "setup.md", position: SourcePosition(line: 3, column: 1), isImage: false)]
        XCTAssertEqual(edited.linkedPages, ["en/adr/0001-use-helm/"])
        XCTAssertFalse(setup.linkedPages == edited.linkedPages, "the original page is not changed by its copy")
    }

    func testCorruptCacheFallsBackToAColdBuild() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        try Data("not a docsite cache".utf8).write(to: BuildCache.location(out: root.appendingPathComponent("site-out")))
        let report = try incrementalEqualsCold(root)
        XCTAssertEqual(report.reusedPages, 0)
    }
}

final class CacheCodecTests: XCTestCase {
    /// A rebuilt docsite must not carry over pages an older binary rendered
    /// (its layout or renderer may differ even when nobody bumped the number).
    func testCacheOfAnotherExecutableIsIgnored() throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let attributes = try FileManager.default.attributesOfItem(atPath: executable)
        let size = try XCTUnwrap(attributes[.size] as? Int)
        let modified = try XCTUnwrap(attributes[.modificationDate] as? Date)
        XCTAssertTrue(BuildCache.formatVersion.contains(" \(size)-\(Int(modified.timeIntervalSince1970))."),
                      "the cache version names this executable: \(BuildCache.formatVersion)")
        XCTAssertEqual(BuildCache.executableStamp(path: "/nonexistent/docsite"), "unknown")

        let mine = BuildCache(version: BuildCache.formatVersion, pages: [:], outputs: ["en/index.html": "abc"])
        XCTAssertNotNil(CacheCodec.decode(Data(CacheCodec.encode(mine))))
        let older = BuildCache(version: "docsite-cache-8 1234-1.0", pages: [:], outputs: ["en/index.html": "abc"])
        XCTAssertNil(CacheCodec.decode(Data(CacheCodec.encode(older))), "a cache another binary wrote is not read")
    }

    func testRoundTripAndCorruptInput() throws {
        let root = try Fixture.copy("clean-site")
        let (content, _) = try ContentLoader.load(root: root)
        let cache = BuildCache(version: BuildCache.formatVersion,
                               pages: Dictionary(uniqueKeysWithValues: content.pages.map { ($0.file, $0.metadata) }),
                               outputs: ["en/index.html": "abc", "ru/index.html": "def"],
                               outputStamps: ["en/index.html": "1:2.3:4.5:6"],
                               summary: BuildSummary(inputs: "f00d", pages: 2, files: 9,
                                                     diagnostics: [.warning(.sitemapNoBaseURL, file: "content/site.yaml", line: 3, "no base_url")],
                                                     folderStamps: ["": "1.2:3.4:5", "en": "6.7:8.9:10"]),
                               mirror: RecordedOutput(files: ["en/index.html": ""], folders: ["": "1.2:3.4:5"], renamed: true))
        let data = Data(CacheCodec.encode(cache))
        let decoded = try XCTUnwrap(CacheCodec.decode(data))
        XCTAssertEqual(decoded.outputs, cache.outputs)
        XCTAssertEqual(decoded.outputStamps, cache.outputStamps)
        XCTAssertEqual(decoded.summary, cache.summary)
        XCTAssertEqual(decoded.mirror, cache.mirror)
        XCTAssertEqual(CacheCodec.decodeHead([UInt8](data)).map { $0.0 }, cache.summary, "the head alone gives the summary")
        XCTAssertEqual(decoded.pages.keys.sorted(), cache.pages.keys.sorted())
        for (file, metadata) in cache.pages {
            XCTAssertEqual(decoded.pages[file]?.frontMatter, metadata.frontMatter, file)
            XCTAssertEqual(decoded.pages[file]?.headings, metadata.headings, file)
            XCTAssertEqual(decoded.pages[file]?.linkedPages, metadata.linkedPages, file)
            XCTAssertEqual(decoded.pages[file]?.links, metadata.links, file)
            XCTAssertEqual(decoded.pages[file]?.sourceHash, metadata.sourceHash, file)
        }
        // Truncated, flipped or foreign bytes are refused, never trusted or crashed on.
        XCTAssertNil(CacheCodec.decode(data.prefix(data.count / 2)))
        XCTAssertNil(CacheCodec.decode(Data("{\"version\":1}".utf8)))
        // Any byte flipped, at every position, is refused or changes what is
        // read: the cache only ever says what its bytes say. (A negative page
        // count once crashed the decoder.) The low bit is only decoded, never
        // compared: it may turn a 0/1 flag into a value read as the same flag.
        var refused = 0
        for index in 0..<data.count {
            for mask: UInt8 in [0xFF, 0x80, 0x01] {
                var flipped = [UInt8](data)
                flipped[index] ^= mask
                guard let read = CacheCodec.decode(Data(flipped)) else { refused += 1; continue }
                if mask != 0x01 {
                    XCTAssertFalse(Self.sameContent(read, cache), "byte \(index) flipped (\(mask)), yet the same cache was read")
                }
            }
        }
        XCTAssertGreaterThan(refused, 0)
    }

    static func sameContent(_ a: BuildCache, _ b: BuildCache) -> Bool {
        a.version == b.version && a.outputs == b.outputs && a.outputStamps == b.outputStamps && a.summary == b.summary && a.mirror == b.mirror
            && a.pages.keys.sorted() == b.pages.keys.sorted()
            && a.pages.allSatisfy { file, m in
                let other = b.pages[file]
                return other?.frontMatter == m.frontMatter && other?.headings == m.headings
                    && other?.links == m.links && other?.linkedPages == m.linkedPages && other?.sourceHash == m.sourceHash
                    && other?.contentHash == m.contentHash && other?.bodyFirstLine == m.bodyFirstLine
            }
    }

    func testDecodingGivesUpOnceStopped() throws {
        let root = try Fixture.copy("clean-site")
        let (content, _) = try ContentLoader.load(root: root)
        let bytes = CacheCodec.encode(BuildCache(version: BuildCache.formatVersion,
                                                 pages: Dictionary(uniqueKeysWithValues: content.pages.map { ($0.file, $0.metadata) }), outputs: [:]))
        let stop = StopFlag()
        XCTAssertNotNil(CacheCodec.decode(bytes, stop: stop))
        stop.stop()
        XCTAssertNil(CacheCodec.decode(bytes, stop: stop), "a stopped decode gives nothing rather than part of the pages")
        XCTAssertNotNil(CacheCodec.decodeHead(bytes), "the head is read without the pages")
    }

    /// A build stops decoding the cache ahead when its inputs match (most
    /// likely nothing to do); if the output turns out changed, it still gets
    /// the whole cache.
    func testACacheDecodedAheadAndStoppedIsStillComplete() throws {
        let root = try Fixture.copy("clean-site")
        let (content, _) = try ContentLoader.load(root: root)
        let samples = content.pages.map(\.metadata)
        var pages: [String: Page.Metadata] = [:]
        for index in 0..<20_000 { pages["content/en/p\(index).md"] = samples[index % samples.count] }  // long enough to be stopped midway
        let out = root.appendingPathComponent("site-out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        BuildCache(version: BuildCache.formatVersion, pages: pages, outputs: ["en/index.html": "abc"]).save(out: out)
        let ahead = BuildCache.Ahead(out: out)
        ahead.stopDecoding()
        let cache = try XCTUnwrap(ahead.decoded)
        XCTAssertEqual(cache.pages.count, 20_000)
        XCTAssertEqual(cache.outputs, ["en/index.html": "abc"])
        XCTAssertNil(BuildCache.Ahead(out: out, enabled: false).decoded, "no cache for a cold build")
    }

    func testManyPagesRoundTripInOrder() throws {
        // Pages are encoded in chunks on several threads: more pages than
        // one chunk holds must come back complete and the bytes be stable.
        let root = try Fixture.copy("clean-site")
        let (content, _) = try ContentLoader.load(root: root)
        let samples = content.pages.map(\.metadata)
        var pages: [String: Page.Metadata] = [:]
        for index in 0..<1_000 { pages["content/en/p\(index).md"] = samples[index % samples.count] }
        let cache = BuildCache(version: BuildCache.formatVersion, pages: pages, outputs: [:])
        let bytes = CacheCodec.encode(cache)
        XCTAssertEqual(bytes, CacheCodec.encode(cache), "encoding is deterministic")
        let decoded = try XCTUnwrap(CacheCodec.decode(Data(bytes)))
        XCTAssertEqual(decoded.pages.count, 1_000)
        for (file, metadata) in pages {
            XCTAssertEqual(decoded.pages[file]?.headings, metadata.headings, file)
            XCTAssertEqual(decoded.pages[file]?.linkedPages, metadata.linkedPages, file)
            XCTAssertEqual(decoded.pages[file]?.frontMatter, metadata.frontMatter, file)
        }
    }
}

extension IncrementalBuildTests {
    func testACachedPageIsRenderedFromTheBytesTheLoadStageRead() throws {
        // Before: the render stage read a cached page from disk again (with
        // `try?` at first, publishing an empty body when that failed).
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        let cache = try XCTUnwrap(BuildCache.load(out: root.appendingPathComponent("site-out")))
        let (content, _) = try ContentLoader.load(root: root, cache: cache.pages)
        let renderer = SiteRenderer(content: content)
        let pages = renderer.markdownPages()
        let cached = try XCTUnwrap(pages.first { $0.bodyPending && $0.sourceFile != nil })
        let file = try XCTUnwrap(cached.sourceFile)
        XCTAssertTrue(try XCTUnwrap(content.pages.first { $0.file == file }).fromCache)
        let expected = try renderer.bodies(for: pages)(cached)
        XCTAssertFalse(expected.isEmpty)
        try FileManager.default.removeItem(at: root.appendingPathComponent(file))
        XCTAssertEqual(try renderer.bodies(for: pages)(cached), expected, "rendered without reading \(file) again")
    }

    func testCachedBytesThatNoLongerParseStopTheRenderWithThePagesDiagnostics() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        let cache = try XCTUnwrap(BuildCache.load(out: root.appendingPathComponent("site-out")))
        var (content, _) = try ContentLoader.load(root: root, cache: cache.pages)
        let position = try XCTUnwrap(content.pages.firstIndex { $0.fromCache })
        content.pages[position].cachedBytes = [0x2D, 0x2D, 0x2D, 0x0A, 0xFF]
        let renderer = SiteRenderer(content: content)
        let pages = renderer.markdownPages()
        let cached = try XCTUnwrap(pages.first { $0.sourceFile == content.pages[position].file })
        XCTAssertThrowsError(try renderer.bodies(for: pages)(cached)) { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.map { "\($0.file) \($0.code)" }, ["\(content.pages[position].file) content.encoding"])
        }
    }
}

/// After one edit, the next cache copies the stored bytes of every page
/// still as the last cache held it instead of encoding 10,000 pages again.
extension CacheCodecTests {
    func testAPageCarriedOverKeepsItsStoredBytesAndAnEditedOneIsEncodedAgain() throws {
        let root = try Fixture.copy("clean-site")
        let (parsed, _) = try ContentLoader.load(root: root)
        XCTAssertFalse(parsed.pages.contains(where: \.metadataAsCached), "a parsed page was never in a cache")
        let pages = Dictionary(uniqueKeysWithValues: parsed.pages.map { ($0.file, $0.metadata) })
        let stored = try XCTUnwrap(CacheCodec.decode(Data(CacheCodec.encode(BuildCache(version: BuildCache.formatVersion, pages: pages, outputs: [:])))))
        XCTAssertEqual(Set(stored.encodedPages.keys), Set(pages.keys), "decoding keeps each page's bytes")

        let (loaded, _) = try ContentLoader.load(root: root, cache: stored.pages)
        XCTAssertTrue(loaded.pages.allSatisfy(\.metadataAsCached))
        var edited = loaded.pages[0]
        edited.links = []
        XCTAssertFalse(edited.metadataAsCached, "a page whose metadata changed is not as cached")

        // The stored bytes are what is written, not the metadata handed in:
        // page A given page B's bytes reads back as page B.
        let (a, b) = (parsed.pages[0].file, parsed.pages[1].file)
        XCTAssertNotEqual(pages[a]?.frontMatter.title, pages[b]?.frontMatter.title)
        let section = CacheCodec.encodePages([(a, pages[a]!, stored.encodedPages[b]), (b, pages[b]!, nil)])
        let mixed = try XCTUnwrap(CacheCodec.decode(Data(CacheCodec.encode(BuildCache(version: BuildCache.formatVersion, pages: [:], outputs: [:]),
                                                                            pages: section))))
        XCTAssertEqual(mixed.pages[a]?.frontMatter, pages[b]?.frontMatter)
        XCTAssertEqual(mixed.pages[b]?.frontMatter, pages[b]?.frontMatter)
        XCTAssertEqual(mixed.pages[b]?.headings, pages[b]?.headings)
    }
}

extension IncrementalBuildTests {
    func testTheCacheARebuildSavesHoldsWhatParsingEveryPageGives() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        let page = root.appendingPathComponent("content/en/guides/setup.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try Data((text + "\n## Added section\n\nSee [the ADRs](../adr/index.md).\n").utf8).write(to: page)
        let rebuilt = try build(root)
        XCTAssertGreaterThan(rebuilt.reusedPages, 0)
        let saved = try XCTUnwrap(BuildCache.load(out: root.appendingPathComponent("site-out")))
        let (parsed, _) = try ContentLoader.load(root: root)
        let fresh = BuildCache(version: saved.version, pages: Dictionary(uniqueKeysWithValues: parsed.pages.map { ($0.file, $0.metadata) }),
                               outputs: saved.outputs, outputStamps: saved.outputStamps, summary: saved.summary, mirror: saved.mirror)
        XCTAssertTrue(CacheCodecTests.sameContent(saved, fresh), "the saved pages are those a cold parse gives, the edited one included")
        XCTAssertEqual(saved.pages["content/en/guides/setup.md"]?.headings.last?.text, "Added section")
    }
}
