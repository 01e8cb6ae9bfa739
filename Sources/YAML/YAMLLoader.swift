import Diagnostics
import Yams
// libyaml as built by Yams: used only to pre-scan the event stream (see
// `YAMLLoader.prescan`) before Yams composes a tree.
internal import CYaml

/// A YAML tree with source positions, detached from Yams so it is Sendable
/// and safe to hold across stages.
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], line: Int, column: Int)
    case mapping([YAMLEntry], line: Int, column: Int)

    public var line: Int {
        switch self {
        case .scalar(let s): return s.line
        case .sequence(_, let line, _), .mapping(_, let line, _): return line
        }
    }

    public var column: Int {
        switch self {
        case .scalar(let s): return s.column
        case .sequence(_, _, let column), .mapping(_, _, let column): return column
        }
    }

    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries, _, _) = self else { return nil }
        return entries.last { $0.key == key }?.value
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let entries, _, _) = self { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items, _, _) = self { return items }
        return nil
    }

    /// The text of a scalar (nil for null, sequences and mappings).
    public var string: String? {
        if case .scalar(let s) = self, s.kind != .null { return s.value }
        return nil
    }

    public var int: Int? {
        if case .scalar(let s) = self, s.kind == .int || s.kind == .string { return Int(s.value) }
        return nil
    }

    public var kindName: String {
        switch self {
        case .scalar(let s): return s.kind == .null ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

public struct YAMLScalar: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case null, bool, int, float, string }
    public var value: String
    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(value: String, kind: Kind, line: Int, column: Int) {
        self.value = value
        self.kind = kind
        self.line = line
        self.column = column
    }
}

public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var line: Int
    public var column: Int
    public var value: YAMLNode

    public init(key: String, line: Int, column: Int, value: YAMLNode) {
        self.key = key
        self.line = line
        self.column = column
        self.value = value
    }
}

public enum YAMLLoader {
    /// Expanded size above which a document is refused: aliases make a few
    /// lines expand to billions of nodes ("billion laughs").
    public static let maximumNodes = 200_000
    public static let maximumDepth = 200

    /// Parses one YAML document. `firstLine` is the file line the text starts
    /// on (front matter starts on line 2). Errors are `yaml.invalid`
    /// diagnostics, or `code` when the caller has a more specific one.
    public static func load(_ text: String, file: String, firstLine: Int = 1,
                            code: DiagnosticCode = .yamlInvalid, allowDuplicateKeys: Bool = false) throws(DiagnosticsError) -> YAMLNode? {
        // Yams composes recursively (one stack frame per level) and frees the
        // tree recursively too: 10,000 nested `[` crashed a worker thread
        // (512 KB stack) before the depth check in `Converter` ran. So depth
        // and the expanded size are measured on libyaml's events first.
        if let refusal = prescan(text) {
            throw DiagnosticsError([.error(code, file: file, line: refusal.line + firstLine - 1, column: refusal.column,
                                           "YAML refused: \(refusal.reason)")])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw DiagnosticsError([diagnostic(for: error, file: file, firstLine: firstLine, code: code)])
        }
        guard let node else { return nil }
        var converter = Converter(file: file, lineOffset: firstLine - 1, code: code, allowDuplicateKeys: allowDuplicateKeys)
        let result = converter.convert(node, depth: 0)
        if !converter.problems.isEmpty { throw DiagnosticsError(converter.problems) }
        return result
    }

