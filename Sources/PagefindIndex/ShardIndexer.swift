import Foundation
import SystemIO

/// docsite's own Pagefind indexer for one shard: reads the pages, splits
/// and stems their words and writes the folder Pagefind would write over
/// them (its fragments, word chunks, meta files and map, and its browser
/// files linked from `runtime`), in the form the merge reads fastest.
///
/// It reproduces Pagefind 1.5.2 for the HTML docsite writes, in English and
/// Russian (with the Snowball stemmers Pagefind ships; ADR 0019). A page
/// with anything else makes the whole shard `unsupported`; the caller has
/// Pagefind index that shard, so the index is never different from
/// Pagefind's, only slower.
/// One thread at a time uses an instance (it keeps each language's split
/// words between shards).
public final class ShardIndexer {
    public enum Outcome: Equatable {
        case indexed(pages: Int)
        /// `page` has what the indexer does not reproduce (`reason`).
        case unsupported(page: String, reason: String)
    }

    /// A Pagefind output folder over one page per language: its version,
    /// its characters kept in words, and the browser's files for shards.
    public struct Runtime: Sendable {
        public let folder: String
        let version: String
        let includeCharacters: Set<Unicode.Scalar>
        let includeCharacterList: [String]
        let files: [String]

        public init(folder: String) throws(PagefindIndexError) {
            let entry = try Entry.read(folder + "/" + IndexMerge.entryFile)
            self.folder = folder
            version = entry.version
            includeCharacterList = entry.includeCharacters
            includeCharacters = Set(entry.includeCharacters.flatMap(\.unicodeScalars))
            files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
                $0 != IndexMerge.entryFile && !$0.hasSuffix(".pf_meta") && FileWalker.kind(at: folder + "/" + $0) == .file
            }.sorted()
        }

        public func hasWASM(_ language: String) -> Bool { files.contains("wasm.\(language).pagefind") }
    }

    /// Changes whenever what the indexer writes changes: shards made by
    /// another version are made again.
    public static let version = 1
    /// The languages it indexes (it has their stemmers).
    public static let languages = ["en", "ru"]

    /// Seconds spent so far, by phase (`docsite-bench index-pages` prints them).
    public struct Timings: Sendable {
        public var read = 0.0, parse = 0.0, words = 0.0, write = 0.0
    }

    /// Words split and stemmed so far (each distinct word once per language).
    public var wordsSplit: Int { splitters.values.reduce(0) { $0 + $1.splitCount } }

    let runtime: Runtime
    let compression: Int32
    private var splitters: [String: IndexableWords] = [:]
    public private(set) var timings = Timings()

    public init(runtime: Runtime, compression: Int32) {
        self.runtime = runtime
        self.compression = compression
    }

    /// Indexes `pages` (paths below `site`) into the new folder `output`.
    public func index(site: String, pages: [String], into output: String) throws(PagefindIndexError) -> Outcome {
        var indexed: [IndexedPage] = []
        var clock = Clock()
        for path in pages.sorted() {
            guard let bytes = PlainFile.read(site + "/" + path) else { throw PagefindIndexError(file: site + "/" + path, message: "cannot be read") }
            timings.read += clock.lap()
            do {
                // Only the marked part and the head: what Pagefind reads of the page, in half the bytes.
                let read = try PageReader.read(PageReader.indexedPart(of: bytes) ?? bytes)
                timings.parse += clock.lap()
                guard let splitter = splitter(read.language) else {
                    return .unsupported(page: path, reason: "the language \"\(read.language)\"")
                }
                indexed.append(try IndexedPage(url: Self.url(of: path), page: read, words: splitter))
                timings.words += clock.lap()
            } catch {
                return .unsupported(page: path, reason: error.reason)
            }
        }
        defer { timings.write += clock.lap() }
        let customBody = indexed.contains(where: \.hasCustomBody)
        let kept = indexed.filter { (!customBody || $0.hasCustomBody) && !$0.words.isEmpty }
        let languages = Set(kept.map(\.language)).sorted()
        if let missing = languages.first(where: { !runtime.hasWASM($0) }) {
            return .unsupported(page: kept.first { $0.language == missing }!.url, reason: "no Pagefind runtime for \(missing)")
        }
        try IndexMerge.makeFolders(output)
        var entry = Entry(version: runtime.version, includeCharacters: runtime.includeCharacterList, languages: [:])
        for language in languages {
            let pages = kept.filter { $0.language == language }
            let meta = try writeLanguage(language, pages, into: output)
            entry.languages[language] = Entry.Language(hash: meta.name, wasm: language, pageCount: meta.pages)
        }
        for file in runtime.files { try Writer.link(runtime.folder + "/" + file, output + "/" + file) }
        try entry.write(output + "/" + IndexMerge.entryFile)
        return .indexed(pages: kept.count)
    }

    private func splitter(_ language: String) -> IndexableWords? {
        if let known = splitters[language] { return known }
        let made = IndexableWords(language: language, includeCharacters: runtime.includeCharacters)
        splitters[language] = made
        return made
    }

    /// Pagefind's URL of a page: below the site root, `index.html` dropped.
    static func url(of path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }

    /// One language's fragments, its words as one chunk and its meta file:
    /// the shard's own form, which the merge reads as it reads Pagefind's
    /// (it cuts the merged index into chunks itself), kept inflated as
    /// `IndexMerge.inflateWordChunks` keeps Pagefind's.
    private func writeLanguage(_ language: String, _ pages: [IndexedPage], into output: String) throws(PagefindIndexError) -> (name: String, pages: Int) {
        let fields = Set(pages.flatMap { $0.meta.map(\.0) }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let table = WordTable(pages, fields: fields, splitter: splitter(language)!)
        let chunk = table.cbor
        let chunkName = IndexFile.chunkName(chunk, language: language, taken: [])
        try write(IndexFile.marker + chunk, to: "\(output)/index/\(chunkName).pf_index")
        let bounds = table.bounds
        let meta = MetaIndex(version: runtime.version, pages: try writeFragments(language, pages, into: output),
                             chunks: [MetaIndex.Chunk(from: bounds.first, to: bounds.last, hash: chunkName)],
                             filters: [], sorts: [], metaFields: fields)
        let payload = meta.cbor
        let name = language + "_" + IndexFile.hexDigest(payload).prefix(language.utf8.count + 8)
        try write(IndexFile.marker + payload, to: "\(output)/pagefind.\(name).pf_meta")
        return (name, pages.count)
    }

    private func write(_ bytes: [UInt8], to path: String) throws(PagefindIndexError) {
        do { try PlainFile.write(bytes, to: path) } catch { throw PagefindIndexError(file: path, message: "cannot be written: \(error)") }
    }

    /// Fragments named as Pagefind names them: the language and seven hex
    /// digits of the hash of the JSON, one more digit while another page holds the name.
    private func writeFragments(_ language: String, _ pages: [IndexedPage], into output: String) throws(PagefindIndexError) -> [MetaIndex.Page] {
        var fullHashes: [String: String] = [:]
        var result: [MetaIndex.Page] = []
        for page in pages {
            let json = page.fragmentJSON
            let full = language + "_" + IndexFile.hexDigest(json)
            var length = language.utf8.count + 8
            var name = String(full.prefix(length))
            while let other = fullHashes[name], other != full, length < full.count {
                length += 1
                name = String(full.prefix(length))
            }
            if fullHashes[name] == nil {
                fullHashes[name] = full
                try write(IndexFile.stored(json, level: compression), to: "\(output)/fragment/\(name).pf_fragment")
            }
            result.append(MetaIndex.Page(hash: name, wordCount: page.wordCount))
        }
        return result
    }
}

