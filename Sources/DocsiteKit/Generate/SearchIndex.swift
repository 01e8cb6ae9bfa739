import Foundation
import SystemIO
import Markdown
import PagefindIndex

/// The site's search index, when Pagefind is installed: the finished
/// site's HTML pages indexed in shards (per-language indexes driven by
/// `<html lang>`, Russian stemming, all offline) by docsite's own indexer,
/// which writes what Pagefind would (`ShardIndexer`, ADR 0019), or by
/// Pagefind for a shard it does not reproduce; merged into one index below
/// `pagefind/` (`IndexMerge`): the index Pagefind would build over the
/// whole site, so results are exact, while an edit re-indexes one shard.
///
/// The shards are build products, not part of the site: they live in a
/// work folder beside the output (`.<out>.search/`), each with a token
/// written once it is finished: the names of its meta files, which
/// are hashes of everything in it. The published index lists the tokens it
/// was merged from (`shardsFile`), so a shard is reused only while it is
/// the one the published site's index holds: one a failed build remade
/// differently is made again, as is any a later build finds unfinished,
/// missing or from another Pagefind.
public enum SearchIndex {
    /// The folder of the merged index below the site.
    public static let folder = "pagefind"
    /// Pagefind's map of an index.
    static let entryFile = IndexMerge.entryFile
    /// In the merged index: `<shard folder> <token>` per line, the shards it was merged from.
    public static let shardsFile = "docsite-shards.txt"
    /// Pagefind's UI files, loaded by every page from the folder's root.
    static let uiFiles = ["pagefind-ui.js", "pagefind-ui.css"]
    /// gzip level of the merged index's files: level 1 takes 0.67 s for the
    /// 10,000-page bench site's 347 files against 1.5 s at 6, for 14 MB
    /// against 13 MB.
    static let compression: Int32 = 1

    /// Shards for a site of `pages` pages: about 100 pages each, at most
    /// 128. An edit waits for Pagefind over its page's shard (on the
    /// 10,000-page bench site 0.45-0.55 s for 100 pages, 0.6 s for 160); a
    /// cold build runs one Pagefind per shard (105 shards: 29.5 s, 66: 28.3 s).
    /// The browser loads the merged index, so their number costs it nothing.
    public static func shardCount(pages: Int) -> Int { min(128, max(1, pages / 100)) }

