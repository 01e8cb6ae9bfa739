import Foundation
@testable import Preview
import XCTest

/// FolderWatcher: every kind of change below the watched folders is seen
/// once, an editor's scratch files are not, a burst is one change.
final class FolderWatcherTests: XCTestCase {
    private var root: URL!
    private var content: URL { root.appendingPathComponent("content") }
    private var watcher: FolderWatcher!
    private let calls = CallCounter()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("en/guides"), withIntermediateDirectories: true)
        try write("en/guides/a.md", "a")
        // A longer quiet time than serve's: a loaded test machine must not split one test's burst in two.
        watcher = FolderWatcher(folders: [content, root.appendingPathComponent("charts")], quiet: 0.2) { [calls] in calls.add() }
        watcher.start()
    }

    /// The inotify tests need it; where it is missing serve polls (tested below).
    private func requireInotify() throws {
        if !watcher.usesInotify { throw XCTSkip("inotify is not available here (limits reached?): the watcher polls") }
    }

    override func tearDownWithError() throws {
        watcher.stop()
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: content.appendingPathComponent(path))
    }

    private func path(_ relative: String) -> String { content.appendingPathComponent(relative).path }

    /// Runs `change` and expects exactly one call, then none within the quiet time that follows.
    private func expectOneChange(_ change: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) rethrows {
        let before = calls.value
        try change()
        XCTAssertTrue(calls.wait(for: before + 1, seconds: 5), "no change seen", file: file, line: line)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(calls.value, before + 1, "one change, one call", file: file, line: line)
    }

    func testEditIsSeen() throws {
        try requireInotify()
        try expectOneChange { try write("en/guides/a.md", "edited") }
    }

    func testNewFileDeletedFileAndRenameAreSeen() throws {
        try requireInotify()
        try expectOneChange { try write("en/guides/b.md", "new") }
        try expectOneChange { XCTAssertEqual(unlink(path("en/guides/b.md")), 0) }
        try expectOneChange { XCTAssertEqual(rename(path("en/guides/a.md"), path("en/guides/c.md")), 0) }
    }

    /// Editors save by writing a hidden temporary file and renaming it over the page.
    func testSaveThroughTemporaryFileAndRenameIsSeen() throws {
        try requireInotify()
        try expectOneChange {
            try write("en/guides/.a.md.tmp", "saved")
            XCTAssertEqual(rename(path("en/guides/.a.md.tmp"), path("en/guides/a.md")), 0)
        }
        XCTAssertEqual(try String(contentsOfFile: path("en/guides/a.md"), encoding: .utf8), "saved")
    }

    /// A new folder gets watches of its own: a file written in it later is seen.
    func testFilesInANewFolderAreSeen() throws {
        try requireInotify()
        try expectOneChange { try FileManager.default.createDirectory(atPath: path("ru/guides"), withIntermediateDirectories: true) }
        try expectOneChange { try write("ru/guides/a.md", "перевод") }
        // A folder moved in from outside, then a file written in it.
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try expectOneChange { XCTAssertEqual(rename(outside.path, path("adr")), 0) }
        try expectOneChange { try write("adr/0001-first.md", "decision") }
    }

    /// The watched folder itself appearing (charts/ was missing at the start) is seen, then what it holds.
    func testWatchedFolderCreatedLaterIsSeen() throws {
        try requireInotify()
        let charts = root.appendingPathComponent("charts")
        try expectOneChange { try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true) }
        try expectOneChange { try Data("name: x\n".utf8).write(to: charts.appendingPathComponent("Chart.yaml")) }
    }

    func testHiddenFilesAndTheParentsOtherEntriesAreNotChanges() throws {
        try requireInotify()
        try write("en/guides/.a.md.swp", "swap")
        try Data("x".utf8).write(to: root.appendingPathComponent("site-out"))
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertEqual(calls.value, 0)
    }

    func testBurstOfSavesIsOneChange() throws {
        try requireInotify()
        try expectOneChange {
            for number in 0..<30 { try write("en/guides/burst-\(number).md", "page \(number)") }
        }
    }

    /// Changes made while the handler runs (a rebuild) bring one more call after it.
    func testChangesDuringTheHandlerBringOneMoreCall() throws {
        try requireInotify()
        watcher.stop()
        let slow = CallCounter()
        watcher = FolderWatcher(folders: [content], quiet: 0.2) { slow.add(); Thread.sleep(forTimeInterval: 0.5) }
        watcher.start()
        try write("en/guides/a.md", "first")
        XCTAssertTrue(slow.wait(for: 1, seconds: 5))
        for number in 0..<5 { try write("en/guides/a.md", "during \(number)") }
        XCTAssertTrue(slow.wait(for: 2, seconds: 5))
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertEqual(slow.value, 2)
    }

    /// Where inotify is unavailable the watcher polls: an edit is one call, a scratch file none.
    func testPollingFallbackSeesAnEditOnce() throws {
        watcher.stop()
        watcher = FolderWatcher(folders: [content], interval: 0.05) { [calls] in calls.add() }
        watcher.forcesPolling = true
        watcher.start()
        XCTAssertFalse(watcher.usesInotify)
        try write("en/guides/.a.md.swp", "swap")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(calls.value, 0)
        // Replaced in one step: a poll between truncating and writing would see two changes.
        try expectOneChange { try Data("edited".utf8).write(to: content.appendingPathComponent("en/guides/a.md"), options: .atomic) }
    }

    func testPollingFindsEveryKindOfChange() throws {
        let first = FolderWatcher.snapshot(of: [content])
        try write("en/guides/a.md", "edited, longer")
        let edited = FolderWatcher.snapshot(of: [content])
        XCTAssertNotEqual(first, edited)
        try write("en/guides/.a.md.swp", "swap")
        XCTAssertEqual(FolderWatcher.snapshot(of: [content]), edited, "hidden files are not content")
        XCTAssertEqual(rename(path("en/guides/a.md"), path("en/guides/b.md")), 0)
        XCTAssertNotEqual(FolderWatcher.snapshot(of: [content]), edited)
    }
}

final class CallCounter: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0
    var value: Int { condition.lock(); defer { condition.unlock() }; return count }

    func add() {
        condition.lock(); count += 1; condition.broadcast(); condition.unlock()
    }

    /// Waits until the count reaches `target`; false after `seconds`.
    func wait(for target: Int, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock(); defer { condition.unlock() }
        while count < target { if !condition.wait(until: deadline) { return count >= target } }
        return true
    }
}