/// Every word of a language's pages with its places, page by page, as
/// Pagefind packs them (`positions_to_packed_page`, `meta_positions_to_packed`),
/// encoded as one word chunk.
struct WordTable {
    /// A word's places on one page: ranges of `locs`.
    struct Entry { var page: Int; var locs: Range<Int>; var metaLocs: Range<Int> }
    struct Word {
        var pages: [Entry] = []
        /// By original form (its number), in the order first met.
        var variants: [(form: Int32, pages: [Entry])] = []
    }

    private var words: [Int32: Word] = [:]
    private var order: [Int32] = []
    /// Every entry's packed positions, one after another.
    private var locs: [Int32] = []
    private let splitter: IndexableWords

    init(_ pages: [IndexedPage], fields: [String], splitter: IndexableWords) {
        self.splitter = splitter
        for (number, page) in pages.enumerated() {
            let fieldMap = page.meta.map { key, _ in fields.firstIndex(of: key)! }
            for (word, range) in page.words {
                let places = page.places[range]
                if places.allSatisfy({ $0.original < 0 }) {
                    let entry = Entry(page: number, locs: pack(places), metaLocs: 0..<0)
                    update(word) { $0.pages.append(entry) }
                    continue
                }
                let plain = places.filter { $0.original < 0 }
                if !plain.isEmpty {
                    let entry = Entry(page: number, locs: pack(plain[...]), metaLocs: 0..<0)
                    update(word) { $0.pages.append(entry) }
                }
                for form in sortedForms(places.map(\.original)) {
                    let entry = Entry(page: number, locs: pack(places.filter { $0.original == form }[...]), metaLocs: 0..<0)
                    update(word) { $0.add(form, entry) }
                }
            }
            for (word, places) in page.metaWords {
                let mapped = places.map { MetaPlace(field: fieldMap[$0.field], position: $0.position, original: $0.original) }
                let plain = mapped.filter { $0.original < 0 }
                if !plain.isEmpty {
                    let metaLocs = store(Self.packedMeta(plain))
                    update(word) { $0.setMeta(metaLocs, page: number) }
                }
                for form in sortedForms(mapped.map(\.original)) {
                    let metaLocs = store(Self.packedMeta(mapped.filter { $0.original == form }))
                    update(word) { $0.setVariantMeta(form, metaLocs, page: number) }
                }
            }
        }
    }

