import Foundation
import XCTest
@testable import DocsiteKit

/// A page whose file keeps the settled stamp the last build recorded is
/// taken from the build cache without being read (`BuildInputs.settledStamps`);
/// one that must be laid out again is read then, and a file that changed in
/// between stops the build instead of mixing two versions of the page.
final class UnreadPagesTests: XCTestCase {
    /// Past the file system's clock tick: files written so far are settled.
    func settle() { usleep(30_000) }

    func englishSetup(_ root: URL) throws -> Page {
        let (parsed, _) = try ContentLoader.load(root: root)
        return try XCTUnwrap(parsed.page(language: "en", path: "guides/setup.md"))
    }

    func load(_ page: Page, root: URL, cached: Page.Metadata, stamp: String?) throws -> Page {
        try ContentLoader.loadPage(root: root, language: page.language, path: page.path, cache: [page.file: cached], stamp: stamp)
    }

    func testAPageWithItsRecordedStampIsNotReadAndOneWithAnotherIs() throws {
        let root = try Fixture.copy("clean-site")
        let page = try englishSetup(root)
        var cached = page.metadata
        cached.sourceStamp = "recorded"
        cached.contentHash = "not the file's hash"  // a page read and hashed would not match it

        let unread = try load(page, root: root, cached: cached, stamp: "recorded")
        XCTAssertTrue(unread.fromCache)
        XCTAssertTrue(unread.metadataAsCached)
        XCTAssertEqual(unread.unreadPath, root.path + "/" + page.file)
        XCTAssertTrue(unread.cachedBytes.isEmpty)
        XCTAssertEqual(unread.title, page.title)

        let read = try load(page, root: root, cached: cached, stamp: "another")
        XCTAssertFalse(read.fromCache, "read and hashed: not the bytes the cache describes, so parsed")
        XCTAssertNil(read.unreadPath)
        XCTAssertEqual(read.sourceStamp, "another", "the stamp it was read under is recorded")
        XCTAssertEqual(try load(page, root: root, cached: cached, stamp: nil).sourceStamp, "", "no settled stamp, none recorded")

        cached.contentHash = page.contentHash
        let same = try load(page, root: root, cached: cached, stamp: "touched")
        XCTAssertTrue(same.fromCache, "same bytes under a new stamp: the cached metadata stands")
        XCTAssertEqual(same.sourceStamp, "touched")
        XCTAssertFalse(same.metadataAsCached, "its new stamp is stored, not the old bytes")
    }

    func testAnUnreadPageIsReadWhenLaidOutAgainAndAChangeInBetweenStopsIt() throws {
        let root = try Fixture.copy("clean-site")
        let page = try englishSetup(root)
        var cached = page.metadata
        cached.sourceStamp = "recorded"
        let unread = try load(page, root: root, cached: cached, stamp: "recorded")
        XCTAssertEqual(try ContentLoader.parseCached(unread).headings, page.headings)
        XCTAssertFalse(try ContentLoader.parseCached(unread).document.blocks.isEmpty)

        let file = root.appendingPathComponent(page.file)
        try Data((try String(contentsOf: file, encoding: .utf8) + "\nEdited during the build.\n").utf8).write(to: file)
        XCTAssertThrowsError(try ContentLoader.parseCached(unread)) { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.map(\.code), [DiagnosticCode.contentUnreadable.rawValue])
            XCTAssertEqual(diagnostics.first?.file, page.file)
            XCTAssertTrue(diagnostics.first?.message.contains("build again") == true)
        }
        try FileManager.default.removeItem(at: file)
        XCTAssertThrowsError(try ContentLoader.parseCached(unread), "a file gone is no page")
    }

    func testOnlyRegularFilesOlderThanTheScanAreSettled() throws {
        let root = try Fixture.copy("clean-site")
        let guides = root.appendingPathComponent("content/en/guides")
        try FileManager.default.createSymbolicLink(at: guides.appendingPathComponent("linked.md"), withDestinationURL: guides.appendingPathComponent("setup.md"))
        try Fixture.write("---\ntitle: Later\n---\n", to: "content/en/guides/later.md", in: root)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)],
                                              ofItemAtPath: guides.appendingPathComponent("later.md").path)
        settle()
        let settled = BuildInputs.scan(root: root, settings: []).settledStamps
        XCTAssertNotNil(settled["content/en/guides/setup.md"])
        XCTAssertNil(settled["content/en/guides/linked.md"], "what a link leads to can change under the link's own stamp")
        XCTAssertNil(settled["content/en/guides/later.md"], "stamped after the scan began: a write in the same tick could keep the stamp")
        XCTAssertEqual(settled.keys.filter { !$0.hasPrefix("content/") }, [])
    }
}

extension IncrementalBuildTests {
    /// With every file settled, a rebuild takes unchanged pages unread; an
    /// edit that changes every page's surroundings (a title in the
    /// navigation) lays them all out again from their files.
    func testRebuildsFromUnreadPagesGiveTheSameTreeAsAColdBuild() throws {
        let root = try Fixture.copy("clean-site")
        let out = root.appendingPathComponent("site-out")
        usleep(30_000)
        _ = try build(root)
        let edits: [(String, (String) -> String)] = [
            ("content/en/guides/setup.md", { $0.replacingOccurrences(of: "title: Setup", with: "title: Installation") }),
            ("content/en/guides/setup.md", { $0 + "\nOne more line.\n" }),
            ("content/ru/guides/setup.md", { $0 + "\nЕщё строка.\n" }),
        ]
        for (file, change) in edits {
            try edit(root, file, change)
            usleep(30_000)
            let inputs = BuildInputs.scan(root: root, settings: [])
            let cache = try XCTUnwrap(BuildCache.load(out: out))
            let (site, _) = try LoadStage().run(root: root, cache: cache.pages, stamps: inputs.settledStamps)
            let unread = site.content.pages.filter { $0.unreadPath != nil }.map(\.file)
            XCTAssertFalse(unread.isEmpty, "\(file): the other pages are taken unread")
            XCTAssertFalse(unread.contains(file), "\(file): the edited page is read")
            _ = try incrementalEqualsCold(root)
        }
    }
}
