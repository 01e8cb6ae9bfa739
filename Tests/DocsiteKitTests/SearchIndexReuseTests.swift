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
        let folder = root.appendingPathComponent("site-out/\(SearchIndex.folder)").path
        var result: [String: String] = [:]
        for path in (FileManager.default.subpaths(atPath: folder) ?? []) {
            var info = stat()
            if lstat(folder + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                result[path] = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
            }
        }
        return result
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
