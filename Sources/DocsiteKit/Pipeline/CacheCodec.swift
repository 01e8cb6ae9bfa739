import YAML
import Foundation
import Markdown

/// A compact binary form of the build cache. JSON took seconds to read and
/// write for a 10,000-page site (most of a one-page rebuild); this format is
/// a flat byte stream of varints and length-prefixed strings. Anything
/// malformed makes `decode` return nil, and the build simply runs cold.
enum CacheCodec {
    static let magic = Array("DOCSITE-CACHE\n".utf8)

    static func encode(_ cache: BuildCache) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: magic)
        writer.string(cache.version)
        writer.int(cache.pages.count)
        // Pages are encoded in chunks on every core and joined in order.
        let entries = cache.pages.sorted(by: { $0.key < $1.key })
        let chunks = stride(from: 0, to: entries.count, by: 256).map { Array(entries[$0..<min($0 + 256, entries.count)]) }
        for chunk in chunks.concurrentMap(encodePages) { writer.bytes.append(contentsOf: chunk) }
        writer.int(cache.outputs.count)
        for (path, fingerprint) in cache.outputs.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.string(fingerprint)
        }
        writer.int(cache.outputStamps.count)
        for (path, stamp) in cache.outputStamps.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.string(stamp)
        }
        return writer.bytes
    }

    @Sendable static func encodePages(_ entries: [(key: String, value: Page.Metadata)]) -> [UInt8] {
        var writer = ByteWriter()
        for (file, metadata) in entries {
            writer.string(file)
            writer.metadata(metadata)
        }
        return writer.bytes
    }

    static func decode(_ data: Data) -> BuildCache? {
        var reader = ByteReader(bytes: [UInt8](data))
        guard reader.take(magic.count) == magic, let version = reader.string(), version == BuildCache.formatVersion,
              let pageCount = reader.count() else { return nil }
        var pages: [String: Page.Metadata] = [:]
        pages.reserveCapacity(pageCount)
        for _ in 0..<pageCount {
            guard let file = reader.string(), let metadata = reader.metadata() else { return nil }
            pages[file] = metadata
        }
        guard let outputCount = reader.count() else { return nil }
        var outputs: [String: String] = [:]
        outputs.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            guard let path = reader.string(), let fingerprint = reader.string() else { return nil }
            outputs[path] = fingerprint
        }
        guard let stampCount = reader.count() else { return nil }
        var outputStamps: [String: String] = [:]
        for _ in 0..<stampCount {
            guard let path = reader.string(), let stamp = reader.string() else { return nil }
            outputStamps[path] = stamp
        }
        return reader.atEnd ? BuildCache(version: version, pages: pages, outputs: outputs, outputStamps: outputStamps) : nil
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value)) << 1 ^ UInt64(bitPattern: Int64(value) >> 63)  // zigzag
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        int(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func metadata(_ m: Page.Metadata) {
        string(m.frontMatter.title)
        optionalString(m.frontMatter.description)
        int(m.frontMatter.weight == nil ? 0 : 1)
        if let weight = m.frontMatter.weight { int(weight) }
        int(m.frontMatter.node == nil ? 0 : 1)
        if let node = m.frontMatter.node { yaml(node) }
        int(m.bodyFirstLine)
        int(m.headings.count)
        for heading in m.headings {
            int(heading.level); string(heading.text); string(heading.id); int(heading.line)
        }
        int(m.links.count)
        for link in m.links {
            string(link.destination); int(link.line); int(link.column); int(link.isImage ? 1 : 0)
        }
        string(m.sourceHash)
        string(m.contentHash)
    }

    mutating func yaml(_ node: YAMLNode) {
        switch node {
        case .scalar(let scalar):
            int(0); string(scalar.value); int(Self.kinds.firstIndex(of: scalar.kind) ?? 4); int(scalar.line); int(scalar.column)
        case .sequence(let items, let line, let column):
            int(1); int(items.count); for item in items { yaml(item) }; int(line); int(column)
        case .mapping(let entries, let line, let column):
            int(2); int(entries.count)
            for entry in entries { string(entry.key); int(entry.line); int(entry.column); yaml(entry.value) }
            int(line); int(column)
        }
    }

    static let kinds: [YAMLScalar.Kind] = [.null, .bool, .int, .float, .string]
}

struct ByteReader {
    let bytes: [UInt8]
    var position = 0
    /// Guards against hostile or corrupt files that nest without end.
    var depth = 0

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func int() -> Int? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))) }
            shift += 7
        }
        return nil
    }

    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - position + 1 else { return nil }
        return value
    }

    mutating func string() -> String? {
        guard let length = count(), position + length <= bytes.count else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        guard let flag = int() else { return nil }
        if flag == 0 { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    mutating func metadata() -> Page.Metadata? {
        guard let title = string(), let description = optionalString(), let hasWeight = int() else { return nil }
        var weight: Int?
        if hasWeight == 1 { guard let value = int() else { return nil }; weight = value }
        guard let hasNode = int() else { return nil }
        var node: YAMLNode?
        if hasNode == 1 { guard let value = yaml() else { return nil }; node = value }
        guard let bodyFirstLine = int(), let headingCount = count() else { return nil }
        var headings: [Heading] = []
        for _ in 0..<headingCount {
            guard let level = int(), let text = string(), let id = string(), let line = int() else { return nil }
            headings.append(Heading(level: level, text: text, id: id, line: line))
        }
        guard let linkCount = count() else { return nil }
        var links: [LinkReference] = []
        for _ in 0..<linkCount {
            guard let destination = string(), let line = int(), let column = int(), let image = int() else { return nil }
            links.append(LinkReference(destination: destination, position: SourcePosition(line: line, column: column),
                                       isImage: image == 1))
        }
        guard let sourceHash = string(), let contentHash = string() else { return nil }
        return Page.Metadata(frontMatter: FrontMatter(title: title, description: description, weight: weight, node: node),
                             bodyFirstLine: bodyFirstLine, headings: headings, links: links,
                             sourceHash: sourceHash, contentHash: contentHash)
    }

    mutating func yaml() -> YAMLNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 256, let tag = int() else { return nil }
        switch tag {
        case 0:
            guard let value = string(), let kind = int(), ByteWriter.kinds.indices.contains(kind),
                  let line = int(), let column = int() else { return nil }
            return .scalar(YAMLScalar(value: value, kind: ByteWriter.kinds[kind], line: line, column: column))
        case 1:
            guard let itemCount = count() else { return nil }
            var items: [YAMLNode] = []
            for _ in 0..<itemCount { guard let item = yaml() else { return nil }; items.append(item) }
            guard let line = int(), let column = int() else { return nil }
            return .sequence(items, line: line, column: column)
        case 2:
            guard let entryCount = count() else { return nil }
            var entries: [YAMLEntry] = []
            for _ in 0..<entryCount {
                guard let key = string(), let line = int(), let column = int(), let value = yaml() else { return nil }
                entries.append(YAMLEntry(key: key, line: line, column: column, value: value))
            }
            guard let line = int(), let column = int() else { return nil }
            return .mapping(entries, line: line, column: column)
        default:
            return nil
        }
    }
}
