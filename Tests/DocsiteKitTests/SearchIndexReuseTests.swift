import Foundation
import SystemIO
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

    /// The merged index's map of its files (named by their contents).
    let entry = SearchIndex.entryFile

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
        XCTAssertTrue(site.keys.contains("\(SearchIndex.folder)/\(entry)"), "\(site.keys.sorted())")
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
        XCTAssertNotEqual(indexStamps()[entry], index[entry], "the index must be made again after an edit")
    }

    func testNothingChangedLeavesTheIndexUntouched() throws {
        _ = try build(root)
        let first = indexStamps()
        XCTAssertTrue(first.keys.contains(entry), "\(first.keys.sorted())")
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
        XCTAssertNotEqual(second[entry], first[entry], "the index must be made again after an edit")
    }

    func testRemovedPageRebuildsTheIndex() throws {
        _ = try build(root)
        let first = indexStamps()
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/en/guides/setup.md"))
        _ = try build(root)
        XCTAssertNotEqual(indexStamps()[entry], first[entry])
    }

    func testIndexDamagedByHandIsMadeAgain() throws {
        _ = try build(root)
        let fragment = try XCTUnwrap(indexStamps().keys.first { $0.hasPrefix("fragment/") }, "no fragment in the index")
        try FileManager.default.removeItem(atPath: root.appendingPathComponent("site-out/\(SearchIndex.folder)/\(fragment)").path)
        _ = try build(root)
        XCTAssertNotNil(indexStamps()[fragment], "a fragment removed by hand must be written again")
    }

    /// An edit re-indexes only the shards of the pages it changed: the
    /// page's, and the small one of the translation status pages (they list
    /// every English edit). The other shards keep their files (same inodes
    /// and modification times) in the work folder beside the output, the
    /// merged index lists them all, and the site itself holds no shard.
    func testEditReindexesOnlyTheShardsOfChangedPages() throws {
        let shards = SearchShards(count: 8, ownShard: ["en/translations/index.html", "ru/translations/index.html"])
        let options = BuildOptions(root: root, out: root.appendingPathComponent("site-out"), searchShards: shards.count)
        _ = try BuildPipeline.run(options)
        let work = shardStamps(), pages = stamps(of: "site-out", changeTime: false).filter { $0.key.hasSuffix(".html") && !$0.key.hasPrefix("pagefind/") }
        XCTAssertFalse(indexStamps().keys.contains { $0.hasPrefix(shards.folder(0)) || $0.hasPrefix(shards.folder(8)) }, "shards are not published")
        try edit("content/en/guides/setup.md", "Quasarword")
        _ = try BuildPipeline.run(options)
        let changedPages = stamps(of: "site-out", changeTime: false).filter { pages[$0.key] != $0.value }.keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("pagefind/") }
        XCTAssertTrue(changedPages.contains("en/guides/setup/index.html"), "\(changedPages)")
        let changedShards = Set(changedPages.map { shards.folder(shards.shard(of: $0)) })
        XCTAssertEqual(changedShards, [shards.folder(shards.shard(of: "en/guides/setup/index.html")), shards.folder(8)], "\(changedPages)")
        let untouched = work.filter { path, _ in path.contains("/") && !changedShards.contains(shardOf(path)) }
        XCTAssertFalse(untouched.isEmpty, "the fixture must fill a shard without a changed page: \(work.keys.sorted())")
        let after = shardStamps()
        for (path, stamp) in untouched { XCTAssertEqual(after[path], stamp, "\(path) is in a shard without a changed page") }
        for shard in changedShards {
            XCTAssertNotEqual(after[shard + "/" + SearchIndex.entryFile], work[shard + "/" + SearchIndex.entryFile], "\(shard) holds a changed page")
        }
        let list = try String(contentsOf: root.appendingPathComponent("site-out/\(SearchIndex.folder)/\(SearchIndex.shardsFile)"), encoding: .utf8)
        // Every shard, and nothing else of the work folder (not the indexer's Pagefind runtime).
        XCTAssertEqual(Set(list.split(separator: "\n").map { String($0.split(separator: " ")[0]) }),
                       Set(work.keys.filter { $0.contains("/") }.map(shardOf)).subtracting([SearchIndex.runtimeFolder]))
    }

    /// A shard in the work folder that is not the one the published index
    /// was merged from (a failed build remade it, or it was changed by
    /// hand: its token differs) is indexed again by the next build that
    /// indexes anything, although none of its pages changed.
    func testShardNotTheOnePublishedIsIndexedAgain() throws {
        let shards = SearchShards(count: 8, ownShard: ["en/translations/index.html", "ru/translations/index.html"])
        let options = BuildOptions(root: root, out: root.appendingPathComponent("site-out"), searchShards: shards.count)
        _ = try BuildPipeline.run(options)
        let edited = shards.folder(shards.shard(of: "en/guides/setup/index.html"))
        let other = try XCTUnwrap(Set(shardStamps().keys.map(shardOf)).subtracting([edited, shards.folder(8), "pagefind.txt"]).sorted().first)
        let workFolder = SearchIndex.workFolder(out: root.appendingPathComponent("site-out")).path
        try Data("left by a failed build".utf8).write(to: URL(fileURLWithPath: workFolder + "/" + other + ".token"))
        let before = shardStamps()
        try edit("content/en/guides/setup.md", "Quasarword")
        _ = try BuildPipeline.run(options)
        XCTAssertNotEqual(shardStamps()[other + "/" + SearchIndex.entryFile], before[other + "/" + SearchIndex.entryFile], "\(other) was not indexed again")
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("site-out/\(SearchIndex.folder)/\(SearchIndex.shardsFile)"), encoding: .utf8)
            .contains(other + " " + (SearchIndex.token(of: workFolder + "/" + other) ?? "none")))
        // A work folder removed by hand: the next edit indexes every shard again, and search still works.
        PlainFile.removeTree(workFolder)
        try edit("content/en/guides/setup.md", "Nebulaword")
        _ = try BuildPipeline.run(options)
        XCTAssertEqual(Set(shardStamps().keys.map(shardOf)).subtracting(["pagefind.txt"]).count, Set(before.keys.map(shardOf)).subtracting(["pagefind.txt"]).count)
        XCTAssertNotNil(indexStamps()[entry])
    }

    /// Shards of another Pagefind (its path or its file changed) are dropped.
    func testWorkFolderOfAnotherPagefindIsEmptied() throws {
        let work = root.appendingPathComponent(".work")
        let tool = try XCTUnwrap(SearchIndex.locate())
        try SearchIndex.prepareWork(work, tool: tool, keeping: ["8-01"])
        try FileManager.default.createDirectory(at: work.appendingPathComponent("8-01"), withIntermediateDirectories: true)
        try SearchIndex.prepareWork(work, tool: tool, keeping: ["8-01"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.path + "/8-01"), "same Pagefind: the shard stays")
        try SearchIndex.prepareWork(work, tool: "/bin/true", keeping: ["8-01"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.path + "/8-01"), "another Pagefind: the shard goes")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("4-01"), withIntermediateDirectories: true)
        try SearchIndex.prepareWork(work, tool: "/bin/true", keeping: ["8-01"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.path + "/4-01"), "a shard of another count goes")
    }

    func shardStamps() -> [String: String] {
        stamps(of: SearchIndex.workFolder(out: root.appendingPathComponent("site-out")).path.replacingOccurrences(of: root.path + "/", with: ""), changeTime: false)
    }

    func shardOf(_ path: String) -> String {
        let first = String(path.prefix(while: { $0 != "/" }))
        return first.hasSuffix(".token") ? String(first.dropLast(6)) : first
    }

    func edit(_ file: String, _ word: String) throws {
        let page = root.appendingPathComponent(file)
        try (String(contentsOf: page, encoding: .utf8) + "\n\(word).\n").write(to: page, atomically: true, encoding: .utf8)
    }
}
