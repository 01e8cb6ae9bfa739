import SystemIO
import Foundation
import XCTest
@testable import DocsiteKit

/// The system-call file helpers the loader and the writer use instead of Foundation.
final class PlainFileTests: XCTestCase {
    func testReadsWhatWasWrittenAtAnySize() throws {
        let folder = try Fixture.make([:])
        try PlainFile.makeFolder(folder.path)
        for size in [0, 1, 4095, 4096, 4097, 300_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder.path + "/file-\(size)"
            try PlainFile.write(bytes, to: path)
            XCTAssertEqual(PlainFile.read(path), bytes, "size \(size)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(bytes), "size \(size)")
        }
    }

    func testReadRefusesFoldersAndMissingFiles() throws {
        let folder = try Fixture.make(["a.md": "x"])
        XCTAssertNil(PlainFile.read(folder.path))
        XCTAssertNil(PlainFile.read(folder.path + "/missing.md"))
        XCTAssertEqual(PlainFile.read(folder.path + "/a.md"), Array("x".utf8))
    }

    /// A link replaces what the target held and shares the source's inode;
    /// across file systems (no link possible) the bytes are copied.
    func testLinkReplacesTheTargetAndCopiesAcrossFileSystems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("link-\(UUID().uuidString)").path
        try PlainFile.makeFolder(folder)
        defer { PlainFile.removeTree(folder) }
        try PlainFile.write(Array("new".utf8), to: folder + "/source")
        try PlainFile.write(Array("old".utf8), to: folder + "/target")
        try PlainFile.link(folder + "/source", to: folder + "/target")
        XCTAssertEqual(PlainFile.read(folder + "/target"), Array("new".utf8))
        var source = stat(), target = stat()
        XCTAssertEqual(lstat(folder + "/source", &source), 0)
        XCTAssertEqual(lstat(folder + "/target", &target), 0)
        XCTAssertEqual(source.st_ino, target.st_ino)
        var shm = stat()
        guard stat("/dev/shm", &shm) == 0, shm.st_dev != source.st_dev, access("/dev/shm", W_OK) == 0 else {
            throw XCTSkip("no writable /dev/shm on another file system: the copy path is not tested here")
        }
        let other = "/dev/shm/link-\(UUID().uuidString)"
        defer { unlink(other) }
        try PlainFile.link(folder + "/source", to: other)
        XCTAssertEqual(PlainFile.read(other), Array("new".utf8))
        XCTAssertEqual(lstat(other, &target), 0)
        XCTAssertNotEqual(source.st_ino == target.st_ino && source.st_dev == target.st_dev, true)
        XCTAssertThrowsError(try PlainFile.link(folder + "/missing", to: other + "-2"))
    }

    func testFailuresNameThePath() throws {
        let folder = try Fixture.make(["a.md": "x"])
        XCTAssertThrowsError(try PlainFile.write([1, 2], to: folder.path + "/no/such/folder/file")) { error in
            XCTAssertTrue("\(error)".contains("/no/such/folder/file"), "\(error)")
        }
        XCTAssertThrowsError(try PlainFile.makeFolder(folder.path + "/a.md/sub")) { error in
            XCTAssertTrue("\(error)".contains("a.md/sub"), "\(error)")
        }
        XCTAssertNoThrow(try PlainFile.makeFolder(folder.path), "an existing folder is fine")
    }

    func testFileLockIsExclusiveUntilReleased() throws {
        let folder = try Fixture.make(["a.md": "x"])
        let path = folder.path + "/lock"
        guard case .success(let first) = FileLock.acquire(path) else { return XCTFail("first lock refused") }
        guard case .failure(.held) = FileLock.acquire(path) else { return XCTFail("a second lock was granted") }
        first.release()
        guard case .success(let again) = FileLock.acquire(path) else { return XCTFail("released lock not granted") }
        again.release()
        guard case .failure(.cannotOpen) = FileLock.acquire(folder.path + "/no/such/lock") else {
            return XCTFail("a lock in a missing folder was granted")
        }
    }

    func testWalkLeavesOutWhatTheFilterSkips() throws {
        let folder = try Fixture.make(["a.md": "x", ".hidden/b.md": "y", "CVS/c.md": "z", "d/e.md": "w"])
        let all = Set(FileWalker.walk(folder.path).map(\.path))
        XCTAssertTrue(all.isSuperset(of: [".hidden/b.md", "CVS/c.md", "d/e.md"]))
        let visible = Set(FileWalker.walk(folder.path, skipHidden: true).filter { $0.kind == .file }.map(\.path))
        XCTAssertEqual(visible, ["a.md", "d/e.md"])
    }
}
