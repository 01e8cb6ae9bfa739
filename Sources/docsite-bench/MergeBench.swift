import Foundation
import PagefindIndex

/// `docsite-bench merge-index OUT SHARD...`: times merging Pagefind shard
/// indexes into one (`IndexMerge`), cold and then reusing the first
/// result's files, and prints the figures.
enum MergeBench {
    static func run(arguments: [String]) throws {
        guard arguments.count >= 2 else { throw BenchError("usage: docsite-bench merge-index OUT SHARD...") }
        let out = arguments[0], shards = Array(arguments.dropFirst())
        let keepFirst = ProcessInfo.processInfo.environment["MERGE_KEEP_FIRST"] != nil && FileManager.default.fileExists(atPath: out + "-first")
        for (label, reuse) in [("cold", nil), ("reusing", out + "-first")] as [(String, String?)] where !(keepFirst && reuse == nil) {
            let target = reuse == nil ? out + "-first" : out
            try? FileManager.default.removeItem(atPath: target)
            let start = Date()
            let level = Int32(ProcessInfo.processInfo.environment["MERGE_LEVEL"] ?? "") ?? 6
            let summary = try IndexMerge.merge(shards: shards, into: target, compression: level, reuse: reuse)
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "%@: %.3f s, pages %@, words %@, written %d, reused %d", label, seconds,
                         "\(summary.pages)", "\(summary.words)", summary.written, summary.reused))
        }
    }
}