    /// Where the shards of the site published at `out` are kept.
    public static func workFolder(out: URL) -> URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).search")
    }

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

    /// Seconds spent by one `build`: Pagefind over the shards it re-indexed
    /// (the shards that stand are read meanwhile), then the rest of the merge.
    public struct Timings: Sendable {
        public var shards = 0
        /// Of `shards`, those docsite's indexer left to Pagefind.
        public var byPagefind = 0
        public var indexing = 0.0
        public var merging = 0.0
    }

    /// Makes `site/pagefind`: re-indexes the shards holding a page changed
    /// since the published site (`changed`) and every shard whose work
    /// folder is not the one `published`'s index was merged from, two
    /// Pagefind runs at a time, drops the shards no page maps to any more,
    /// and merges them all. Files of `published`'s index whose contents are
    /// unchanged are linked, not written again.
    @discardableResult
    static func build(tool: String, site: URL, shards: SearchShards, changed: Set<Int>, work: URL, published: URL?) throws -> Timings {
        var timings = Timings()
        var clock = Clock()
        let pages = pagesByShard(site, shards)
        let folders = Dictionary(uniqueKeysWithValues: pages.keys.map { ($0, shards.folder($0)) })
        let publishedIndex = published.map { $0.appendingPathComponent(folder) }
        let merged = publishedIndex.map(mergedTokens) ?? [:]
        try prepareWork(work, tool: tool, keeping: Set(folders.values))
        let work = work.path
        let rebuild = pages.keys.sorted().filter { shard in
            let name = folders[shard]!
            return changed.contains(shard) || merged[name] == nil || merged[name] != token(of: work + "/" + name)
        }
        let used = folders.keys.sorted()
        let output = site.appendingPathComponent(folder).path
        PlainFile.removeTree(output)
        if used.isEmpty { return timings }
        let session = try IndexMerge.Session(output: output, compression: compression, reuse: publishedIndex?.path)
        let runtime = rebuild.isEmpty ? nil : try self.runtime(tool: tool, work: work)
        // The shards to make again, two at a time (the machines this runs
        // on have two cores), while this thread reads the shards that stand.
        let failures = FailureList()
        let byPagefind = Counter()
        let indexed = DispatchGroup()
        let lanes = min(2, rebuild.count)
        for lane in 0..<lanes {
            DispatchQueue.global().async(group: indexed) {
                // One indexer per lane: it keeps the words it has split.
                let indexer = ShardIndexer(runtime: runtime!, compression: compression)
                for index in stride(from: lane, to: rebuild.count, by: lanes) where failures.isEmpty {
                    do {
                        if try !buildShard(indexer, tool: tool, site: site, work: work, folder: folders[rebuild[index]]!, pages: pages[rebuild[index]] ?? []) {
                            byPagefind.increment()
                        }
                    } catch { failures.add(error) }
                }
            }
        }
        let fresh = Set(rebuild)
        do {
            for (position, shard) in used.enumerated() where !fresh.contains(shard) {
                try session.add(shard: work + "/" + folders[shard]!, position: position)
            }
        } catch {
            indexed.wait()
            throw error
        }
        let read = clock.lap()
        indexed.wait()
        if let failure = failures.first { throw failure }
        timings.shards = rebuild.count
        timings.byPagefind = byPagefind.value
        timings.indexing = read + clock.lap()
        for (position, shard) in used.enumerated() where fresh.contains(shard) {
            try session.add(shard: work + "/" + folders[shard]!, position: position)
        }
        _ = try session.finish()
        let list = used.map { "\(folders[$0]!) \(token(of: work + "/" + folders[$0]!) ?? "")\n" }.joined()
        try PlainFile.write(Data(list.utf8), to: output + "/" + shardsFile)
        timings.merging = clock.lap()
        return timings
    }

    /// The work folder holds shards of one Pagefind and one version of
    /// docsite's indexer only (Pagefind's path and file stamp are kept in
    /// it), and only the shards of the current count and the runtime.
    static func prepareWork(_ work: URL, tool: String, keeping: Set<String>) throws {
        let stampFile = work.path + "/pagefind.txt"
        let resolved = OutputFolder.realPath(URL(fileURLWithPath: tool)).path
        let stamp = "\(tool) \(resolved) \(OutputFolder.stamp(resolved) ?? "") indexer \(ShardIndexer.version)\n"
        if PlainFile.read(stampFile).map({ String(decoding: $0, as: UTF8.self) }) != stamp { PlainFile.removeTree(work.path) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] where entry != "pagefind.txt" && entry != runtimeFolder {
            let shard = entry.hasSuffix(".token") ? String(entry.dropLast(6)) : entry
            if !keeping.contains(shard) { PlainFile.removeTree(work.path + "/" + entry) }
        }
        if !FileManager.default.fileExists(atPath: stampFile) { try PlainFile.write(Data(stamp.utf8), to: stampFile) }
    }

    /// The token written when Pagefind finished the shard in `folder`, nil when there is none.
    static func token(of folder: String) -> String? {
        PlainFile.read(folder + ".token").map { String(decoding: $0, as: UTF8.self) }
    }

    /// Shard folder -> token, as the merged index at `index` lists them.
    static func mergedTokens(_ index: URL) -> [String: String] {
        guard let bytes = PlainFile.read(index.path + "/" + shardsFile) else { return [:] }
        var result: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    /// HTML pages of the site (not the index's own files), by shard.
    static func pagesByShard(_ site: URL, _ shards: SearchShards) -> [Int: [String]] {
        var result: [Int: [String]] = [:]
        for entry in FileWalker.walk(site.path) where entry.kind == .file && entry.path.hasSuffix(".html") && !entry.path.hasPrefix(folder + "/") {
            result[shards.shard(of: entry.path), default: []].append(entry.path)
        }
        return result
    }

    /// The Pagefind output docsite's indexer takes Pagefind's version, its
    /// word characters and the browser's files from: Pagefind over one
    /// page per language the indexer knows, made once per work folder.
    static let runtimeFolder = "runtime"

    static func runtime(tool: String, work: String) throws -> ShardIndexer.Runtime {
        let folder = work + "/" + runtimeFolder
        if let made = try? ShardIndexer.Runtime(folder: folder), ShardIndexer.languages.allSatisfy(made.hasWASM) { return made }
        let pages = work + "/.runtime-pages"
        PlainFile.removeTree(folder)
        PlainFile.removeTree(pages)
        defer { PlainFile.removeTree(pages) }
        for language in ShardIndexer.languages {
            try FileManager.default.createDirectory(atPath: pages + "/" + language, withIntermediateDirectories: true)
            try PlainFile.write(Data("<html lang=\"\(language)\"><body><main data-pagefind-body>\(language)</main></body></html>\n".utf8),
                                to: pages + "/" + language + "/index.html")
        }
        try run(tool, ["--site", pages, "--output-path", folder, "--silent"])
        try expectIndex(in: folder, by: tool, of: "docsite's indexer (its runtime)")
        return try ShardIndexer.Runtime(folder: folder)
    }

    /// A program that exits 0 without writing an index (not Pagefind, or
    /// another major version) would otherwise surface later as a missing file.
    static func expectIndex(in folder: String, by tool: String, of what: String) throws {
        for file in [entryFile] + uiFiles where !FileManager.default.fileExists(atPath: folder + "/" + file) {
            throw SearchIndexError(message: "\(tool) exited 0 but wrote no \(file) for \(what) (PAGEFIND must be Pagefind 1.x)")
        }
    }

    /// One shard's pages into `work/<folder>`, by docsite's indexer; true
    /// when it did, false when it left them to Pagefind (`buildShard(tool:…)`).
    static func buildShard(_ indexer: ShardIndexer, tool: String, site: URL, work: String, folder shardFolder: String, pages: [String]) throws -> Bool {
        let output = work + "/" + shardFolder
        unlink(output + ".token")
        PlainFile.removeTree(output)
        guard case .indexed = try indexer.index(site: site.path, pages: pages, into: output) else {
            try buildShard(tool: tool, site: site, work: work, folder: shardFolder, pages: pages)
            return false
        }
        try PlainFile.write(Data(try IndexMerge.contentName(of: output).utf8), to: output + ".token")
        return true
    }

    /// Pagefind over one shard's pages into `work/<folder>`: the pages are
    /// put into a folder of their own (same relative paths, so the same
    /// result URLs), each holding only what Pagefind reads (`indexedPart`),
    /// else linked whole. The token is written last: a shard without one
    /// is unfinished.
    ///
    /// Pagefind leaves out pages without `data-pagefind-body` when any page
    /// it reads has one. Of docsite's pages only `404.html` and the root's
    /// language redirect have none, and they share a shard with about 100
    /// marked pages, so each shard leaves them out as one run over the
    /// whole site does (the merge-equality test on the 10,412-page site
    /// covers it); a shard made of them alone would index them.
    static func buildShard(tool: String, site: URL, work: String, folder shardFolder: String, pages: [String]) throws {
        let input = work + "/.pages-" + shardFolder
        let output = work + "/" + shardFolder
        unlink(output + ".token")
        PlainFile.removeTree(input)
        PlainFile.removeTree(output)
        defer { PlainFile.removeTree(input) }
        var folders: Set<String> = []
        for page in pages {
            let pageFolder = input + "/" + RelativePath.directory(of: page)
            if folders.insert(pageFolder).inserted { try FileManager.default.createDirectory(atPath: pageFolder, withIntermediateDirectories: true) }
            if let part = PlainFile.read(site.path + "/" + page).flatMap(PageReader.indexedPart) {
                try PlainFile.write(part, to: input + "/" + page)
            } else {
                try PlainFile.link(site.path + "/" + page, to: input + "/" + page)
            }
        }
        try run(tool, ["--site", input, "--output-path", output, "--silent"])
        try expectIndex(in: output, by: tool, of: "shard \(shardFolder)")
        let token = try IndexMerge.contentName(of: output)
        // Every later merge reads the shard's word chunks: inflated once here.
        try IndexMerge.inflateWordChunks(in: output)
        try PlainFile.write(Data(token.utf8), to: output + ".token")
    }

    /// The indexer's peak memory in this process: the largest sum of the
    /// own peaks of the Pagefind runs running side by side (ChildProcess).
    static let peaks = ConcurrentPeak()
    /// `peaks` in bytes, 0 when Pagefind has not run.
    public static var peakBytes: UInt64 { peaks.maximum }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let outcome = try ChildProcess.run(tool, arguments, peaks: peaks)
        guard outcome.status == 0 else {
            throw SearchIndexError(message: "pagefind failed (exit \(outcome.status)): \(outcome.standardError)")
        }
    }

    struct SearchIndexError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// How pages are split between the index's shards: by a hash of the page's
