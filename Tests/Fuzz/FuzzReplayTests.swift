import Foundation
import XCTest
import FuzzHarness

/// Every seed and every input the fuzzers once crashed or hung on, run
/// through the same entry logic as the fuzz targets: a regression crashes
/// this test process or trips its time limit.
final class FuzzReplayTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func replay(_ target: String, limit: TimeInterval = 60) throws {
        let entry = try XCTUnwrap(FuzzHarness.targets[target])
        let paths = ["regressions", "corpus"].map { Self.folder.appendingPathComponent("\($0)/\(target)").path }
        let start = Date()
        let count = FuzzHarness.replay(paths, entry)
        XCTAssertGreaterThan(count, 0, "no inputs found for \(target)")
        XCTAssertLessThan(Date().timeIntervalSince(start), limit, "\(target): replaying \(count) inputs took too long")
    }

    func testPageLoading() throws { try replay("FuzzPageLoading") }
    func testLinkRewriting() throws { try replay("FuzzLinkRewriting") }
    func testSchemaValidator() throws { try replay("FuzzSchemaValidator") }
    func testOverlayMerge() throws { try replay("FuzzOverlayMerge") }
}
