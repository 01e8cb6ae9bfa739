import Foundation
import Markdown

/// Pagefind, run on the finished site when it is installed: per-language
/// indexes (driven by `<html lang>`) with Russian stemming, all offline.
public enum SearchIndex {
    /// The folder Pagefind writes below the site.
    public static let folder = "pagefind"
    /// Pagefind's map of the index.
    static let entryFile = "pagefind-entry.json"

    /// `PAGEFIND`, else `pagefind` on PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let explicit = environment["PAGEFIND"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/pagefind"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func build(tool: String, site: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--site", site.path, "--output-subdir", folder, "--silent"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SearchIndexError(message: "pagefind failed (exit \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        try canonicalizeEntry(site.appendingPathComponent("\(folder)/\(entryFile)"))
    }

    /// Pagefind writes its language map in hash order, which differs from
    /// run to run; sorted keys keep two builds of the same input identical.
    static func canonicalizeEntry(_ file: URL) throws {
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        let object = try JSONSerialization.jsonObject(with: data)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]).write(to: file)
    }

    struct SearchIndexError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
