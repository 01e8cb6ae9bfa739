import Crypto
import SystemIO

/// A problem with a Pagefind index file: which file, and what is wrong.
public struct PagefindIndexError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

enum IndexFileError: Error {
    case damaged(String)
}

/// `pagefind.<language>_<hash>.pf_meta`: the pages (fragment name and word
/// count), the word chunks with the words they span, the filters, sorts
/// and meta fields of one language.
struct MetaIndex: Equatable {
    struct Page: Equatable { var hash: String; var wordCount: Int }
    struct Chunk: Equatable { var from: String; var to: String; var hash: String }
    struct Filter: Equatable { var filter: String; var hash: String }
    struct Sort: Equatable { var sort: String; var pages: [Int] }

    var version: String
    var pages: [Page]
    var chunks: [Chunk]
    var filters: [Filter]
    var sorts: [Sort]
    var metaFields: [String]
}

/// `filter/*.pf_filter`: the pages of each value of one filter.
struct FilterIndex: Equatable {
    struct Value: Equatable { var value: String; var pages: [Int] }
    var filter: String
    var values: [Value]
}

/// Pagefind's file encodings: gzip around `pagefind_dcd` and the CBOR
/// value (its `decompress` checks the marker), fields in Pagefind's order.
enum IndexFile {
    static let marker = Array("pagefind_dcd".utf8)

    /// The CBOR of a stored file (gzipped, or as `IndexMerge.inflateWordChunks`
    /// keeps it: the marker and the CBOR), or an error naming it.
    static func payload(of path: String) throws(PagefindIndexError) -> [UInt8] {
        guard let stored = PlainFile.read(path) else { throw PagefindIndexError(file: path, message: "cannot be read") }
        if stored.starts(with: marker) { return Array(stored.dropFirst(marker.count)) }
        guard let bytes = Gzip.decompress(stored) else { throw PagefindIndexError(file: path, message: "is not a complete gzip stream") }
        guard bytes.starts(with: marker) else { throw PagefindIndexError(file: path, message: "has no pagefind_dcd marker (not a Pagefind 1.x file)") }
        return Array(bytes.dropFirst(marker.count))
    }

    static func stored(_ payload: [UInt8], level: Int32) -> [UInt8] {
        Gzip.compress(marker + payload, level: level)
    }

    /// `<language>_<SHA-1>` in Pagefind's spelling: each byte in lower-case
    /// hex without its leading zero (Rust's `{:x?}`), so names match its own.
    static func hexDigest(_ bytes: [UInt8]) -> String {
        Insecure.SHA1.hash(data: bytes).map { String($0, radix: 16) }.joined()
    }

    /// The name Pagefind gives a chunk or filter file: the language and
    /// seven hex digits, two more while it is in `taken`.
    static func chunkName(_ payload: [UInt8], language: String, taken: Set<String>) -> String {
        let full = language + "_" + hexDigest(payload)
        var length = language.utf8.count + 8
        var name = String(full.prefix(length))
        while taken.contains(name), length < full.count {
            length += 2
            name = String(full.prefix(length))
        }
        return name
    }
}

extension MetaIndex {
    init(cbor bytes: [UInt8]) throws(IndexFileError) {
        var reader = CBOR.Reader(bytes)
        let fields = try reader.array()
        guard fields >= 5 else { throw .damaged("meta index has \(fields) fields, at least 5 expected") }
        version = try reader.text()
        pages = []
        for _ in 0..<(try reader.array()) {
            try reader.fields(2, "page")
            pages.append(Page(hash: try reader.text(), wordCount: try reader.int()))
        }
        chunks = []
        for _ in 0..<(try reader.array()) {
            try reader.fields(3, "index chunk")
            chunks.append(Chunk(from: try reader.text(), to: try reader.text(), hash: try reader.text()))
        }
        filters = []
        for _ in 0..<(try reader.array()) {
            try reader.fields(2, "filter")
            filters.append(Filter(filter: try reader.text(), hash: try reader.text()))
        }
        sorts = []
        for _ in 0..<(try reader.array()) {
            try reader.fields(2, "sort")
            let name = try reader.text()
            sorts.append(Sort(sort: name, pages: try reader.ints().map(Int.init)))
        }
        metaFields = []
        if fields >= 6 {
            for _ in 0..<(try reader.array()) { metaFields.append(try reader.text()) }
        }
    }

    var cbor: [UInt8] {
        var writer = CBOR.Writer(capacity: 64 + pages.count * 16 + chunks.count * 40)
        writer.array(6)
        writer.text(version)
        writer.array(pages.count)
        for page in pages { writer.array(2); writer.text(page.hash); writer.int(page.wordCount) }
        writer.array(chunks.count)
        for chunk in chunks { writer.array(3); writer.text(chunk.from); writer.text(chunk.to); writer.text(chunk.hash) }
        writer.array(filters.count)
        for filter in filters { writer.array(2); writer.text(filter.filter); writer.text(filter.hash) }
        writer.array(sorts.count)
        for sort in sorts {
            writer.array(2)
            writer.text(sort.sort)
            writer.array(sort.pages.count)
            for page in sort.pages { writer.int(page) }
        }
        writer.array(metaFields.count)
        for field in metaFields { writer.text(field) }
        return writer.bytes
    }
}

extension FilterIndex {
    init(cbor bytes: [UInt8]) throws(IndexFileError) {
        var reader = CBOR.Reader(bytes)
        try reader.fields(2, "filter index")
        filter = try reader.text()
        values = []
        for _ in 0..<(try reader.array()) {
            try reader.fields(2, "filter value")
            let value = try reader.text()
            values.append(Value(value: value, pages: try reader.ints().map(Int.init)))
        }
    }

    var cbor: [UInt8] {
        var writer = CBOR.Writer()
        writer.array(2)
        writer.text(filter)
        writer.array(values.count)
        for value in values {
            writer.array(2)
            writer.text(value.value)
            writer.array(value.pages.count)
            for page in value.pages { writer.int(page) }
        }
        return writer.bytes
    }
}
