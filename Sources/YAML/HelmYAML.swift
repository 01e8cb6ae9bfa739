import Foundation
import JSONSchema
// libyaml as built by Yams: its event stream is composed here by hand because
// values files must be read with go-yaml v2's YAML 1.1 rules, not Yams' own.
internal import CYaml

/// Reads a values file the way Helm v4 does (`loader.LoadValues`): the text
/// is cut into documents at lines that start with `---` (k8s apimachinery's
/// YAMLReader), each document is read by sigs.k8s.io/yaml (go-yaml v2, YAML
/// 1.1 scalars, then a JSON round trip, so every number is a float64), and
/// the documents are merged in order (maps merge, everything else replaces).
public enum HelmYAML {
    /// One document's values with the position of each (JSON Pointer -> line, column).
    public struct Document: Sendable {
        public var value: JSONValue
        public var positions: [String: (line: Int, column: Int)]
        /// Keys written as YAML 1.1 booleans (`on:`, `yes:`): pointer -> the text as written.
        public var booleanKeys: [String: String] = [:]
        /// Where content after a `...` end marker starts (Helm never reads it).
        public var ignoredFrom: (line: Int, column: Int)?
    }

    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int?
        public var message: String
    }

    /// The documents of a file, merged in order as Helm's LoadValues does.
    public static func load(_ text: String) throws(Failure) -> (value: JSONObject, positions: [String: (line: Int, column: Int)],
                                                               booleanKeys: [String: String], documents: [Document]) {
        var merged = JSONObject()
        var positions: [String: (line: Int, column: Int)] = [:]
        var booleanKeys: [String: String] = [:]
        var documents: [Document] = []
        for chunk in try split(text) {
            let document = try decode(chunk.text, firstLine: chunk.firstLine)
            documents.append(document)
            switch document.value {
            case .object(let object):
                merged = mergeMaps(merged, object)
                for (pointer, position) in document.positions { positions[pointer] = position }
                booleanKeys.merge(document.booleanKeys) { $1 }
            case .null:
                continue
            default:
                let position = document.positions[""] ?? (chunk.firstLine, 1)
                throw Failure(line: position.line, column: position.column,
                              message: "a values document must be a mapping of keys, not \(describe(document.value)) (Helm: cannot unmarshal into a map)")
            }
        }
        return (merged, positions, booleanKeys, documents)
    }

    /// Helm's MergeMaps: `top` wins; two maps merge; a null is kept.
    public static func mergeMaps(_ base: JSONObject, _ top: JSONObject) -> JSONObject {
        var out = base
        for member in top {
            if case .object(let inner) = member.value, case .object(let existing)? = out[member.key] {
                out[member.key] = .object(mergeMaps(existing, inner))
            } else {
                out[member.key] = member.value
            }
        }
        return out
    }

    // MARK: Documents

    /// apimachinery's YAMLReader: lines (CR LF read as LF) up to a line that
    /// starts with `---` form a document; the separator line itself is
    /// dropped and may carry only a comment; empty documents are skipped.
    static func split(_ text: String) throws(Failure) -> [(text: String, firstLine: Int)] {
        var chunks: [(text: String, firstLine: Int)] = []
        var buffer = ""
        var bufferStart = 1
        // Bytes, not Characters: "\r\n" is one Character in Swift.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
        for (index, bytes) in lines.enumerated() {
            let line = String(decoding: bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes, as: UTF8.self)
            if line.hasPrefix("---") {
                let rest = line.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)
                if !rest.isEmpty && !rest.hasPrefix("#") {
                    throw Failure(line: index + 1, column: 1,
                                  message: "invalid YAML document separator '--- \(rest)': Helm allows only a comment after '---'; put the content on the next line")
                }
                if !buffer.isEmpty { chunks.append((buffer, bufferStart)) }
                buffer = ""
                bufferStart = index + 2
                continue
            }
            if buffer.isEmpty { bufferStart = index + 1 }
            buffer += line + "\n"
        }
        if !buffer.isEmpty { chunks.append((buffer, bufferStart)) }
        return chunks
    }

    // MARK: One document

    /// A composed YAML node, anchors already replaced by what they name.
    indirect enum Node {
        case scalar(String, tag: String?, plain: Bool, line: Int, column: Int)
        case sequence([Node], line: Int, column: Int)
        case mapping([(key: Node, value: Node)], line: Int, column: Int)

        var position: (line: Int, column: Int) {
            switch self {
            case .scalar(_, _, _, let line, let column), .sequence(_, let line, let column), .mapping(_, let line, let column):
                return (line, column)
            }
        }
    }

    /// The first document of `text` (go-yaml v2's Unmarshal reads no further).
    static func decode(_ text: String, firstLine: Int) throws(Failure) -> Document {
        if let refusal = YAMLLoader.prescan(text) {
            throw Failure(line: refusal.line + firstLine - 1, column: refusal.column, message: "YAML refused: \(refusal.reason)")
        }
        let (root, ignoredFrom) = try compose(text, lineOffset: firstLine - 1)
        guard let root else { return Document(value: .null, positions: [:], ignoredFrom: ignoredFrom) }
        var decoder = Decoder()
        let value = try decoder.value(of: root, pointer: "")
        return Document(value: value, positions: decoder.positions, booleanKeys: decoder.booleanKeys, ignoredFrom: ignoredFrom)
    }

    /// Builds the node tree of the first document from libyaml's events.
    static func compose(_ text: String, lineOffset: Int) throws(Failure) -> (Node?, (line: Int, column: Int)?) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Failure(line: lineOffset + 1, message: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        let result: Result<(Node?, (line: Int, column: Int)?), Failure> = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var composer = Composer(lineOffset: lineOffset)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(parseFailure(parser, lineOffset: lineOffset))
                }
                defer { yaml_event_delete(&event) }
                switch composer.take(event) {
                case .failure(let failure): return .failure(failure)
                case .success(true):
                    let explicitEnd = event.data.document_end.implicit == 0
                    let line = Int(event.start_mark.line)
                    let ignored = explicitEnd && hasContent(text, afterLine: line) ? (line: line + lineOffset + 1, column: 1) : nil
                    return .success((composer.root, ignored))
                case .success(false):
                    if event.type == YAML_STREAM_END_EVENT { return .success((nil, nil)) }
                }
            }
        }
        return try result.get()
    }

    /// True when a line after the 0-based `line` holds more than blanks and comments.
    static func hasContent(_ text: String, afterLine line: Int) -> Bool {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropFirst(line + 1).contains { bytes in
            let trimmed = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
    }

    static func parseFailure(_ parser: yaml_parser_t, lineOffset: Int) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        let context = parser.context.map { String(cString: $0) }
        let mark = parser.problem_mark
        return Failure(line: Int(mark.line) + lineOffset + 1, column: Int(mark.column) + 1,
                       message: "invalid YAML: " + [context, problem].compactMap { $0 }.joined(separator: " "))
    }

    struct Composer {
        let lineOffset: Int
        var root: Node?
        var anchors: [String: Node] = [:]
        /// Open collections: the node so far, its anchor, and for a mapping a pending key.
        var open: [(node: Node, anchor: String?, pendingKey: Node?)] = []

        init(lineOffset: Int) { self.lineOffset = lineOffset }

        /// Feeds one event; true when the first document is complete.
        mutating func take(_ event: yaml_event_t) -> Result<Bool, Failure> {
            let line = Int(event.start_mark.line) + lineOffset + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_DOCUMENT_END_EVENT:
                return .success(true)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let tag = HelmYAML.string(scalar.tag)
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                return .success(add(.scalar(value, tag: tag, plain: plain, line: line, column: column), anchor: HelmYAML.string(scalar.anchor)))
            case YAML_ALIAS_EVENT:
                let name = HelmYAML.string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    return .failure(Failure(line: line, column: column, message: "invalid YAML: unknown anchor '\(name)' referenced"))
                }
                return .success(add(target, anchor: nil))
            case YAML_SEQUENCE_START_EVENT:
                open.append((.sequence([], line: line, column: column), HelmYAML.string(event.data.sequence_start.anchor), nil))
            case YAML_MAPPING_START_EVENT:
                open.append((.mapping([], line: line, column: column), HelmYAML.string(event.data.mapping_start.anchor), nil))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let finished = open.popLast() { return .success(add(finished.node, anchor: finished.anchor)) }
            default:
                break
            }
            return .success(false)
        }

        mutating func add(_ node: Node, anchor: String?) -> Bool {
            if let anchor { anchors[anchor] = node }
            guard var parent = open.popLast() else {
                root = node
                return false
            }
            switch parent.node {
            case .sequence(var items, let line, let column):
                items.append(node)
                parent.node = .sequence(items, line: line, column: column)
            case .mapping(var pairs, let line, let column):
                if let key = parent.pendingKey {
                    pairs.append((key, node))
                    parent.pendingKey = nil
                    parent.node = .mapping(pairs, line: line, column: column)
                } else {
                    parent.pendingKey = node
                }
            case .scalar:
                break
            }
            open.append(parent)
            return false
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .array: return "a list"
        case .string(let s): return "the string \(JSONValue.string(s))"
        default: return "the \(value.typeName) \(value)"
        }
    }
}

