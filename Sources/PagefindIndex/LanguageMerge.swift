import Foundation
import SystemIO

/// A page's entry in one word's list, its positions kept as the CBOR bytes
/// Pagefind wrote (`start..<end` of a buffer): the positions array, then
/// (from `metaStart`) the meta positions array when `hasMeta`.
struct PageEntry {
    /// The page's number in its shard until `finish` numbers the whole index.
    var page: Int32
    /// The shard's place in the merge order.
    var shard: Int32
    /// Positions and meta positions plus one: Pagefind's measure of a chunk.
    var size: Int32
    var buffer: Int32
    var start: Int32
    var metaStart: Int32
    var end: Int32
    var hasMeta: Bool
}

/// One shard's part of a language: its meta file and filters.
struct ShardPart {
    var folder: String
    var meta: MetaIndex
    var filters: [FilterIndex]
}

/// One language of the merged index (see `IndexMerge`). Shards may be
/// added in any order (the ones Pagefind did not have to index again
/// while it indexes the others); `finish` numbers the pages in the order
/// of the shards' places, as if they had come in that order. One thread
/// at a time uses an instance (a session gives each language its own).
final class LanguageMerge: @unchecked Sendable {
    let language: String
    let writer: Writer

    private var parts: [Int32: ShardPart] = [:]
    /// Bytes the entries point into: the shards' word chunks.
    private var buffers: [[UInt8]] = []
    private var wordIndex: [String: Int] = [:]
    private var words: [String] = []
    private var pages: [[PageEntry]] = []
    private var variants: [[(form: String, pages: [PageEntry])]] = []
    /// Fragment name -> the shard file linked under it so far.
    private var linked: [String: String] = [:]
    /// Each shard's meta field numbers in the merged list, nil where they are the same.
    private var fieldMaps: [Int32: [Int32]] = [:]

    init(language: String, writer: Writer) {
        self.language = language
        self.writer = writer
    }

    /// Reads one shard's part: its meta file, word chunks and filters, and
    /// links its fragments (under their names; `finish` settles collisions).
    func add(folder: String, entry: Entry.Language, position: Int32) throws(PagefindIndexError) {
        let path = "\(folder)/pagefind.\(entry.hash).pf_meta"
        let meta = try decode(path) { bytes throws(IndexFileError) in try MetaIndex(cbor: bytes) }
        if !meta.sorts.isEmpty {
            throw PagefindIndexError(file: path, message: "has sort orders (data-pagefind-sort), which cannot be merged: sort keys are not stored")
        }
        for chunk in meta.chunks {
            let chunkPath = "\(folder)/index/\(chunk.hash).pf_index"
            let bytes = try decode(chunkPath) { $0 }
            do { try scanChunk(bytes, shard: position, fields: meta.metaFields.count) } catch {
                throw PagefindIndexError(file: chunkPath, message: describe(error))
            }
        }
        let filters = try meta.filters.map { (filter) throws(PagefindIndexError) in
            try decode("\(folder)/filter/\(filter.hash).pf_filter") { bytes throws(IndexFileError) in try FilterIndex(cbor: bytes) }
        }
        for page in meta.pages where linked[page.hash] == nil {
            let source = "\(folder)/fragment/\(page.hash).pf_fragment"
            try Writer.link(source, "\(writer.output)/fragment/\(page.hash).pf_fragment")
            linked[page.hash] = source
        }
        parts[position] = ShardPart(folder: folder, meta: meta, filters: filters)
    }

