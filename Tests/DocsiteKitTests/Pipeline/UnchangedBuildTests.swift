import Foundation
import XCTest
@testable import DocsiteKit
import SystemIO

/// A build whose inputs are all as the last build recorded them, with the
/// output as that build published it, does nothing (`BuildInputs`); any
/// change to anything the build reads, or to the output, makes it a real one.
final class UnchangedBuildTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try Fixture.copy("charts-site")
        // The examples' pages need the folder's own landing pages; a page for the guide links the charts.
        try Fixture.write("title: {en: Charts}\nlanguages: [en]\nsections: [guides]\n", to: "content/site.yaml", in: root)
        try Fixture.write("---\ntitle: Setup\n---\n\nInstall [demo](chart:demo).\n", to: "content/en/guides/setup.md", in: root)
    }

    var out: URL { root.appendingPathComponent("site-out") }

    func rebuild(search: Bool = false, shards: Int? = 1) throws -> BuildReport {
        try BuildPipeline.run(BuildOptions(root: root, out: out, search: search, searchShards: shards))
    }

    /// Waits until the file system's clock is past every stamp written so
    /// far: a build scanning files stamped in its own clock tick records
    /// nothing (`BuildInputs.provable`), which is tested on its own below.
    func settle() { usleep(30_000) }

    /// Builds until a build finds nothing changed (at most the second one
    /// after the first real build) and returns the real build's report.
    @discardableResult
    func prime(search: Bool = false, shards: Int? = 1, file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        var real = try rebuild(search: search, shards: shards)
        settle()
        var next = try rebuild(search: search, shards: shards)
        if !next.nothingChanged {
            real = next
            settle()
            next = try rebuild(search: search, shards: shards)
        }
        XCTAssertTrue(next.nothingChanged, "an unchanged build after a real one must find nothing changed", file: file, line: line)
        return real
    }

    /// Every file and folder beside and in the output, with all its times.
    func stamps() -> [String: String] {
        var result: [String: String] = [:]
        let parent = root.path
        for name in [".site-out.cache", "site-out", ".site-out.prev"] {
            result[name] = stamp(parent + "/" + name)
            for path in FileManager.default.subpaths(atPath: parent + "/" + name) ?? [] {
                result[name + "/" + path] = stamp(parent + "/" + name + "/" + path)
            }
        }
        return result
    }

    func stamp(_ path: String) -> String { Self.stamp(path) }

    static func stamp(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "missing" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec):\(info.st_ino)"
    }

    func testNothingChangedTouchesNeitherOutputNorMirrorNorCacheAndReportsTheLastBuild() throws {
        let real = try prime()
        XCTAssertFalse(real.nothingChanged)
        XCTAssertFalse(real.diagnostics.isEmpty, "the fixture has warnings (bad overlays, no base_url): they must be reported again")
        let before = stamps()
        let unchanged = try rebuild()
        XCTAssertTrue(unchanged.nothingChanged)
        XCTAssertEqual(unchanged.pages, real.pages)
        XCTAssertEqual(unchanged.files, real.files)
        XCTAssertEqual(unchanged.reusedPages, real.pages)
        XCTAssertEqual(unchanged.diagnostics, real.diagnostics, "the last build's findings are reported again, not dropped")
        XCTAssertEqual(stamps(), before, "no file or folder of the output, the mirror or the cache changed")
        XCTAssertEqual(unchanged.timings.map(\.stage), ["inputs", "cache"])
    }

    /// `published` (docsite serve reloads pages from it) comes once per real
    /// build, with the new page already in place and before the cache is
    /// saved; a build that found nothing changed publishes nothing.
    func testPublishedComesOnceWithTheNewSiteBeforeTheCacheIsSaved() throws {
        try prime()
        let seen = PublishedCalls()
        let cacheBefore = stamp(BuildCache.location(out: out).path)
        try replace("content/en/guides/setup.md", "Install", "Deploy")
        settle()
        let page = out.appendingPathComponent("en/guides/setup/index.html").path
        let cache = BuildCache.location(out: out).path
        _ = try BuildPipeline.run(BuildOptions(root: root, out: out, search: false, published: {
            seen.record(page: (try? String(contentsOfFile: page, encoding: .utf8)) ?? "", cache: Self.stamp(cache))
        }))
        XCTAssertEqual(seen.calls.count, 1)
        XCTAssertTrue(seen.calls.first?.page.contains("Deploy") == true, "the edited page is published when the call comes")
        let cacheAfter = stamp(BuildCache.location(out: out).path)
        XCTAssertNotEqual(cacheAfter, "missing")
        XCTAssertNotEqual(cacheAfter, cacheBefore, "the build saved its cache")
        XCTAssertNotEqual(seen.calls.first?.cache, cacheAfter, "after the call, not before it")
        settle()
        let quiet = PublishedCalls()
        let unchanged = try BuildPipeline.run(BuildOptions(root: root, out: out, search: false, published: { quiet.record(page: "", cache: "") }))
        XCTAssertTrue(unchanged.nothingChanged)
        XCTAssertTrue(quiet.calls.isEmpty, "nothing was published")
    }

    /// Each change is made after the clock moved on, so only the scan can
    /// see it; the build after it is real, and the one after that finds
    /// nothing changed again.
    @discardableResult
    func assertRealBuild(after change: String, _ makeChange: () throws -> Void, search: Bool = false, shards: Int? = 1,
                         file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        try makeChange()
        settle()
        let report = try rebuild(search: search, shards: shards)
        XCTAssertFalse(report.nothingChanged, "\(change): the build must be a real one", file: file, line: line)
        settle()
        XCTAssertTrue(try rebuild(search: search, shards: shards).nothingChanged, "\(change): the next build finds nothing changed", file: file, line: line)
        return report
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: url(path), encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) holds no \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url(path))
    }

    func testEveryKindOfInputChangeMakesARealBuild() throws {
        try prime()
        let page = "content/en/guides/setup.md"
        try assertRealBuild(after: "a page edited to the same size with its modification time put back") {
            let before = try FileManager.default.attributesOfItem(atPath: url(page).path)[.modificationDate] as? Date
            try replace(page, "Install", "Instal!")
            try FileManager.default.setAttributes([.modificationDate: try XCTUnwrap(before)], ofItemAtPath: url(page).path)
        }
        XCTAssertTrue(try String(contentsOf: url("site-out/en/guides/setup/index.html"), encoding: .utf8).contains("Instal!"))
        try assertRealBuild(after: "a new page") { try Fixture.write("---\ntitle: New\n---\n\nNew.\n", to: "content/en/guides/new.md", in: root) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("site-out/en/guides/new/index.html").path))
        try assertRealBuild(after: "a page renamed") {
            try FileManager.default.moveItem(at: url("content/en/guides/new.md"), to: url("content/en/guides/renamed.md"))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("site-out/en/guides/renamed/index.html").path))
        try assertRealBuild(after: "a page deleted") { try FileManager.default.removeItem(at: url("content/en/guides/renamed.md")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("site-out/en/guides/renamed/index.html").path))
        try assertRealBuild(after: "site.yaml") { try replace("content/site.yaml", "{en: Charts}", "{en: Charts!}") }
        try assertRealBuild(after: "a chart's values.schema.json") { try replace("charts/demo/values.schema.json", "\"description\"", "\"description\" ") }
        try assertRealBuild(after: "a chart's values.yaml") { try replace("charts/demo/values.yaml", "\n", "\n# note\n") }
        try assertRealBuild(after: "a Chart.yaml") { try replace("charts/demo/Chart.yaml", "\n", "\n# note\n") }
        try assertRealBuild(after: "a subchart's values.yaml") { try replace("charts/demo/charts/sub/values.yaml", "\n", "\n# note\n") }
        try assertRealBuild(after: "the common values") { try replace("charts/values-common.yaml", "\n", "\n# note\n") }
        try assertRealBuild(after: "an example overlay") { try replace("content/examples/values-demo-good.yaml", "\n", "\n# note\n") }
        try assertRealBuild(after: "a new example overlay") {
            try FileManager.default.copyItem(at: url("content/examples/values-demo-good.yaml"), to: url("content/examples/values-demo-copy.yaml"))
        }
        XCTAssertTrue(try treeContents(out).keys.contains { $0.contains("values-demo-copy") })
    }

    func testOptionsMakeARealBuild() throws {
        try prime()
        // The merged index is the same for every shard count: not a reason to build.
        XCTAssertTrue(try rebuild(shards: 2).nothingChanged, "another shard count")
        // Search on: with Pagefind missing the build warns, and its setting still differs from search off.
        try assertRealBuild(after: "search turned on", {}, search: true)
        try assertRealBuild(after: "search turned off", {})
    }

    func testOutputChangedByHandMakesARealBuild() throws {
        try prime()
        let published = "site-out/en/guides/setup/index.html"
        let original = try Data(contentsOf: url(published))
        let edited = try assertRealBuild(after: "an output page edited") { try Data("edited".utf8).write(to: url(published)) }
        XCTAssertEqual(try Data(contentsOf: url(published)), original, "the page is written again")
        // The inputs matched the cache, so its pages were not decoded ahead;
        // the real build decodes them and reuses the pages it can.
        XCTAssertGreaterThan(edited.reusedPages, 0, "the cache is used, not a cold build")
        try assertRealBuild(after: "an output page deleted") { try FileManager.default.removeItem(at: url(published)) }
        XCTAssertEqual(try Data(contentsOf: url(published)), original)
        try assertRealBuild(after: "a file added to the output") { try Data("stray".utf8).write(to: url("site-out/en/stray.txt")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("site-out/en/stray.txt").path), "the output is the site, nothing else")
        try assertRealBuild(after: "the marker deleted") { try FileManager.default.removeItem(at: url("site-out/\(SiteWriter.marker)")) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("site-out/\(SiteWriter.marker)").path))
        try assertRealBuild(after: "the cache deleted") { try FileManager.default.removeItem(at: BuildCache.location(out: out)) }
    }

    /// A file stamped in the clock tick the scan began could change again in
    /// that tick and keep its stamp (size kept): such a scan is not proof,
    /// so the build records nothing and the next one is real.
    func testInputStampedInTheScansClockTickIsNotProof() throws {
        try prime()
        let future = Date().addingTimeInterval(3)
        try replace("content/en/guides/setup.md", "Install", "Instal!")
        try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: url("content/en/guides/setup.md").path)
        let settings = BuildPipeline.settings(BuildOptions(root: root, out: out, search: false), out: out, pagefind: nil)
        XCTAssertFalse(BuildInputs.scan(root: root, settings: settings).provable)
        XCTAssertFalse(try rebuild().nothingChanged)
        settle()
        XCTAssertFalse(try rebuild().nothingChanged, "the first build's scan proved nothing, so it recorded nothing")
        // The clock passes the stamp: the build after the next real one stands.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: url("content/en/guides/setup.md").path)
        settle()
        XCTAssertTrue(BuildInputs.scan(root: root, settings: settings).provable)
        try prime()
    }

    /// A Pagefind replaced or upgraded in place (same path) is an input too.
    func testPagefindFileIsStampedByTheScan() throws {
        let tool = root.appendingPathComponent("pagefind-stand-in").path
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: tool))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-120)], ofItemAtPath: tool)
        settle()
        let settings = BuildPipeline.settings(BuildOptions(root: root, out: out), out: out, pagefind: tool)
        let before = BuildInputs.scan(root: root, settings: settings, tools: [tool])
        XCTAssertEqual(BuildInputs.scan(root: root, settings: settings, tools: [tool]), before)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: tool)
        XCTAssertNotEqual(BuildInputs.scan(root: root, settings: settings, tools: [tool]).digest, before.digest)
    }

    /// "Last updated" comes from git: a commit that changes a page's date
    /// without touching any file makes a real build that shows the new date.
    func testNewCommitMakesARealBuild() throws {
        guard let tool = GitHistory.findGit() else { throw XCTSkip("git is not installed (make test installs it)") }
        func git(_ arguments: String..., date: String) {
            setenv("GIT_COMMITTER_DATE", date, 1)
            defer { unsetenv("GIT_COMMITTER_DATE") }
            let output = GitHistory.run(tool, ["-C", root.path, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments)
            XCTAssertEqual(output.status, 0, "git \(arguments): \(output.stderr)")
        }
        git("init", "-q", date: "2020-01-01T00:00:00Z")
        git("add", "-A", date: "2020-01-01T00:00:00Z")
        git("commit", "-q", "-m", "first", date: "2020-01-01T00:00:00Z")
        try prime()
        let page = url("site-out/en/guides/setup/index.html")
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("2020-01-01"))
        try assertRealBuild(after: "a new commit") { git("commit", "-q", "--amend", "-m", "again", date: "2021-02-03T00:00:00Z") }
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("2021-02-03"))
    }

    /// Beside the output, not in it: a build killed with -9 leaves its
    /// staging folder, which every build removes, also one with nothing to do.
    func testNothingChangedStillRemovesWhatAKilledBuildLeft() throws {
        try prime()
        let leftover = url(".site-out.tmp-99999-1")
        try Fixture.write("half", to: ".site-out.tmp-99999-1/en/index.html", in: root)
        XCTAssertTrue(try rebuild().nothingChanged)
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path))
    }

    /// A build holding the output's lock may be changing it: the check waits
    /// for nothing and the build is refused as any build would be.
    func testNothingChangedDoesNotPassAHeldLock() throws {
        try prime()
        let lock = try BuildLock(path: OutputFolder.lockFile(of: out), output: "site-out")
        defer { lock.release() }
        XCTAssertThrowsError(try rebuild()) { error in
            XCTAssertEqual((error as? DiagnosticsError)?.diagnostics.map(\.code), ["output.locked"])
        }
    }

    func testFullBuildReadsEverythingAndRecordsWhatItRead() throws {
        try prime()
        XCTAssertFalse(try BuildPipeline.run(BuildOptions(root: root, out: out, incremental: false, search: false)).nothingChanged)
        settle()
        XCTAssertTrue(try rebuild().nothingChanged)
    }

    /// The writer takes the previous output's file list from the cache instead
    /// of reading every folder, only while every recorded folder keeps its stamp.
    func testRecordedListingStandsForTheOutputOnlyWhileNoFolderChanged() throws {
        try prime()
        func listing() throws -> Set<String>? { try XCTUnwrap(BuildCache.load(out: out)).recordedOutput.listing(in: out) }
        let walked = Set(FileWalker.walk(out.path).filter { $0.kind == .file }.map(\.path)).subtracting([SiteWriter.marker])
        XCTAssertEqual(try listing(), walked)
        let changes: [(String, () throws -> Void)] = [
            ("a file added deep in the tree", { try Data("x".utf8).write(to: self.url("site-out/en/guides/setup/extra.txt")) }),
            ("a folder made", { try FileManager.default.createDirectory(at: self.url("site-out/en/guides/setup/sub"), withIntermediateDirectories: false) }),
            ("a file renamed", { try FileManager.default.moveItem(at: self.url("site-out/en/guides/setup/index.html"), to: self.url("site-out/en/guides/setup/moved.html")) }),
            ("a file removed at the top", { try FileManager.default.removeItem(at: self.url("site-out/404.html")) }),
        ]
        for (change, make) in changes {
            try make()
            XCTAssertNil(try listing(), "\(change): the recorded list no longer describes the output")
            settle()
            XCTAssertFalse(try rebuild().nothingChanged, change)
            XCTAssertEqual(try listing(), walked, "\(change): the real build put the output right and recorded it")
        }
    }

    /// The mirror (the site the last swap replaced) is brought up to date
    /// from its recorded list instead of reading its folders, only while
    /// every folder keeps its stamp: a file put into it by hand must not
    /// reach the next published site.
    func testRecordedMirrorStandsForTheMirrorOnlyWhileNoFolderChanged() throws {
        let page = "content/en/guides/setup.md"
        try prime()
        for edit in ["One.", "Two."] {
            try replace(page, "Install", "\(edit) Install")
            settle()
            XCTAssertFalse(try rebuild().nothingChanged)
        }
        let mirror = url(".site-out.prev")
        let record = try XCTUnwrap(BuildCache.load(out: out)?.mirror, "two swaps, each from a verified list: the mirror is recorded")
        let walked = FileWalker.walk(mirror.path)
        XCTAssertEqual(Set(try XCTUnwrap(record.entries(in: mirror)).map(\.path)),
                       Set(walked.map(\.path)).subtracting([SiteWriter.marker]))
        try Data("stray".utf8).write(to: mirror.appendingPathComponent("en/guides/setup/stray.html"))
        XCTAssertNil(record.entries(in: mirror), "a folder of the mirror changed: its list is read again")
        try replace(page, "Install", "Three. Install")
        settle()
        XCTAssertFalse(try rebuild().nothingChanged)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("site-out/en/guides/setup/stray.html").path),
                       "the stray file in the mirror was published")
        XCTAssertEqual(try treeContents(out).keys.filter { $0.contains("stray") }, [])
    }
}