extension HelmYAML {
    /// go-yaml v2's decoding into `interface{}`, then sigs.k8s.io/yaml's
    /// conversion to JSON and back: keys become strings, numbers float64.
    struct Decoder {
        var positions: [String: (line: Int, column: Int)] = [:]
        var booleanKeys: [String: String] = [:]

        static let yamlTag = "tag:yaml.org,2002:"

        mutating func value(of node: Node, pointer: String) throws(Failure) -> JSONValue {
            if positions[pointer] == nil { positions[pointer] = node.position }
            switch node {
            case .scalar:
                return try json(HelmYAML.resolve(node), at: node)
            case .sequence(let items, _, _):
                var out: [JSONValue] = []
                for (index, item) in items.enumerated() {
                    let child = "\(pointer)/\(index)"
                    positions[child] = item.position
                    out.append(try value(of: item, pointer: child))
                }
                return .array(out)
            case .mapping:
                var object = JSONObject()
                try fill(&object, from: node, pointer: pointer)
                return .object(object)
            }
        }

        /// Sets the pairs of `node` into `object` in order, a later key
        /// replacing an earlier one; a `<<` merge key sets the keys of the
        /// mapping(s) it names at that point (go-yaml v2 order semantics).
        mutating func fill(_ object: inout JSONObject, from node: Node, pointer: String) throws(Failure) {
            guard case .mapping(let pairs, _, _) = node else { return }
            for pair in pairs {
                if case .scalar("<<", let tag, let plain, _, _) = pair.key, (plain && tag == nil) || tag == Self.yamlTag + "merge" {
                    try merge(&object, pair.value, pointer: pointer)
                    continue
                }
                let key = try keyString(pair.key)
                let child = "\(pointer)/\(JSONPointer.escape(key))"
                if case .bool = try HelmYAML.resolve(pair.key), HelmYAML.text(of: pair.key) != key {
                    booleanKeys[child] = HelmYAML.text(of: pair.key)
                }
                positions[child] = pair.key.position
                object[key] = try value(of: pair.value, pointer: child)
            }
        }

