import Foundation
import JSONSchema

/// A values file as JSON (what Helm validates) plus where each value came
/// from, so a schema violation at `/spark-connect/replicas` names the line.
public struct ValuesDocument: Sendable {
    public var file: String
    public var value: JSONValue
    /// JSON Pointer -> (line, column) of the value (or of its key, for mappings).
    public var positions: [String: (line: Int, column: Int)]

    public static func load(root: URL, file: String) throws(DiagnosticsError) -> ValuesDocument {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : root.appendingPathComponent(file)
        try RepositoryFile.refuseLinkOutside(root: root, url: url, file: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError([.error("overlay.invalid", file: file, "cannot read \(file)")])
        }
        let text = try TextDecoding.decode(data, file: file)
        return try parse(text, file: file)
    }

    /// YAML or JSON text (JSON is YAML); an empty document is `{}` as in Helm.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> ValuesDocument {
        guard let node = try YAMLLoader.load(text, file: file, code: "yaml.invalid") else {
            return ValuesDocument(file: file, value: .object(JSONObject()), positions: [:])
        }
        var positions: [String: (line: Int, column: Int)] = [:]
        let value = convert(node, pointer: "", positions: &positions)
        guard case .object = value else {
            throw DiagnosticsError([.error("overlay.invalid", file: file, line: node.line, column: node.column,
                                           "a values file must be a mapping of keys, not \(node.kindName)")])
        }
        return ValuesDocument(file: file, value: value, positions: positions)
    }

    static func convert(_ node: YAMLNode, pointer: String, positions: inout [String: (line: Int, column: Int)]) -> JSONValue {
        positions[pointer] = (node.line, node.column)
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let items, _, _):
            return .array(items.enumerated().map { convert($1, pointer: "\(pointer)/\($0)", positions: &positions) })
        case .mapping(let entries, _, _):
            var object = JSONObject()
            for entry in entries {
                let child = "\(pointer)/\(JSONPointer.escape(entry.key))"
                object[entry.key] = convert(entry.value, pointer: child, positions: &positions)
                // Point at the key: that is the line a reader looks for.
                positions[child] = (entry.line, entry.column)
            }
            return .object(object)
        }
    }

    /// YAML scalars the way Helm's YAML-to-JSON conversion reads them.
    static func scalarValue(_ scalar: YAMLScalar) -> JSONValue {
        switch scalar.kind {
        case .null: return .null
        case .string: return .string(scalar.value)
        case .bool: return .bool(["true", "yes", "on", "y"].contains(scalar.value.lowercased()))
        case .int:
            if let number = JSONNumber(scalar.value.replacingOccurrences(of: "_", with: "")) { return .number(number) }
            let text = scalar.value.lowercased()
            for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
                if let value = Int(text.dropFirst(2), radix: radix) { return .number(JSONNumber(value)) }
            }
            return .string(scalar.value)
        case .float:
            return JSONNumber(scalar.value).map(JSONValue.number) ?? .string(scalar.value)
        }
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    public func position(of pointer: String) -> (line: Int, column: Int)? {
        var current = pointer
        while true {
            if let found = positions[current] { return found }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = String(current[..<slash])
        }
    }
}

public enum JSONPointer {
    public static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    public static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// `/a/b` -> `a.b`, for messages written in Helm's dotted style.
    public static func dotted(_ pointer: String) -> String {
        pointer.split(separator: "/").map(unescape).joined(separator: ".")
    }
}

/// Files that charts and overlays name come from pull requests, and what is
/// read from them is validated, quoted in messages and published on chart
/// pages. A symbolic link inside the repository that leads out of its
/// top-level folder (to a kubeconfig, or `.git/config`) is refused like one
/// in content/ (`SourcePolicy`). A path that is outside the repository as
/// written (`docsite validate /tmp/x.yaml`) is the user's own choice and is read.
public enum RepositoryFile {
    public static func refuseLinkOutside(root: URL, url: URL, file: String) throws(DiagnosticsError) {
        let path = url.standardizedFileURL.path, rootPath = root.standardizedFileURL.path
        guard path.hasPrefix(rootPath + "/") else { return }
        if let refusal = SourcePolicy.refusal(root: root, file: String(path.dropFirst(rootPath.count + 1))) {
            var blamed = refusal
            blamed.file = file
            throw DiagnosticsError([blamed])
        }
    }
}
