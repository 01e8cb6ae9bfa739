import Foundation
import SystemIO

/// Merges Pagefind indexes built over disjoint parts of one site (shards)
/// into the one index Pagefind would have built over the whole site: the
/// same words, pages, positions, weights, meta fields, filters and page
/// word counts, so the browser ranks exactly as with a full index (scores
/// use every page's word count). Only the order of pages, which Pagefind
/// takes from the order it found the files in, may differ: pages come
/// shard by shard.
///
/// Positions are copied as the bytes Pagefind wrote, never decoded, except
/// for meta positions whose field numbers change. A chunk, filter or meta
/// file whose name (a hash of its contents) is in `reuse` (the last merged
/// index) is linked from there instead of being compressed again.
public enum IndexMerge {
    public static let entryFile = "pagefind-entry.json"
    /// Pagefind's default (`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`): positions per word chunk.
    static let chunkSize = 20_000

    public struct Summary: Equatable, Sendable {
        /// Pages per language.
        public var pages: [String: Int] = [:]
        /// Words per language.
        public var words: [String: Int] = [:]
        /// Chunk, filter and meta files compressed and written.
        public var written = 0
        /// The same files linked from `reuse`.
        public var reused = 0
    }

    /// Writes the merged index into `output` (an empty or new folder) from
    /// the Pagefind output folders `shards`, in that order.
    public static func merge(shards: [String], into output: String, compression: Int32 = 6,
                             reuse: String? = nil) throws(PagefindIndexError) -> Summary {
        let session = try Session(output: output, compression: compression, reuse: reuse)
        for (position, shard) in shards.enumerated() { try session.add(shard: shard, position: position) }
        return try session.finish()
    }

    /// A merge whose shards may come in any order: those ready first are
    /// read while Pagefind still indexes the others. Pages are numbered in
    /// the order of the shards' `position`s, so the index is the same
    /// whatever order they came in. One caller at a time.
    public final class Session: @unchecked Sendable {
        let output: String
        let writer: Writer
        private var entries: [Int: (String, Entry)] = [:]
        private var languages: [String: LanguageMerge] = [:]

        public init(output: String, compression: Int32 = 6, reuse: String? = nil) throws(PagefindIndexError) {
            self.output = output
            writer = Writer(output: output, reuse: reuse, compression: compression)
            try makeFolders(output)
        }

        /// Reads the Pagefind output folder `shard` (each language on its own core).
        public func add(shard: String, position: Int) throws(PagefindIndexError) {
            let entry = try Entry.read(shard + "/" + entryFile)
            if let (other, first) = entries.values.first, first.version != entry.version {
                throw PagefindIndexError(file: shard + "/" + entryFile, message: "Pagefind \(entry.version), but \(other) has \(first.version): shards of one index must come from one Pagefind")
            }
            entries[position] = (shard, entry)
            let names = entry.languages.keys.sorted()
            let merges = names.map { name in
                if let known = languages[name] { return known }
                let created = LanguageMerge(language: name, writer: writer)
                languages[name] = created
                return created
            }
            let failures = ResultList<Void>()
            DispatchQueue.concurrentPerform(iterations: names.count) { index in
                failures.add { () throws(PagefindIndexError) in
                    try merges[index].add(folder: shard, entry: entry.languages[names[index]]!, position: Int32(position))
                }
            }
            _ = try failures.values()
        }

        /// Writes every language's files, the browser's files and the map.
        public func finish() throws(PagefindIndexError) -> Summary {
            guard let first = entries.keys.min().flatMap({ entries[$0] }) else { throw PagefindIndexError(file: output, message: "no shard to merge") }
            let names = languages.keys.sorted()
            let results = ResultList<(String, Entry.Language, Int)>()
            // One language per core: their files never meet.
            DispatchQueue.concurrentPerform(iterations: names.count) { index in
                let name = names[index]
                results.add { () throws(PagefindIndexError) in
                    let (meta, words) = try languages[name]!.finish()
                    let wasm = entries.keys.sorted().lazy.compactMap { self.entries[$0]!.1.languages[name] }.first?.wasm
                    return (name, Entry.Language(hash: meta.name, wasm: wasm, pageCount: meta.pages), words)
                }
            }
            var merged = Entry(version: first.1.version, includeCharacters: first.1.includeCharacters, languages: [:])
            var summary = Summary()
            for (language, entry, words) in try results.values() {
                merged.languages[language] = entry
                summary.pages[language] = entry.pageCount
                summary.words[language] = words
            }
            try linkCommonFiles(from: entries.keys.sorted().map { entries[$0]!.0 }, into: output)
            try merged.write(output + "/" + entryFile)
            (summary.written, summary.reused) = writer.counts
            return summary
        }
    }

    /// A name for everything in the Pagefind output `folder`: its languages
    /// and the names of their meta files, which are hashes of their
    /// contents, and those name every other file by its hash.
    public static func contentName(of folder: String) throws(PagefindIndexError) -> String {
        let entry = try Entry.read(folder + "/" + entryFile)
        return entry.languages.keys.sorted().map { "\($0):\(entry.languages[$0]!.hash)" }.joined(separator: ",")
    }

