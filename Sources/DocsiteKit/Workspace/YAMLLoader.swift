import Yams

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
}

public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var line: Int
    public var column: Int
    public var value: YAMLNode
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
                            code: String = "yaml.invalid", allowDuplicateKeys: Bool = false) throws(DiagnosticsError) -> YAMLNode? {
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

    static func diagnostic(for error: Error, file: String, firstLine: Int, code: String) -> Diagnostic {
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
        let code: String
        let allowDuplicateKeys: Bool
        var visited = 0
        var problems: [Diagnostic] = []

        init(file: String, lineOffset: Int, code: String, allowDuplicateKeys: Bool) {
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
