import Foundation
import XCTest
@testable import DocsiteKit

/// Copies a fixture tree to a fresh temporary folder so tests can build and
/// modify it freely.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func copy(_ name: String) throws -> URL {
        let target = TemporaryFolders.shared.track(FileManager.default.temporaryDirectory
            .appendingPathComponent("docsite-test-\(UUID().uuidString)"))
        try FileManager.default.copyItem(at: directory.appendingPathComponent(name), to: target)
        return target
    }

    /// A temporary root with the given files (path -> text).
    static func make(_ files: [String: String]) throws -> URL {
        let root = TemporaryFolders.shared.track(FileManager.default.temporaryDirectory
            .appendingPathComponent("docsite-test-\(UUID().uuidString)"))
        for (path, text) in files {
            try write(text, to: path, in: root)
        }
        return root
    }

    static func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let minimalConfig = """
    title: {en: Test, ru: Тест}
    languages: [en, ru]
    sections: [guides, adr]

    """
}

/// Temporary trees a test made (fixture copies and the sites built in them)
/// are removed when the test ends, passed or failed.
final class TemporaryFolders: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared: TemporaryFolders = {
        let folders = TemporaryFolders()
        XCTestObservationCenter.shared.addTestObserver(folders)
        return folders
    }()

    private let lock = NSLock()
    private var folders: [URL] = []

    func track(_ folder: URL) -> URL {
        lock.lock()
        folders.append(folder)
        lock.unlock()
        return folder
    }

    func testCaseDidFinish(_ testCase: XCTestCase) {
        lock.lock()
        let finished = folders
        folders = []
        lock.unlock()
        for folder in finished { try? FileManager.default.removeItem(at: folder) }
    }
}

/// Every file below `folder` with its bytes, keyed by relative path.
func treeContents(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.standardizedFileURL.path + "/"
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in enumerator {
        if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
    }
    return result
}

func build(_ root: URL, out: String = "site-out") throws -> BuildReport {
    do {
        return try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent(out)))
    } catch {
        XCTFail("build failed: \(DiagnosticPrinter.render(error.diagnostics, format: .text))")
        throw error
    }
}

func buildErrors(_ root: URL, out: String = "site-out") -> [Diagnostic] {
    do {
        _ = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent(out)))
        return []
    } catch {
        return error.diagnostics
    }
}

/// A small seeded generator (SplitMix64), so a failing random case
/// reproduces on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
