import Foundation
import SystemIO

/// A page's entry in one word's list, its positions kept as the CBOR bytes
/// Pagefind wrote (`start..<end` of a buffer): the positions array, then
/// the meta positions array when `hasMeta`.
struct PageEntry {
    var page: Int32
    /// Positions and meta positions plus one: Pagefind's measure of a chunk.
    var size: Int32
    var buffer: Int32
    var start: Int32
    var end: Int32
    var hasMeta: Bool
}

/// One language of the merged index (see `IndexMerge`).
struct LanguageMerge {
    let language: String
    /// Each shard's folder and its entry for this language.
    let sources: [(String, Entry.Language)]
    let writer: Writer

    /// Bytes the entries point into; buffer 0 holds rewritten entries.
    private var buffers: [[UInt8]] = [[]]
    private var wordIndex: [String: Int] = [:]
    private var words: [String] = []
    private var pages: [[PageEntry]] = []
    private var variants: [[(form: String, pages: [PageEntry])]] = []

    init(language: String, sources: [(String, Entry.Language)], writer: Writer) {
        self.language = language
        self.sources = sources
        self.writer = writer
    }

    /// Writes the language's files; returns its meta file's name and page count, and its word count.
    mutating func run() throws(PagefindIndexError) -> (meta: (name: String, pages: Int), words: Int) {
        let metas = try sources.map { (shard, entry) throws(PagefindIndexError) in
            let path = "\(shard)/pagefind.\(entry.hash).pf_meta"
            let meta = try decode(path) { bytes throws(IndexFileError) in try MetaIndex(cbor: bytes) }
            if !meta.sorts.isEmpty {
                throw PagefindIndexError(file: path, message: "has sort orders (data-pagefind-sort), which cannot be merged: sort keys are not stored")
            }
            return meta
        }
        let metaFields = Set(metas.flatMap(\.metaFields)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var merged = MetaIndex(version: metas[0].version, pages: [], chunks: [], filters: [], sorts: [], metaFields: metaFields)
        var filters: [String: [String: [Int]]] = [:]
        var fragmentsTaken: [String: String] = [:]
        for ((shard, _), meta) in zip(sources, metas) {
            let base = merged.pages.count
            merged.pages += try fragmentNames(of: meta, shard: shard, taken: &fragmentsTaken)
            let fields = meta.metaFields.map { Int32(metaFields.firstIndex(of: $0)!) }
            let fieldMap = fields == fields.indices.map(Int32.init) ? nil : fields
            for chunk in meta.chunks {
                let path = "\(shard)/index/\(chunk.hash).pf_index"
                let bytes = try decode(path) { $0 }
                do { try scanChunk(bytes, base: Int32(base), fieldMap: fieldMap) } catch {
                    throw PagefindIndexError(file: path, message: describe(error))
                }
            }
            for filter in meta.filters {
                let path = "\(shard)/filter/\(filter.hash).pf_filter"
                let index = try decode(path) { bytes throws(IndexFileError) in try FilterIndex(cbor: bytes) }
                for value in index.values { filters[index.filter, default: [:]][value.value, default: []] += value.pages.map { $0 + base } }
            }
        }
        merged.chunks = try writeChunks()
        merged.filters = try writeFilters(filters)
        let payload = merged.cbor
        let name = language + "_" + IndexFile.hexDigest(payload).prefix(language.utf8.count + 8)
        try writer.write("pagefind.\(name).pf_meta", payload: payload)
        return ((name, merged.pages.count), words.count)
    }

    // MARK: Fragments

    /// The shard's pages under their names in the merged index, each
    /// fragment linked there. Names are the start of a hash of the page's
    /// data; when two shards give different pages one name, the later one
    /// takes one more hex digit until it is free, as Pagefind does.
    /// `taken` maps each name given so far to the fragment file it names.
    private func fragmentNames(of meta: MetaIndex, shard: String, taken: inout [String: String]) throws(PagefindIndexError) -> [MetaIndex.Page] {
        var result: [MetaIndex.Page] = []
        result.reserveCapacity(meta.pages.count)
        for page in meta.pages {
            let source = "\(shard)/fragment/\(page.hash).pf_fragment"
            var name = page.hash
            if let other = taken[name] {
                let full = try fullHash(source)
                var length = name.count
                var holder: String? = other
                while let held = holder, try fullHash(held) != full, length < full.count {
                    length += 1
                    name = String(full.prefix(length))
                    holder = taken[name]
                }
            }
            if taken[name] == nil {
                taken[name] = source
                try Writer.link(source, "\(writer.output)/fragment/\(name).pf_fragment")
            }
            result.append(MetaIndex.Page(hash: name, wordCount: page.wordCount))
        }
        return result
    }

    private func fullHash(_ fragment: String) throws(PagefindIndexError) -> String {
        language + "_" + IndexFile.hexDigest(try IndexFile.payload(of: fragment))
    }
}

// MARK: Words

extension LanguageMerge {
    /// Adds a shard's chunk to the merged words: its pages numbered from
    /// `base`, meta field numbers mapped through `fieldMap` (nil: the same).
    /// Shards come in page order, so each word's pages stay in order.
    mutating func scanChunk(_ bytes: [UInt8], base: Int32, fieldMap: [Int32]?) throws(IndexFileError) {
        let buffer = Int32(buffers.count)
        buffers.append(bytes)
        var reader = CBOR.Reader(bytes)
        try reader.fields(1, "word index")
        for _ in 0..<(try reader.array()) {
            try reader.fields(3, "word")
            let word = try reader.text()
            let wordPages = try scanPages(&reader, buffer: buffer, base: base, fieldMap: fieldMap)
            let slot: Int
            if let known = wordIndex[word] {
                slot = known
                pages[slot] += wordPages
            } else {
                slot = words.count
                wordIndex[word] = slot
                words.append(word)
                pages.append(wordPages)
                variants.append([])
            }
            for _ in 0..<(try reader.array()) {
                try reader.fields(2, "variant")
                let form = try reader.text()
                let formPages = try scanPages(&reader, buffer: buffer, base: base, fieldMap: fieldMap)
                if let known = variants[slot].firstIndex(where: { $0.form == form }) {
                    variants[slot][known].pages += formPages
                } else {
                    variants[slot].append((form, formPages))
                }
            }
        }
        guard reader.atEnd else { throw .damaged("bytes after the word list at byte \(reader.offset)") }
    }