extension UnchangedBuildTests {
    /// A build records the stamps of its output's files and folders, and the
    /// mirror's files, mostly from what it verified at the start (and
    /// links by comparing recorded inodes) instead of asking the file system
    /// again. After any kind of build the record must be what the file
    /// system says: a stale stamp would make the next build reuse a file it
    /// must not, or find a change where there is none.
    func testRecordedStampsAreTheFileSystemsAfterEveryKindOfBuild() throws {
        let page = "content/en/guides/setup.md", added = "content/en/guides/more.md"
        let mirror = url(".site-out.prev")
        try prime()
        let steps: [(String, () throws -> Void)] = [
            ("one page edited", { try self.replace(page, "Install", "One. Install") }),
            ("the same page edited again", { try self.replace(page, "One.", "Two.") }),
            ("a page added", { try Fixture.write("---\ntitle: More\n---\n\nSee [setup](setup.md).\n", to: added, in: self.root) }),
            ("a page removed", { try FileManager.default.removeItem(at: self.url(added)) }),
            ("nothing", {}),
            ("a published page edited by hand", { try Data("by hand".utf8).write(to: self.url("site-out/en/guides/setup/index.html")) }),
            ("a mirror file replaced by hand", {
                try FileManager.default.removeItem(at: mirror.appendingPathComponent("404.html"))
                try Data("stray".utf8).write(to: mirror.appendingPathComponent("404.html"))
            }),
            ("a page edited after that", { try self.replace(page, "Two.", "Three.") }),
        ]
        for (step, make) in steps {
            try make()
            settle()
            _ = try rebuild()
            let cache = try XCTUnwrap(BuildCache.load(out: out), step)
            let files = FileWalker.walk(out.path).filter { $0.kind == .file }.map(\.path).filter { $0 != SiteWriter.marker }
            XCTAssertEqual(Set(cache.outputStamps.keys), Set(files), step)
            for (file, stamp) in cache.outputStamps {
                XCTAssertEqual(stamp, OutputFolder.stamp(out.path + "/" + file), "\(step): \(file)")
            }
            let folders = FileWalker.walk(out.path).filter { $0.kind == .folder }.map(\.path) + [""]
            XCTAssertEqual(Set(cache.summary.folderStamps.keys), Set(folders), step)
            for (folder, stamp) in cache.summary.folderStamps {
                XCTAssertEqual(stamp, OutputFolder.folderStamp(out.path + "/" + folder), "\(step): folder '\(folder)'")
            }
            // The mirror's record is trusted only while its folders keep their
            // stamps; then each file must be the inode it names.
            if let record = cache.mirror, record.entries(in: mirror) != nil {
                for (file, stamp) in record.files {
                    XCTAssertEqual(OutputFolder.inode(ofStamp: stamp), OutputFolder.stamp(mirror.path + "/" + file).map(OutputFolder.inode(ofStamp:)),
                                   "\(step): mirror file \(file)")
                }
            }
            XCTAssertEqual(try String(contentsOf: url("site-out/en/guides/setup/index.html"), encoding: .utf8).contains("by hand"), false, step)
            XCTAssertNotEqual(try String(contentsOf: url("site-out/404.html"), encoding: .utf8), "stray", step)
        }
        XCTAssertNotNil(try XCTUnwrap(BuildCache.load(out: out)).mirror, "the last builds swapped from verified lists: the mirror is recorded")
    }
}

/// What a build's `published` call saw (it may come from another thread).
private final class PublishedCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [(page: String, cache: String)] = []
    var calls: [(page: String, cache: String)] { lock.lock(); defer { lock.unlock() }; return seen }
    func record(page: String, cache: String) { lock.lock(); seen.append((page, cache)); lock.unlock() }
}