    /// Stores the word chunks and meta files of the Pagefind output
    /// `folder` inflated (Pagefind's marker and CBOR, which `merge` reads
    /// as it reads gzipped ones): a shard merged again and again is then
    /// inflated once (all the shards of the 10,000-page bench site: 27 MB,
    /// 0.18 s of CPU per merge).
    public static func inflateWordChunks(in folder: String) throws(PagefindIndexError) {
        for entry in FileWalker.walk(folder) where entry.kind == .file
            && ((entry.path.hasPrefix("index/") && entry.path.hasSuffix(".pf_index")) || entry.path.hasSuffix(".pf_meta")) {
            let path = folder + "/" + entry.path
            let payload = try IndexFile.payload(of: path)
            do { try PlainFile.write(IndexFile.marker + payload, to: path) } catch {
                throw PagefindIndexError(file: path, message: "cannot be written: \(error)")
            }
        }
    }

    static func makeFolders(_ output: String) throws(PagefindIndexError) {
        for folder in [output, output + "/index", output + "/fragment"] {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw PagefindIndexError(file: folder, message: "cannot be made: \(error)")
            }
        }
    }

    /// Pagefind's scripts, styles and WASM files: every top-level file of a
    /// shard but its map and meta files, the same bytes in every shard.
    private static func linkCommonFiles(from shards: [String], into output: String) throws(PagefindIndexError) {
        var done: Set<String> = []
        for shard in shards {
            // The top level only: a language's WASM file is in the shards that have its pages.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: shard)) ?? []
            where name != entryFile && !name.hasSuffix(".pf_meta") && !done.contains(name)
                && FileWalker.kind(at: shard + "/" + name) == .file {
                done.insert(name)
                try Writer.link(shard + "/" + name, output + "/" + name)
            }
        }
    }
}

/// `pagefind-entry.json`: the version and, per language, the meta file's
/// hash, the WASM file's language and the page count.
struct Entry: Equatable {
    struct Language: Equatable { var hash: String; var wasm: String?; var pageCount: Int }
    var version: String
    var includeCharacters: [String]
    var languages: [String: Language]

    static func read(_ path: String) throws(PagefindIndexError) -> Entry {
        guard let bytes = PlainFile.read(path) else { throw PagefindIndexError(file: path, message: "cannot be read (not a Pagefind output folder?)") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let version = object["version"] as? String,
              let languages = object["languages"] as? [String: [String: Any]] else {
            throw PagefindIndexError(file: path, message: "is not Pagefind's entry JSON (version and languages expected)")
        }
        var result = Entry(version: version, includeCharacters: object["include_characters"] as? [String] ?? [], languages: [:])
        for (name, language) in languages {
            guard let hash = language["hash"] as? String, let count = language["page_count"] as? Int else {
                throw PagefindIndexError(file: path, message: "language \(name) has no hash or page_count")
            }
            result.languages[name] = Language(hash: hash, wasm: language["wasm"] as? String, pageCount: count)
        }
        return result
    }

    /// Keys sorted, slashes unescaped: two merges of the same shards give the same bytes.
    func write(_ path: String) throws(PagefindIndexError) {
        var languageObjects: [String: Any] = [:]
        for (name, language) in languages {
            var object: [String: Any] = ["hash": language.hash, "page_count": language.pageCount]
            object["wasm"] = language.wasm ?? NSNull()
            languageObjects[name] = object
        }
        let object: [String: Any] = ["version": version, "languages": languageObjects, "include_characters": includeCharacters]
        do {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            unlink(path)
            try PlainFile.write(data, to: path)
        } catch { throw PagefindIndexError(file: path, message: "cannot be written: \(error)") }
    }
}

/// Writes content-named files once, linking those `reuse` already has.
final class Writer: @unchecked Sendable {
    let output: String
    let reuse: String?
    let compression: Int32
    private let lock = NSLock()
    private var written = 0, reused = 0

    init(output: String, reuse: String?, compression: Int32) {
        self.output = output
        self.reuse = reuse
        self.compression = compression
    }

    var counts: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (written, reused) }

    /// `relative` below the output: linked from `reuse` when there, else
    /// `payload` gzipped with Pagefind's marker.
    func write(_ relative: String, payload: [UInt8]) throws(PagefindIndexError) {
        let target = output + "/" + relative
        if let reuse, FileManager.default.fileExists(atPath: reuse + "/" + relative) {
            try Self.link(reuse + "/" + relative, target)
            lock.lock(); reused += 1; lock.unlock()
            return
        }
        unlink(target)
        do { try PlainFile.write(IndexFile.stored(payload, level: compression), to: target) } catch {
            throw PagefindIndexError(file: target, message: "cannot be written: \(error)")
        }
        lock.lock(); written += 1; lock.unlock()
    }

    /// `PlainFile.link`, its failure named as the index's.
    static func link(_ source: String, _ target: String) throws(PagefindIndexError) {
        do { try PlainFile.link(source, to: target) } catch {
            throw PagefindIndexError(file: target, message: "cannot be linked or copied from \(source): \(error)")
        }
    }
}

/// Results of work on several threads, in the order it was added; the
/// first error is rethrown.
final class ResultList<Value>: @unchecked Sendable {
    private var collected: [Value] = []
    private var failure: PagefindIndexError?
    private let lock = NSLock()

    func add(_ work: () throws(PagefindIndexError) -> Value) {
        do {
            let value = try work()
            lock.lock(); collected.append(value); lock.unlock()
        } catch {
            lock.lock(); if failure == nil { failure = error }; lock.unlock()
        }
    }

    func values() throws(PagefindIndexError) -> [Value] {
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
        return collected
    }
}