    private mutating func scanPages(_ reader: inout CBOR.Reader, buffer: Int32, base: Int32, fieldMap: [Int32]?) throws(IndexFileError) -> [PageEntry] {
        let count = try reader.array()
        var result: [PageEntry] = []
        result.reserveCapacity(count)
        var page: Int32 = base
        for _ in 0..<count {
            let fields = try reader.array()
            guard fields == 2 || fields == 3 else { throw .damaged("page entry with \(fields) fields at byte \(reader.offset)") }
            page += Int32(try reader.int())
            let start = reader.offset
            let locs = try reader.skipInts()
            let locsEnd = reader.offset
            var metaCount = 0
            var entry = PageEntry(page: page, size: 0, buffer: buffer, start: Int32(start), end: 0, hasMeta: fields == 3)
            if fields == 3 {
                let metaLocs = try reader.ints()
                metaCount = metaLocs.count
                if let fieldMap, !metaLocs.isEmpty {
                    entry = try rewritten(entry, locs: reader.bytes[start..<locsEnd], metaLocs: metaLocs, fieldMap: fieldMap)
                }
            }
            if entry.buffer == buffer { entry.end = Int32(reader.offset) }
            entry.size = Int32(locs + metaCount + 1)
            result.append(entry)
        }
        return result
    }

    /// The entry with its meta field numbers mapped to the merged list
    /// (`-(id + 1)` marks a field), written into buffer 0.
    private mutating func rewritten(_ entry: PageEntry, locs: ArraySlice<UInt8>, metaLocs: [Int32], fieldMap: [Int32]) throws(IndexFileError) -> PageEntry {
        var writer = CBOR.Writer()
        writer.bytes.append(contentsOf: locs)
        let mapped = try metaLocs.map { (value) throws(IndexFileError) -> Int32 in
            guard value < 0 else { return value }
            let field = Int(-value - 1)
            guard field < fieldMap.count else { throw .damaged("meta field \(field) of \(fieldMap.count)") }
            return -fieldMap[field] - 1
        }
        writer.ints(mapped)
        var result = entry
        result.buffer = 0
        result.start = Int32(buffers[0].count)
        buffers[0] += writer.bytes
        result.end = Int32(buffers[0].count)
        return result
    }

    /// Words in byte order, cut where Pagefind cuts (after the word that
    /// brings a chunk to `chunkSize` positions), each chunk written under
    /// the hash of its bytes; returns the chunks for the meta file.
    func writeChunks() throws(PagefindIndexError) -> [MetaIndex.Chunk] {
        let order = words.indices.sorted { words[$0].utf8.lexicographicallyPrecedes(words[$1].utf8) }
        var cuts: [Range<Int>] = []
        var start = 0, size = 0
        for (position, slot) in order.enumerated() {
            size += pages[slot].reduce(0) { $0 + Int($1.size) }
            if size >= IndexMerge.chunkSize {
                cuts.append(start..<(position + 1))
                start = position + 1
                size = 0
            }
        }
        if start < order.count { cuts.append(start..<order.count) }
        let payloads = ConcurrentWork.map(cuts) { self.encode(order[$0]) }
        var chunks = cuts.map { MetaIndex.Chunk(from: words[order[$0.lowerBound]], to: words[order[$0.upperBound - 1]], hash: "") }
        trimBounds(&chunks)
        var taken: Set<String> = []
        for (index, payload) in payloads.enumerated() {
            chunks[index].hash = IndexFile.chunkName(payload, language: language, taken: taken)
            taken.insert(chunks[index].hash)
        }
        let failures = ResultList<Void>()
        let work = Array(zip(chunks, payloads))
        DispatchQueue.concurrentPerform(iterations: min(2, work.count)) { lane in
            for index in stride(from: lane, to: work.count, by: 2) {
                failures.add { () throws(PagefindIndexError) in try writer.write("index/\(work[index].0.hash).pf_index", payload: work[index].1) }
            }
        }
        _ = try failures.values()
        return chunks
    }

