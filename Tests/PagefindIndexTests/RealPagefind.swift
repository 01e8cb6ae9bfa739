import Foundation
import XCTest

/// The Pagefind these tests compare with: `PAGEFIND`, `pagefind` on PATH,
/// or the one `make venv` installs; a test skips when there is none.
enum RealPagefind {
    static func locate() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["PAGEFIND"]].compactMap { $0 } + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pagefind" }
            + [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.venv/bin/pagefind").standardized.path]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); comparing with real Pagefind indexes not tested here")
        }
        return tool
    }

    /// Pagefind over every HTML file of `site` into `output`.
    static func run(_ tool: String, site: String, output: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--site", site, "--output-path", output, "--silent"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "pagefind over \(site)", file: file, line: line)
    }
}

/// A test case with a fresh temporary folder, removed afterwards.
class WorkFolderTestCase: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }
}