        mutating func merge(_ object: inout JSONObject, _ value: Node, pointer: String) throws(Failure) {
            switch value {
            case .mapping:
                try fill(&object, from: value, pointer: pointer)
            case .sequence(let items, _, _):
                // Earlier mappings take precedence: they are applied last.
                for item in items.reversed() {
                    guard case .mapping = item else { throw mergeFailure(item) }
                    try fill(&object, from: item, pointer: pointer)
                }
            case .scalar:
                throw mergeFailure(value)
            }
        }

        func mergeFailure(_ node: Node) -> Failure {
            Failure(line: node.position.line, column: node.position.column,
                    message: "invalid YAML: map merge requires map or sequence of maps as the value")
        }

        /// A mapping key as sigs.k8s.io/yaml turns it into a JSON key.
        func keyString(_ node: Node) throws(Failure) -> String {
            guard case .scalar = node else {
                throw Failure(line: node.position.line, column: node.position.column,
                              message: "invalid YAML: a list or mapping cannot be a key")
            }
            switch try HelmYAML.resolve(node) {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            case .float(let d): return HelmYAML.goFloat32Key(d)
            case .uint, .null:
                throw Failure(line: node.position.line, column: node.position.column,
                              message: "unsupported map key '\(HelmYAML.text(of: node))': Helm accepts only string, integer, float and boolean keys; quote it")
            }
        }