    private func encode(_ slots: ArraySlice<Int>) -> [UInt8] {
        var writer = CBOR.Writer(capacity: 1 << 17)
        writer.array(1)
        writer.array(slots.count)
        for slot in slots {
            writer.array(3)
            writer.text(words[slot])
            append(pages[slot], to: &writer)
            writer.array(variants[slot].count)
            for variant in variants[slot] {
                writer.array(2)
                writer.text(variant.form)
                append(variant.pages, to: &writer)
            }
        }
        return writer.bytes
    }

    private func append(_ entries: [PageEntry], to writer: inout CBOR.Writer) {
        writer.array(entries.count)
        var last: Int32 = 0
        for entry in entries {
            writer.array(3)
            writer.int(Int(entry.page - last))
            last = entry.page
            writer.bytes += buffers[Int(entry.buffer)][Int(entry.start)..<Int(entry.end)]
            if !entry.hasMeta { writer.array(0) }
        }
    }

    /// Pagefind's chunk bounds: between two chunks, each side is cut to the
    /// words' common prefix and one more character (the earlier chunk's
    /// end only when that does not put it before its start).
    private func trimBounds(_ chunks: inout [MetaIndex.Chunk]) {
        guard chunks.count > 1 else { return }
        for index in 0..<(chunks.count - 1) {
            let end = Array(chunks[index].to.unicodeScalars), next = Array(chunks[index + 1].from.unicodeScalars)
            var common = 0
            while common < end.count, common < next.count, end[common] == next[common] { common += 1 }
            let endPrefix = scalars(end.prefix(common + 1)), nextPrefix = scalars(next.prefix(common + 1))
            if !endPrefix.utf8.lexicographicallyPrecedes(chunks[index].from.utf8) { chunks[index].to = endPrefix }
            chunks[index + 1].from = nextPrefix
        }
    }

    private func scalars(_ values: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: values)
        return String(view)
    }

    /// Filters in name order, values in value order, each value's pages in order.
    func writeFilters(_ filters: [String: [String: [Int]]]) throws(PagefindIndexError) -> [MetaIndex.Filter] {
        var result: [MetaIndex.Filter] = []
        var taken: Set<String> = []
        // Pagefind makes the folder only for a site with filters.
        if !filters.isEmpty {
            do { try FileManager.default.createDirectory(atPath: writer.output + "/filter", withIntermediateDirectories: true) } catch {
                throw PagefindIndexError(file: writer.output + "/filter", message: "cannot be made: \(error)")
            }
        }
        for name in filters.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let values = filters[name]!.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let payload = FilterIndex(filter: name, values: values.map { FilterIndex.Value(value: $0.key, pages: $0.value.sorted()) }).cbor
            let hash = IndexFile.chunkName(payload, language: language, taken: taken)
            taken.insert(hash)
            try writer.write("filter/\(hash).pf_filter", payload: payload)
            result.append(MetaIndex.Filter(filter: name, hash: hash))
        }
        return result
    }

    /// A stored file's CBOR, decoded by `read`; errors name the file.
    func decode<T>(_ path: String, _ read: ([UInt8]) throws(IndexFileError) -> T) throws(PagefindIndexError) -> T {
        let bytes = try IndexFile.payload(of: path)
        do { return try read(bytes) } catch { throw PagefindIndexError(file: path, message: describe(error)) }
    }

    func describe(_ error: IndexFileError) -> String {
        switch error { case .damaged(let what): "damaged Pagefind data: \(what)" }
    }
}

/// `transform` over `items` on every core, results in order.
enum ConcurrentWork {
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        let results = ResultList<(Int, R)>()
        withoutActuallyEscaping(transform) { transform in
            let box = UncheckedBox((items, transform))
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                results.add { () throws(PagefindIndexError) in (index, box.value.1(box.value.0[index])) }
            }
        }
        return ((try? results.values()) ?? []).sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Hands a value that is only read to the threads of `concurrentPerform`.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
