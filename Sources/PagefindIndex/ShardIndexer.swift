import Foundation
import SystemIO

/// docsite's own Pagefind indexer for one shard: reads the pages, splits
/// and stems their words and writes the folder Pagefind would write over
/// them (its fragments, word chunks, meta files and map, and its browser
/// files linked from `runtime`), in the form the merge reads fastest.
///
/// It reproduces Pagefind 1.x for the HTML docsite writes, in English and
/// Russian (Snowball 3.0.0 stemmers, as Pagefind's). A page with anything
/// else makes the whole shard `unsupported`; the caller has Pagefind index
/// that shard, so the index is never different from Pagefind's, only slower.
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

    let runtime: Runtime
    let compression: Int32
    private var splitters: [String: IndexableWords] = [:]

    public init(runtime: Runtime, compression: Int32) {
        self.runtime = runtime
        self.compression = compression
    }

    /// Indexes `pages` (paths below `site`) into the new folder `output`.
    public func index(site: String, pages: [String], into output: String) throws(PagefindIndexError) -> Outcome {
        var indexed: [IndexedPage] = []
        for path in pages.sorted() {
            guard let bytes = PlainFile.read(site + "/" + path) else { throw PagefindIndexError(file: site + "/" + path, message: "cannot be read") }
            do {
                let read = try PageReader.read(bytes)
                guard let splitter = splitter(read.language) else {
                    return .unsupported(page: path, reason: "the language \"\(read.language)\"")
                }
                indexed.append(try IndexedPage(url: Self.url(of: path), page: read, words: splitter))
            } catch {
                return .unsupported(page: path, reason: error.reason)
            }
        }
        let customBody = indexed.contains(where: \.hasCustomBody)
        let kept = indexed.filter { (!customBody || $0.hasCustomBody) && !$0.words.isEmpty }
        try IndexMerge.makeFolders(output)
        var entry = Entry(version: runtime.version, includeCharacters: runtime.includeCharacterList, languages: [:])
        for language in Set(kept.map(\.language)).sorted() {
            let pages = kept.filter { $0.language == language }
            guard runtime.hasWASM(language) else { return .unsupported(page: pages[0].url, reason: "no Pagefind runtime for \(language)") }
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

    /// One language's fragments, word chunks and meta file, written by the
    /// merge's own writer (one shard of one part: the same files Pagefind writes).
    private func writeLanguage(_ language: String, _ pages: [IndexedPage], into output: String) throws(PagefindIndexError) -> (name: String, pages: Int) {
        let fields = Set(pages.flatMap { $0.meta.map(\.0) }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let meta = MetaIndex(version: runtime.version, pages: try writeFragments(language, pages, into: output),
                             chunks: [], filters: [], sorts: [], metaFields: fields)
        let merge = LanguageMerge(language: language, writer: Writer(output: output, reuse: nil, compression: compression, inflated: true))
        try merge.add(folder: output, meta: meta, chunk: WordTable(pages, fields: fields).cbor, position: 0)
        return try merge.finish().meta
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
                let path = "\(output)/fragment/\(name).pf_fragment"
                do { try PlainFile.write(IndexFile.stored(json, level: compression), to: path) } catch {
                    throw PagefindIndexError(file: path, message: "cannot be written: \(error)")
                }
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
    struct Entry { var page: Int; var locs: [Int32]; var metaLocs: [Int32] }
    struct Word { var pages: [Entry] = []; var variants: [String: [Entry]] = [:]; var variantOrder: [String] = [] }

    private var words: [String: Word] = [:]
    private var order: [String] = []

    init(_ pages: [IndexedPage], fields: [String]) {
        for (number, page) in pages.enumerated() {
            let fieldMap = page.meta.map { key, _ in fields.firstIndex(of: key)! }
            for (word, places) in page.words {
                let plain = places.filter { $0.original == nil }
                if !plain.isEmpty { update(word) { $0.pages.append(Entry(page: number, locs: Self.packed(plain), metaLocs: [])) } }
                for form in Set(places.compactMap(\.original)).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    let entry = Entry(page: number, locs: Self.packed(places.filter { $0.original == form }), metaLocs: [])
                    update(word) { $0.addVariant(form, entry) }
                }
            }
            for (word, places) in page.metaWords {
                let mapped = places.map { MetaPlace(field: fieldMap[$0.field], position: $0.position, original: $0.original) }
                let plain = mapped.filter { $0.original == nil }
                if !plain.isEmpty { update(word) { $0.setMeta(Self.packedMeta(plain), page: number) } }
                for form in Set(mapped.compactMap(\.original)).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    let locs = Self.packedMeta(mapped.filter { $0.original == form })
                    update(word) { $0.setVariantMeta(form, locs, page: number) }
                }
            }
        }
    }

    private mutating func update(_ word: String, _ change: (inout Word) -> Void) {
        if words[word] == nil { order.append(word); words[word] = Word() }
        change(&words[word]!)
    }

    /// Positions grouped by weight (the common weight 25 first, then by
    /// weight), each group opened by `-(weight + 1)` and its absolute
    /// position, then deltas.
    static func packed(_ places: [WordPlace]) -> [Int32] {
        let sorted = places.sorted { a, b in
            let ka = a.weight == 25 ? 0 : a.weight, kb = b.weight == 25 ? 0 : b.weight
            return ka != kb ? ka < kb : a.position < b.position
        }
        var result: [Int32] = []
        result.reserveCapacity(sorted.count + 2)
        var weight: UInt8 = 25, last: UInt32 = 0
        for place in sorted {
            if place.weight != weight {
                result.append(-Int32(place.weight) - 1)
                result.append(Int32(place.position))
                weight = place.weight
            } else {
                result.append(Int32(place.position - last))
            }
            last = place.position
        }
        return result
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

    var cbor: [UInt8] {
        var writer = CBOR.Writer(capacity: 1 << 16)
        writer.array(1)
        writer.array(order.count)
        for name in order {
            let word = words[name]!
            writer.array(3)
            writer.text(name)
            Self.append(word.pages, to: &writer)
            writer.array(word.variantOrder.count)
            for form in word.variantOrder {
                writer.array(2)
                writer.text(form)
                Self.append(word.variants[form]!, to: &writer)
            }
        }
        return writer.bytes
    }

    private static func append(_ entries: [Entry], to writer: inout CBOR.Writer) {
        writer.array(entries.count)
        var last = 0
        for entry in entries {
            writer.array(3)
            writer.int(entry.page - last)
            last = entry.page
            writer.ints(entry.locs)
            writer.ints(entry.metaLocs)
        }
    }
}

private extension WordTable.Word {
    mutating func addVariant(_ form: String, _ entry: WordTable.Entry) {
        if variants[form] == nil { variantOrder.append(form) }
        variants[form, default: []].append(entry)
    }

    mutating func setMeta(_ locs: [Int32], page: Int) {
        if let last = pages.indices.last, pages[last].page == page { pages[last].metaLocs = locs } else {
            pages.append(WordTable.Entry(page: page, locs: [], metaLocs: locs))
        }
    }

    mutating func setVariantMeta(_ form: String, _ locs: [Int32], page: Int) {
        if let entries = variants[form], let last = entries.indices.last, entries[last].page == page {
            variants[form]![last].metaLocs = locs
        } else {
            addVariant(form, WordTable.Entry(page: page, locs: [], metaLocs: locs))
        }
    }
}
