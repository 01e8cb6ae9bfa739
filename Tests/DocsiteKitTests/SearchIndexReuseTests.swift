import Foundation
import XCTest
@testable import DocsiteKit

/// The search index is made from the site's HTML alone: a rebuild in which
/// no page changed keeps it as published instead of running Pagefind.
final class SearchIndexReuseTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); search index reuse not tested here")
        }
        setenv("PAGEFIND", tool, 1)
        root = try Fixture.copy("clean-site")
    }

    /// Size, modification time and inode of every file of the published
    /// index (not the change time: linking a file into the next site
    /// counts as a change of its inode).
    func indexStamps() -> [String: String] {
        stamps(of: "site-out/\(SearchIndex.folder)", changeTime: false)
    }

    /// Stamps of the regular files below `folder`; with `changeTime`, a
    /// file linked or unlinked anywhere (its link count changed) differs.
    func stamps(of folder: String, changeTime: Bool) -> [String: String] {
        let base = root.appendingPathComponent(folder).path
        var result: [String: String] = [:]
        for path in (FileManager.default.subpaths(atPath: base) ?? []) {
            var info = stat()
            guard lstat(base + "/" + path, &info) == 0 else { continue }
            XCTAssertNotEqual(info.st_mode & S_IFMT, S_IFLNK, "\(folder)/\(path): the site must be plain files a web server or cp can take")
            guard info.st_mode & S_IFMT == S_IFREG else { continue }
            let ctime = changeTime ? ":\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)" : ""
            result[path] = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)" + ctime
        }
        return result
    }

    /// After an edit the index is made again in the mirror and swapped in;
    /// the next, unchanged build used to relink all of the index's files
    /// into the other tree (37 s at 5,000 pages per language). Now it
    /// touches neither tree: not even a file's link count changes.
    func testUnchangedBuildAfterAnEditTouchesNoFile() throws {
        _ = try build(root)
        let page = root.appendingPathComponent("content/en/guides/setup.md")
        try (String(contentsOf: page, encoding: .utf8) + "\nQuasarword.\n").write(to: page, atomically: true, encoding: .utf8)
        _ = try build(root)
        let site = stamps(of: "site-out", changeTime: true)
        let mirror = stamps(of: ".site-out.prev", changeTime: true)
        XCTAssertTrue(site.keys.contains("\(SearchIndex.folder)/\(SearchIndex.entryFile)"), "\(site.keys.sorted())")
        XCTAssertTrue(site.keys.contains { $0.hasPrefix("\(SearchIndex.folder)/fragment/") }, "the published site serves no index fragments")
        XCTAssertFalse(mirror.isEmpty, "the edit must have been published by a swap, leaving a mirror")
        for _ in 1...2 {
            _ = try build(root)
            XCTAssertEqual(stamps(of: "site-out", changeTime: true), site, "an unchanged build must not touch the published site")
            XCTAssertEqual(stamps(of: ".site-out.prev", changeTime: true), mirror, "an unchanged build must not relink the mirror")
        }
        // The next edit still publishes a whole site with a fresh index.
        let index = indexStamps()
        try (String(contentsOf: page, encoding: .utf8) + "\nNebulaword.\n").write(to: page, atomically: true, encoding: .utf8)
        _ = try build(root)
        XCTAssertNotEqual(indexStamps()[SearchIndex.entryFile], index[SearchIndex.entryFile], "the index must be made again after an edit")
    }

    func testNothingChangedLeavesTheIndexUntouched() throws {
        _ = try build(root)
        let first = indexStamps()
        XCTAssertTrue(first.keys.contains(SearchIndex.entryFile), "\(first.keys.sorted())")
        // Twice: the second rebuild checks what the first one recorded.
        for _ in 1...2 {
            _ = try build(root)
            XCTAssertEqual(indexStamps(), first, "an unchanged site must not re-run the indexer")
        }
    }

    func testEditedPageRebuildsTheIndex() throws {
        _ = try build(root)
        let first = indexStamps()
        let page = root.appendingPathComponent("content/en/guides/setup.md")
        try (String(contentsOf: page, encoding: .utf8) + "\nQuasarword.\n").write(to: page, atomically: true, encoding: .utf8)
        _ = try build(root)
        let second = indexStamps()
        XCTAssertNotEqual(second[SearchIndex.entryFile], first[SearchIndex.entryFile], "the index must be made again after an edit")
    }

    func testRemovedPageRebuildsTheIndex() throws {
        _ = try build(root)
        let first = indexStamps()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/en/guides/setup.md"))
        _ = try build(root)
        XCTAssertNotEqual(indexStamps()[SearchIndex.entryFile], first[SearchIndex.entryFile])
    }

    func testIndexDamagedByHandIsMadeAgain() throws {
        _ = try build(root)
        let fragment = try XCTUnwrap(indexStamps().keys.first { $0.hasPrefix("fragment/") }, "no fragment in the index")
        try FileManager.default.removeItem(atPath: root.appendingPathComponent("site-out/\(SearchIndex.folder)/\(fragment)").path)
        _ = try build(root)
        XCTAssertNotNil(indexStamps()[fragment], "a fragment removed by hand must be written again")
    }
}