/// path, so a page stays in its shard while others come and go. The folder
/// names carry the count, so a site that grows into another count has every
/// shard made again and the old folders dropped.
///
/// Pages that change with every edit (the translation status pages list
/// each English edit) are indexed in a small shard of their own, numbered
/// `count`: an edit then re-indexes its page's shard and that one, side by
/// side, instead of up to three large shards.
public struct SearchShards: Sendable, Equatable {
    public var count: Int
    public var ownShard: Set<String>

    public init(count: Int, ownShard: Set<String> = []) {
        self.count = max(1, count)
        self.ownShard = self.count > 1 ? ownShard : []
    }

    /// Every shard a site can have.
    public var all: [Int] { Array(0...count) }

    public func shard(of page: String) -> Int {
        if ownShard.contains(page) { return count }
        var hash = FastHash.Builder()
        hash.add(page)
        return Int(hash.hash % UInt64(count))
    }

    public func folder(_ shard: Int) -> String { String(format: "%d-%02d", count, shard) }
}

/// A count kept by several threads.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Errors of work run on several threads; the first one is reported.
final class FailureList: @unchecked Sendable {
    private var errors: [Error] = []
    private let lock = NSLock()
    func add(_ error: Error) { lock.lock(); errors.append(error); lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return errors.first }
    var isEmpty: Bool { first == nil }
}
