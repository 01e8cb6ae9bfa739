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

/// `docsite-bench index-pages SITE RUNTIME`: times docsite's own indexer
/// over every HTML page of a built site in shards of 100 pages on one
/// thread, by phase (RUNTIME: a Pagefind output folder, such as the
/// `runtime` folder in the site's `.<site>.search` work folder).
enum IndexBench {
    static func run(arguments: [String]) throws {
        guard arguments.count == 2 else { throw BenchError("usage: docsite-bench index-pages SITE RUNTIME") }
        let site = arguments[0]
        let pages = FileManager.default.enumerator(atPath: site)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".html") && !$0.hasPrefix("pagefind/") }.sorted()
        let indexer = ShardIndexer(runtime: try ShardIndexer.Runtime(folder: arguments[1]), compression: 1)
        let out = NSTemporaryDirectory() + "docsite-index-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let start = Date()
        var unsupported = 0
        for (number, first) in stride(from: 0, to: pages.count, by: 100).enumerated() {
            let shard = Array(pages[first..<min(first + 100, pages.count)])
            if case .unsupported(let page, let reason) = try indexer.index(site: site, pages: shard, into: "\(out)/\(number)") {
                unsupported += 1
                print("left to Pagefind: \(page): \(reason)")
            }
        }
        let seconds = Date().timeIntervalSince(start), t = indexer.timings
        print(String(format: "%d pages in %.2f s (%.3f ms a page; read %.2f, parse %.2f, words %.2f, write %.2f s); %d distinct words; %d shards left to Pagefind",
                     pages.count, seconds, seconds * 1000 / Double(pages.count), t.read, t.parse, t.words, t.write, indexer.wordsSplit, unsupported))
    }
}