    private mutating func store(_ values: [Int32]) -> Range<Int> {
        let start = locs.count
        locs += values
        return start..<locs.count
    }

    /// Positions grouped by weight (the common weight 25 first, then by
    /// weight), each group opened by `-(weight + 1)` and its absolute
    /// position, then deltas; appended to `locs`.
    private mutating func pack(_ places: ArraySlice<WordPlace>) -> Range<Int> {
        let start = locs.count
        var sorted = places
        if !places.allSatisfy({ $0.weight == places.first!.weight }) {
            sorted.sort { a, b in
                let ka = a.weight == 25 ? 0 : a.weight, kb = b.weight == 25 ? 0 : b.weight
                return ka != kb ? ka < kb : a.position < b.position
            }
        }
        var weight: UInt8 = 25, last: UInt32 = 0
        for place in sorted {
            if place.weight != weight {
                locs.append(-Int32(place.weight) - 1)
                locs.append(Int32(place.position))
                weight = place.weight
            } else {
                locs.append(Int32(place.position - last))
            }
            last = place.position
        }
        return start..<locs.count
    }

    /// A page's original forms in Pagefind's order (by their text).
    private func sortedForms(_ forms: [Int32]) -> [Int32] {
        Set(forms.filter { $0 >= 0 }).sorted { splitter.originals[Int($0)].utf8.lexicographicallyPrecedes(splitter.originals[Int($1)].utf8) }
    }

    private mutating func update(_ word: Int32, _ change: (inout Word) -> Void) {
        if words[word] == nil { order.append(word); words[word] = Word() }
        change(&words[word]!)
    }

    /// Meta positions by field, each field opened by `-(field + 1)`, positions as deltas within it.
    static func packedMeta(_ places: [MetaPlace]) -> [Int32] {
        let sorted = places.sorted { $0.field != $1.field ? $0.field < $1.field : $0.position < $1.position }
        var result: [Int32] = []
        var field: Int?, last: UInt32 = 0
        for place in sorted {
            if place.field != field {
                result.append(-Int32(place.field) - 1)
                field = place.field
                last = 0
            }
            result.append(Int32(place.position - last))
            last = place.position
        }
        return result
    }

    /// The first and last word in byte order.
    var bounds: (first: String, last: String) {
        let words = order.map { splitter.stems[Int($0)] }
        let first = words.min { $0.utf8.lexicographicallyPrecedes($1.utf8) } ?? ""
        let last = words.max { $0.utf8.lexicographicallyPrecedes($1.utf8) } ?? ""
        return (first, last)
    }

    var cbor: [UInt8] {
        var writer = CBOR.Writer(capacity: 1 << 16)
        writer.array(1)
        writer.array(order.count)
        for number in order {
            let word = words[number]!
            writer.array(3)
            writer.text(splitter.stems[Int(number)])
            append(word.pages, to: &writer)
            writer.array(word.variants.count)
            for variant in word.variants {
                writer.array(2)
                writer.text(splitter.originals[Int(variant.form)])
                append(variant.pages, to: &writer)
            }
        }
        return writer.bytes
    }

    private func append(_ entries: [Entry], to writer: inout CBOR.Writer) {
        writer.array(entries.count)
        var last = 0
        for entry in entries {
            writer.array(3)
            writer.int(entry.page - last)
            last = entry.page
            for range in [entry.locs, entry.metaLocs] {
                writer.array(range.count)
                for value in locs[range] { writer.int(Int(value)) }
            }
        }
    }
}

private extension WordTable.Word {
    mutating func add(_ form: Int32, _ entry: WordTable.Entry) {
        if let index = variants.firstIndex(where: { $0.form == form }) { variants[index].pages.append(entry) } else { variants.append((form, [entry])) }
    }

    mutating func setMeta(_ locs: Range<Int>, page: Int) {
        if let last = pages.indices.last, pages[last].page == page { pages[last].metaLocs = locs } else {
            pages.append(WordTable.Entry(page: page, locs: 0..<0, metaLocs: locs))
        }
    }

    mutating func setVariantMeta(_ form: Int32, _ locs: Range<Int>, page: Int) {
        if let index = variants.firstIndex(where: { $0.form == form }), let last = variants[index].pages.indices.last,
           variants[index].pages[last].page == page {
            variants[index].pages[last].metaLocs = locs
        } else {
            add(form, WordTable.Entry(page: page, locs: 0..<0, metaLocs: locs))
        }
    }
}

/// Seconds between laps.
public struct Clock {
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