    struct Refusal: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    /// Walks libyaml's event stream (no tree is built, so memory stays
    /// proportional to the text) and refuses a document that nests deeper
    /// than `maximumDepth` or would expand, through aliases, to more than
    /// `maximumNodes` nodes. An alias costs the size of what its anchor
    /// names, so a "billion laughs" is refused after reading a few lines.
    /// Syntax errors end the scan quietly: Yams reports them with context.
    static func prescan(_ text: String) -> Refusal? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Refusal? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            // Expanded node counts: of each open collection, and of each anchor.
            var open: [(size: Int, anchor: String?)] = []
            var anchors: [String: Int] = [:]
            var total = 0
            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return nil }
                var finished: Int?         // size of a node that just ended
                var finishedAnchor: String?
                switch type {
                case YAML_SCALAR_EVENT:
                    finished = 1
                    finishedAnchor = anchorName(event.data.scalar.anchor)
                case YAML_ALIAS_EVENT:
                    finished = anchorName(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = type == YAML_SEQUENCE_START_EVENT
                        ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                    open.append((1, anchor))
                    if open.count > maximumDepth {
                        return Refusal(line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                                       reason: "nesting deeper than \(maximumDepth) levels")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let last = open.popLast() {
                        finished = last.size
                        finishedAnchor = last.anchor
                    }
                default:
                    break
                }
                guard let size = finished else { continue }
                if let finishedAnchor { anchors[finishedAnchor] = size }
                // Sizes are capped just above the budget, so no sum overflows.
                if open.isEmpty {
                    total = min(total + size, maximumNodes + 1)
                } else {
                    open[open.count - 1].size = min(open[open.count - 1].size + size, maximumNodes + 1)
                }
                if total > maximumNodes || (open.last?.size ?? 0) > maximumNodes {
                    return Refusal(line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                                   reason: "the document expands to more than \(maximumNodes) values (an alias bomb?)")
                }
            }
        }
    }

    static func diagnostic(for error: Error, file: String, firstLine: Int, code: DiagnosticCode) -> Diagnostic {
        let offset = firstLine - 1
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                return .error(code, file: file, line: mark.line + offset, column: mark.column, "invalid YAML: \(detail)")
            case .reader(let problem, let byteOffset, _, _):
                return .error(code, file: file, line: firstLine, "invalid YAML: \(problem)\(byteOffset.map { " at byte \($0)" } ?? "")")
            default:
                break
            }
        }
        return .error(code, file: file, line: firstLine, "invalid YAML: \(error)")
    }

    private struct Converter {
        let file: String
        let lineOffset: Int
        let code: DiagnosticCode
        let allowDuplicateKeys: Bool
        var visited = 0
        var problems: [Diagnostic] = []

        init(file: String, lineOffset: Int, code: DiagnosticCode, allowDuplicateKeys: Bool) {
            self.file = file
            self.lineOffset = lineOffset
            self.code = code
            self.allowDuplicateKeys = allowDuplicateKeys
        }

        func position(_ node: Node) -> (Int, Int) {
            guard let mark = node.mark else { return (lineOffset + 1, 1) }
            return (mark.line + lineOffset, mark.column)
        }

        mutating func convert(_ node: Node, depth: Int) -> YAMLNode {
            visited += 1
            let (line, column) = position(node)
            if visited > YAMLLoader.maximumNodes || depth > YAMLLoader.maximumDepth {
                if problems.isEmpty {
                    let why = depth > YAMLLoader.maximumDepth
                        ? "nesting deeper than \(YAMLLoader.maximumDepth) levels"
                        : "the document expands to more than \(YAMLLoader.maximumNodes) values (an alias bomb?)"
                    problems.append(.error(code, file: file, line: line, column: column, "YAML refused: \(why)"))
                }
                return .scalar(YAMLScalar(value: "", kind: .null, line: line, column: column))
            }
            switch node {
            case .scalar(let scalar):
                return .scalar(YAMLScalar(value: scalar.string, kind: kind(of: node, scalar), line: line, column: column))
            case .sequence(let sequence):
                var items: [YAMLNode] = []
                for item in sequence {
                    if !problems.isEmpty { break }
                    items.append(convert(item, depth: depth + 1))
                }
                return .sequence(items, line: line, column: column)
            case .mapping(let mapping):
                var entries: [YAMLEntry] = []
                var seen: Set<String> = []
                for (key, value) in mapping {
                    if !problems.isEmpty { break }
                    let (keyLine, keyColumn) = position(key)
                    let name = key.scalar?.string ?? "\(key)"
                    if !seen.insert(name).inserted && !allowDuplicateKeys {
                        problems.append(.error(code, file: file, line: keyLine, column: keyColumn, "duplicate key '\(name)'"))
                    }
                    entries.append(YAMLEntry(key: name, line: keyLine, column: keyColumn, value: convert(value, depth: depth + 1)))
                }
                return .mapping(entries, line: line, column: column)
            }
        }

        func kind(of node: Node, _ scalar: Node.Scalar) -> YAMLScalar.Kind {
            if scalar.style != .plain { return .string }
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return .bool
            case Tag.Name.int.rawValue: return .int
            case Tag.Name.float.rawValue: return .float
            default: return .string
            }
        }
    }
}
