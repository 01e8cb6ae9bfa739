import Foundation
import SystemIO
import Markdown

/// Pagefind, run on the finished site when it is installed: per-language
/// indexes (driven by `<html lang>`) with Russian stemming, all offline.
public enum SearchIndex {
    /// The folder Pagefind writes below the site.
    public static let folder = "pagefind"
    /// Pagefind's map of the index (one per shard).
    static let entryFile = "pagefind-entry.json"
    /// Lists the shard folders for the site's script (`window.docsiteSearchShards`).
    public static let shardScript = "shards.js"
    /// Pagefind's UI files, loaded by every page from the folder's root.
    static let uiFiles = ["pagefind-ui.js", "pagefind-ui.css"]

    /// Shards for a site of `pages` pages (`docsite serve`): about 320 pages
    /// each, at most 32. An edit waits for Pagefind over its page's shard,
    /// whose time grows faster than its pages (on the 10,000-page bench
    /// site, load 2.6: 110 pages 0.5 s, 330 pages 1.0 s, 650 pages 2.4 s).
    /// The browser merges every shard on the first query, one after another
    /// (Pagefind's UI), about 14 ms each (first query, load 6-7: 17 shards
    /// 586 ms, 32 shards 807 ms, 48 1,196 ms, 64 1,306 ms), hence the cap.
    public static func shardCount(pages: Int) -> Int { min(32, max(1, pages / 320)) }

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

    /// Makes the index of the site's HTML pages below `site/pagefind`:
    /// the shards in `rebuild` that hold pages (the others are kept by the
    /// caller), two Pagefind runs at a time, then the list of shards and
    /// the UI files every page loads from the folder's root.
    static func build(tool: String, site: URL, shards: SearchShards, rebuild: [Int]) throws {
        let pages = pagesByShard(site, shards)
        let work = rebuild.filter { pages[$0] != nil }
        let failures = FailureList()
        // Two lanes: one Pagefind run keeps about one core and a half busy,
        // and the machines this runs on have two.
        DispatchQueue.concurrentPerform(iterations: min(2, work.count)) { lane in
            for index in stride(from: lane, to: work.count, by: 2) where failures.isEmpty {
                do { try buildShard(tool: tool, site: site, folder: shards.folder(work[index]), pages: pages[work[index]] ?? []) } catch { failures.add(error) }
            }
        }
        if let failure = failures.first { throw failure }
        try writeRoot(site: site, shardFolders: pages.keys.sorted().map(shards.folder))
    }

    /// HTML pages of the site (not Pagefind's own files), by shard.
    static func pagesByShard(_ site: URL, _ shards: SearchShards) -> [Int: [String]] {
        var result: [Int: [String]] = [:]
        for entry in FileWalker.walk(site.path) where entry.kind == .file && entry.path.hasSuffix(".html") && !entry.path.hasPrefix(folder + "/") {
            result[shards.shard(of: entry.path), default: []].append(entry.path)
        }
        return result
    }

    /// Pagefind over one shard's pages: they are put into a folder of their
    /// own (same relative paths, so the same result URLs) inside the site,
    /// which an interrupted build's next run removes with the rest. Each
    /// holds only what Pagefind reads (`indexedPart`), else is linked whole.
    static func buildShard(tool: String, site: URL, folder shardFolder: String, pages: [String]) throws {
        let input = site.appendingPathComponent("\(folder)/.pages-\(shardFolder)")
        let output = site.appendingPathComponent("\(folder)/\(shardFolder)")
        PlainFile.removeTree(input.path)
        PlainFile.removeTree(output.path)
        defer { PlainFile.removeTree(input.path) }
        var folders: Set<String> = []
        for page in pages {
            let pageFolder = input.path + "/" + RelativePath.directory(of: page)
            if folders.insert(pageFolder).inserted { try FileManager.default.createDirectory(atPath: pageFolder, withIntermediateDirectories: true) }
            if let part = PlainFile.read(site.path + "/" + page).flatMap(indexedPart) {
                try PlainFile.write(part, to: input.path + "/" + page)
            } else if link(site.path + "/" + page, input.path + "/" + page) != 0 {
                try FileManager.default.copyItem(atPath: site.path + "/" + page, toPath: input.path + "/" + page)
            }
        }
        try run(tool, ["--site", input.path, "--output-path", output.path, "--silent"])
        // A program that exits 0 without writing an index (not Pagefind, or another
        // major version) would otherwise surface later as a missing file of the mirror.
        for file in [entryFile] + uiFiles where !FileManager.default.fileExists(atPath: output.path + "/" + file) {
            throw SearchIndexError(message: "\(tool) exited 0 but wrote no \(file) for \(folder)/\(shardFolder) (PAGEFIND must be Pagefind 1.x)")
        }
        try canonicalizeEntry(output.appendingPathComponent(entryFile))
    }

    /// A page cut to what Pagefind reads when pages mark their text with
    /// `data-pagefind-body`: the head and the body's opening tag (language,
    /// title), the marked element, nothing of the navigation around it.
    /// Pagefind parses about a fifth less (1.0 s of CPU against 1.24 s
    /// for a 330-page shard) and writes the same files, byte for byte.
    /// Nil when the page has no such element, or it is not in one piece.
    static func indexedPart(of page: [UInt8]) -> [UInt8]? {
        guard let marker = page.firstRange(of: Array("data-pagefind-body".utf8)),
              let start = page[..<marker.lowerBound].lastIndex(of: UInt8(ascii: "<")),
              let bodyTag = page.firstRange(of: Array("<body".utf8)), bodyTag.upperBound <= start,
              let bodyOpen = page[bodyTag.upperBound..<start].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let name = page[(start + 1)...].prefix(while: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ">") })
        let closing = Array("</".utf8) + name + Array(">".utf8)
        // The last closing tag of its name: the marked element may hold others of the same name.
        guard let end = stride(from: page.count - closing.count, through: marker.upperBound, by: -1)
            .first(where: { page[$0..<($0 + closing.count)].elementsEqual(closing) }) else { return nil }
        return Array(page[...bodyOpen]) + page[start..<(end + closing.count)] + Array("</body></html>\n".utf8)
    }

    /// `shards.js` (the shard folders, for docsite.js to merge) and Pagefind's
    /// UI script and style, linked from the first shard (all are the same).
    static func writeRoot(site: URL, shardFolders: [String]) throws {
        let root = site.appendingPathComponent(folder).path
        try PlainFile.makeFolder(root)
        let list = shardFolders.map { "\"\($0)\"" }.joined(separator: ", ")
        unlink(root + "/" + shardScript)
        try PlainFile.write(Data("window.docsiteSearchShards = [\(list)];\n".utf8), to: root + "/" + shardScript)
        guard let first = shardFolders.first else { return }
        for file in uiFiles {
            unlink(root + "/" + file)
            if link(root + "/" + first + "/" + file, root + "/" + file) != 0 {
                try FileManager.default.copyItem(atPath: root + "/" + first + "/" + file, toPath: root + "/" + file)
            }
        }
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

/// Pagefind looks a word up in each merged index on its own, and an index
/// with no word starting with the query falls back to its longest word that
/// is a prefix of it ("к" for «квазарслово»): shards without a rare word
/// add such near matches that one full index would not show. Every page a
/// full index finds is still found (Tests/browser/test_search_shards.py).
///
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

/// Errors of work run on several threads; the first one is reported.
final class FailureList: @unchecked Sendable {
    private var errors: [Error] = []
    private let lock = NSLock()
    func add(_ error: Error) { lock.lock(); errors.append(error); lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return errors.first }
    var isEmpty: Bool { first == nil }
}