        func json(_ scalar: Scalar, at node: Node) throws(Failure) -> JSONValue {
            switch scalar {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .string(let s): return .string(s)
            case .int(let i): return .number(JSONNumber(Double(i))!)
            case .uint(let u): return .number(JSONNumber(Double(u))!)
            case .float(let d):
                guard let number = JSONNumber(d) else {
                    throw Failure(line: node.position.line, column: node.position.column,
                                  message: "'\(HelmYAML.text(of: node))' is \(d.isNaN ? "NaN" : "infinite"), which JSON cannot hold: Helm stops with 'json: unsupported value: \(d.isNaN ? "NaN" : d > 0 ? "+Inf" : "-Inf")'")
                }
                return .number(number)
            }
        }
    }

    /// A resolved YAML scalar (go-yaml v2's types for `interface{}`).
    enum Scalar: Equatable {
        case null, bool(Bool), int(Int64), uint(UInt64), float(Double), string(String)
    }

    static func text(of node: Node) -> String {
        if case .scalar(let value, _, _, _, _) = node { return value }
        return ""
    }

    static let booleans: [String: Bool] = {
        var table: [String: Bool] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { table[word] = true }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { table[word] = false }
        return table
    }()

    static let specials: [String: Scalar] = [
        "": .null, "~": .null, "null": .null, "Null": .null, "NULL": .null,
        ".nan": .float(.nan), ".NaN": .float(.nan), ".NAN": .float(.nan),
        ".inf": .float(.infinity), ".Inf": .float(.infinity), ".INF": .float(.infinity),
        "+.inf": .float(.infinity), "+.Inf": .float(.infinity), "+.INF": .float(.infinity),
        "-.inf": .float(-.infinity), "-.Inf": .float(-.infinity), "-.INF": .float(-.infinity),
    ]

    /// go-yaml v2's `resolve`: quoted scalars are strings; plain ones are
    /// null/bool/int/float by YAML 1.1 rules; `!!int` & co. are honoured
    /// and refuse a value of another kind (`!!float` accepts an integer).
    static func resolve(_ node: Node) throws(Failure) -> Scalar {
        guard case .scalar(let text, let tag, let plain, let line, let column) = node else { return .null }
        if tag == nil && !plain { return .string(text) }
        let short = tag.map { $0.hasPrefix(Decoder.yamlTag) ? "!!" + $0.dropFirst(Decoder.yamlTag.count) : $0 }
        switch short {
        case nil, "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp":
            break
        case "!!binary":
            guard let data = Data(base64Encoded: text.filter { !$0.isWhitespace }) else {
                throw Failure(line: line, column: column, message: "invalid YAML: !!binary value contains invalid base64 data")
            }
            return .string(String(decoding: data, as: UTF8.self))
        default:
            return .string(text)  // an unknown tag: go-yaml keeps the text
        }
        if short == "!!str" { return .string(text) }
        let resolved = implicit(text)
        guard let short else { return resolved }
        if short == "!!timestamp" {
            if looksLikeTimestamp(text) { return .string(text) }
            throw Failure(line: line, column: column, message: "invalid YAML: cannot decode `\(text)` as a !!timestamp")
        }
        let kind: String
        switch resolved {
        case .null: kind = "!!null"
        case .bool: kind = "!!bool"
        case .int, .uint: kind = "!!int"
        case .float: kind = "!!float"
        case .string: kind = "!!str"
        }
        if kind == short { return resolved }
        if short == "!!float", case .int(let i) = resolved { return .float(Double(i)) }
        throw Failure(line: line, column: column, message: "invalid YAML: cannot decode \(kind) `\(text)` as a \(short)")
    }