    /// Writes the language's files; returns its meta file's name and page count, and its word count.
    func finish() throws(PagefindIndexError) -> (meta: (name: String, pages: Int), words: Int) {
        let order = parts.keys.sorted()
        let metaFields = Set(parts.values.flatMap(\.meta.metaFields)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var merged = MetaIndex(version: parts[order[0]]!.meta.version, pages: [], chunks: [], filters: [], sorts: [], metaFields: metaFields)
        var bases: [Int32: Int32] = [:]
        var taken: [String: String] = [:]
        for position in order {
            let part = parts[position]!
            bases[position] = Int32(merged.pages.count)
            merged.pages += try fragmentNames(of: part, taken: &taken)
            let fields = part.meta.metaFields.map { Int32(metaFields.firstIndex(of: $0)!) }
            if fields != fields.indices.map(Int32.init) { fieldMaps[position] = fields }
        }
        numberPages(bases)
        var filters: [String: [String: [Int]]] = [:]
        for position in order {
            let base = Int(bases[position]!)
            for index in parts[position]!.filters {
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

    /// Every entry's page numbered in the whole index, each word's pages
    /// (and each variant's) in that order, variants in the order of their
    /// first page (then by form), as Pagefind lists them.
    private func numberPages(_ bases: [Int32: Int32]) {
        func number(_ entries: inout [PageEntry]) {
            var sorted = true
            for index in entries.indices {
                entries[index].page += bases[entries[index].shard]!
                if index > 0, entries[index].page < entries[index - 1].page { sorted = false }
            }
            if !sorted { entries.sort { $0.page < $1.page } }
        }
        for slot in words.indices {
            number(&pages[slot])
            for index in variants[slot].indices { number(&variants[slot][index].pages) }
            if variants[slot].count > 1 {
                variants[slot].sort { a, b in
                    a.pages[0].page != b.pages[0].page ? a.pages[0].page < b.pages[0].page : a.form.utf8.lexicographicallyPrecedes(b.form.utf8)
                }
            }
        }
    }

    // MARK: Fragments

    /// The part's pages under their names in the merged index. Names are
    /// the start of a hash of the page's data; when two shards give
    /// different pages one name, the later one (in the merge order) takes
    /// one more hex digit until it is free, as Pagefind does. `taken` maps
    /// each name given so far to the fragment file it names; a name linked
    /// to another file by `add` is linked again.
    private func fragmentNames(of part: ShardPart, taken: inout [String: String]) throws(PagefindIndexError) -> [MetaIndex.Page] {
        var result: [MetaIndex.Page] = []
        result.reserveCapacity(part.meta.pages.count)
        for page in part.meta.pages {
            let source = "\(part.folder)/fragment/\(page.hash).pf_fragment"
            var name = page.hash
            if let other = taken[name], other != source {
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
                try linkFragment(source, as: name)
            }
            result.append(MetaIndex.Page(hash: name, wordCount: page.wordCount))
        }
        return result
    }

    /// Links `source` under `name` unless `add` already linked it, or the
    /// same page's data from another shard, there.
    private func linkFragment(_ source: String, as name: String) throws(PagefindIndexError) {
        if let current = linked[name] {
            if current == source { return }
            if try fullHash(current) == fullHash(source) { return }
        }
        try Writer.link(source, "\(writer.output)/fragment/\(name).pf_fragment")
        linked[name] = source
    }

    private func fullHash(_ fragment: String) throws(PagefindIndexError) -> String {
        language + "_" + IndexFile.hexDigest(try IndexFile.payload(of: fragment))
    }
}

// MARK: Words

extension LanguageMerge {
    /// Adds a shard's chunk to the merged words, its pages numbered in the
    /// shard (`finish` numbers them in the index). Meta positions name
    /// fields of the shard's list, `fields` long.
    func scanChunk(_ bytes: [UInt8], shard: Int32, fields: Int) throws(IndexFileError) {
        let buffer = Int32(buffers.count)
        buffers.append(bytes)
        var reader = CBOR.Reader(bytes)
        try reader.fields(1, "word index")
        for _ in 0..<(try reader.array()) {
            try reader.fields(3, "word")
            let word = try reader.text()
            let wordPages = try scanPages(&reader, buffer: buffer, shard: shard, fields: fields)
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
                let formPages = try scanPages(&reader, buffer: buffer, shard: shard, fields: fields)
                if let known = variants[slot].firstIndex(where: { $0.form == form }) {
                    variants[slot][known].pages += formPages
                } else {
                    variants[slot].append((form, formPages))
                }
            }
        }
        guard reader.atEnd else { throw .damaged("bytes after the word list at byte \(reader.offset)") }
    }

    private func scanPages(_ reader: inout CBOR.Reader, buffer: Int32, shard: Int32, fields metaFields: Int) throws(IndexFileError) -> [PageEntry] {
        let count = try reader.array()
        var result: [PageEntry] = []
        result.reserveCapacity(count)
        var page: Int32 = 0
        for _ in 0..<count {
            let fields = try reader.array()
            guard fields == 2 || fields == 3 else { throw .damaged("page entry with \(fields) fields at byte \(reader.offset)") }
            page += Int32(try reader.int())
            let start = Int32(reader.offset)
            let locs = try reader.skipInts()
            let metaStart = Int32(reader.offset)
            var metaCount = 0
            if fields == 3 {
                let metaLocs = try reader.ints()
                metaCount = metaLocs.count
                for value in metaLocs where value < 0 && Int(-value - 1) >= metaFields {
                    throw .damaged("meta field \(-value - 1) of \(metaFields) at byte \(metaStart)")
                }
            }
            result.append(PageEntry(page: page, shard: shard, size: Int32(locs + metaCount + 1), buffer: buffer,
                                    start: start, metaStart: metaStart, end: Int32(reader.offset), hasMeta: fields == 3))
        }
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

    /// Positions as read; meta positions as read, or with the field
    /// numbers of the shard's list mapped to the merged one (`-(id + 1)`
    /// marks a field).
    private func append(_ entries: [PageEntry], to writer: inout CBOR.Writer) {
        writer.array(entries.count)
        var last: Int32 = 0
        for entry in entries {
            writer.array(3)
            writer.int(Int(entry.page - last))
            last = entry.page
            let bytes = buffers[Int(entry.buffer)]
            if !entry.hasMeta {
                writer.bytes += bytes[Int(entry.start)..<Int(entry.end)]
                writer.array(0)
            } else if let map = fieldMaps[entry.shard] {
                writer.bytes += bytes[Int(entry.start)..<Int(entry.metaStart)]
                var reader = CBOR.Reader(bytes, offset: Int(entry.metaStart))
                // Checked when the shard was read (`scanPages`).
                let metaLocs = (try? reader.ints()) ?? []
                writer.ints(metaLocs.map { $0 < 0 ? -map[Int(-$0 - 1)] - 1 : $0 })
            } else {
                writer.bytes += bytes[Int(entry.start)..<Int(entry.end)]
            }
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
