import Foundation
import SystemIO
import XCTest

/// The indexer's peak memory is each child's own, not the figure Linux
/// starts a child with at `exec` (its parent's peak).
final class ChildProcessTests: XCTestCase {
    private static let mebibyte: UInt64 = 1_048_576

    /// A python3 that touches `mebibytes` MiB, holds them `seconds`, exits with `status`.
    private func allocating(_ mebibytes: Int, holding seconds: Double, status: Int = 0) throws -> (String, [String]) {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 is not installed") }
        return (python, ["-c", "import time, sys\nb = bytearray(\(mebibytes) << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
                             + "time.sleep(\(seconds))\nsys.stderr.write('held')\nsys.exit(\(status))"])
    }

    /// Touches `mebibytes` MiB in this process, so its peak is at least that.
    private func holdInThisProcess(_ mebibytes: Int) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: mebibytes << 20, alignment: 4096)
        for offset in stride(from: 0, to: buffer.count, by: 4096) { buffer[offset] = 1 }
        return buffer
    }

    func testPeakIsTheChildsOwnNotItsBiggerParents() throws {
        let (python, arguments) = try allocating(100, holding: 0.4)
        let held = holdInThisProcess(400)
        defer { held.deallocate() }
        let parent = try XCTUnwrap(ChildProcess.peakOfProcess(getpid()))
        XCTAssertGreaterThan(parent, 400 * Self.mebibyte, "the test process must hold more than the child")

        let outcome = try ChildProcess.run(python, arguments)

        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.standardError, "held")
        // The child holds 100 MiB plus the interpreter (about 10 MiB); the
        // inherited figure would be over 400 MiB.
        XCTAssertGreaterThanOrEqual(outcome.peakBytes, 100 * Self.mebibyte)
        XCTAssertLessThan(outcome.peakBytes, 160 * Self.mebibyte)
        // What getrusage(RUSAGE_CHILDREN) reports for the same child: the parent's peak.
        var children = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        XCTAssertGreaterThan(UInt64(children.ru_maxrss) * 1024, 400 * Self.mebibyte)
    }

    func testExitStatusAndMissingProgramAreReported() throws {
        let (python, arguments) = try allocating(1, holding: 0, status: 3)
        XCTAssertEqual(try ChildProcess.run(python, arguments).status, 3)
        XCTAssertThrowsError(try ChildProcess.run("/nonexistent/pagefind", [])) { error in
            XCTAssertTrue("\(error)".contains("cannot start /nonexistent/pagefind"), "\(error)")
        }
    }

    /// Two children at once add up; the same two one after the other do not.
    func testChildrenRunningSideBySideAddUp() throws {
        let (python, arguments) = try allocating(80, holding: 0.6)
        let together = ConcurrentPeak()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in _ = try? ChildProcess.run(python, arguments, peaks: together) }
        let apart = ConcurrentPeak()
        for _ in 0..<2 { _ = try ChildProcess.run(python, arguments, peaks: apart) }

        XCTAssertGreaterThanOrEqual(together.maximum, 160 * Self.mebibyte)
        XCTAssertLessThan(together.maximum, 250 * Self.mebibyte)
        XCTAssertGreaterThanOrEqual(apart.maximum, 80 * Self.mebibyte)
        XCTAssertLessThan(apart.maximum, 125 * Self.mebibyte)
    }
}