    /// The type of a plain scalar without a tag.
    static func implicit(_ text: String) -> Scalar {
        if let special = specials[text] { return special }
        if let bool = booleans[text] { return .bool(bool) }
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "."):
            if let d = goParseFloat(text) { return .float(d) }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let plain = text.replacingOccurrences(of: "_", with: "")
            if let i = goParseInt(plain) { return .int(i) }
            if let u = goParseUInt(plain) { return .uint(u) }
            if isYAMLFloat(plain), let d = goParseFloat(plain) { return .float(d) }
            if plain.hasPrefix("0b"), let i = Int64(plain.dropFirst(2), radix: 2) { return .int(i) }
            if plain.hasPrefix("0b"), let u = UInt64(plain.dropFirst(2), radix: 2) { return .uint(u) }
            if plain.hasPrefix("-0b"), let i = Int64("-" + plain.dropFirst(3), radix: 2) { return .int(i) }
        default:
            break
        }
        return .string(text)
    }

    /// Go's strconv.ParseInt(s, 0, 64) (underscores already removed): an
    /// optional sign, then 0x / 0o / 0b / leading-0 octal / decimal.
    static func goParseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let (digits, radix) = radixAndDigits(body), let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Go's strconv.ParseUint(s, 0, 64): no sign allowed.
    static func goParseUInt(_ text: String) -> UInt64? {
        guard let (digits, radix) = radixAndDigits(Substring(text)) else { return nil }
        return UInt64(digits, radix: radix)
    }

    static func radixAndDigits(_ body: Substring) -> (Substring, Int)? {
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isHexDigit || "xXoObB".contains($0)) }) else { return nil }
        let lower = body.lowercased()
        let (digits, radix): (Substring, Int)
        if lower.hasPrefix("0x") { (digits, radix) = (body.dropFirst(2), 16) }
        else if lower.hasPrefix("0o") { (digits, radix) = (body.dropFirst(2), 8) }
        else if lower.hasPrefix("0b") { (digits, radix) = (body.dropFirst(2), 2) }
        else if body.count > 1 && body.hasPrefix("0") { (digits, radix) = (body.dropFirst(1), 8) }
        else { (digits, radix) = (body, 10) }
        guard !digits.isEmpty, !digits.hasPrefix("+"), !digits.hasPrefix("-") else { return nil }
        return (digits, radix)
    }

    /// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLFloat(_ text: String) -> Bool {
        var chars = Substring(text)
        if let sign = chars.first, sign == "+" || sign == "-" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        switch parts.count {
        case 1: guard !parts[0].isEmpty, digits(parts[0]) else { return false }
        case 2:
            guard digits(parts[0]), digits(parts[1]), !(parts[0].isEmpty && parts[1].isEmpty) else { return false }
        default: return false
        }
        guard mantissaEnd < chars.endIndex else { return true }
        var exponent = chars[chars.index(after: mantissaEnd)...]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && digits(exponent)
    }

    /// strconv.ParseFloat(s, 64) for the decimal forms that reach it; out of
    /// range (1e400) fails as in Go.
    static func goParseFloat(_ text: String) -> Double? {
        guard isYAMLFloat(text), let d = Double(text), d.isFinite else { return nil }
        return d
    }

    static func looksLikeTimestamp(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return digits.count == 4 && text.dropFirst(4).hasPrefix("-")
    }

    /// strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for
    /// a float mapping key (`1.5: x` -> "1.5", `1e6: x` -> "1e+06").
    static func goFloat32Key(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
        let float = Float(value)
        if float.isInfinite { return float > 0 ? ".inf" : "-.inf" }
        // Shortest digits that round-trip as a float32, and the decimal exponent.
        let description = "\(float.magnitude)"
        let (mantissa, exponent10): (String, Int) = {
            let parts = description.lowercased().split(separator: "e")
            let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            let pieces = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            let whole = String(pieces[0]), fraction = pieces.count > 1 ? String(pieces[1]) : ""
            var digits = whole + fraction
            var point = whole.count + exponent
            while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); point -= 1 }
            while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
            return (digits, point - 1)
        }()
        let sign = float < 0 ? "-" : ""
        if mantissa == "0" { return sign + "0" }
        if exponent10 < -4 || exponent10 >= 6 {
            let head = String(mantissa.prefix(1)), tail = String(mantissa.dropFirst())
            let e = exponent10 < 0 ? "-" : "+"
            let magnitude = abs(exponent10) < 10 ? "0\(abs(exponent10))" : "\(abs(exponent10))"
            return sign + head + (tail.isEmpty ? "" : "." + tail) + "e" + e + magnitude
        }
        if exponent10 < 0 { return sign + "0." + String(repeating: "0", count: -exponent10 - 1) + mantissa }
        let whole = mantissa.count > exponent10 + 1 ? String(mantissa.prefix(exponent10 + 1)) + "." + mantissa.dropFirst(exponent10 + 1)
            : mantissa + String(repeating: "0", count: exponent10 + 1 - mantissa.count)
        return sign + whole
    }
}
