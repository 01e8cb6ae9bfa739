import YAML
import JSONSchema

/// Finds schema properties without a `description`: the values reference
/// and helm-docs-style tables are only as good as these texts.
public enum SchemaDocumentation {
    public static func undocumented(schemaText: String, file: String) -> [Diagnostic] {
        guard let schema = try? JSONParser.parse(schemaText) else { return [] }
        let lines = JSONLineIndex(schemaText)
        var found: [Diagnostic] = []
        func visit(_ node: JSONValue, pointer: String, keyPath: String) {
            guard case .object(let object) = node else { return }
            if case .object(let properties)? = object["properties"] {
                for member in properties {
                    let child = "\(pointer)/properties/\(JSONPointer.escape(member.key))"
                    let path = keyPath.isEmpty ? member.key : "\(keyPath).\(member.key)"
                    if !hasDescription(member.value, schema: schema) {
                        found.append(.warning(.chartUndocumented, file: file, line: lines.line(of: child),
                                              "values key '\(path)' has no description in the schema"))
                    }
                    visit(member.value, pointer: child, keyPath: path)
                }
            }
            for keyword in ["items", "additionalProperties"] {
                if let sub = object[keyword] { visit(sub, pointer: "\(pointer)/\(keyword)", keyPath: keyPath + (keyword == "items" ? "[]" : ".*")) }
            }
            for keyword in ["allOf", "anyOf", "oneOf"] {
                if case .array(let items)? = object[keyword] {
                    for (index, item) in items.enumerated() { visit(item, pointer: "\(pointer)/\(keyword)/\(index)", keyPath: keyPath) }
                }
            }
            for keyword in ["$defs", "definitions"] {
                if case .object(let definitions)? = object[keyword] {
                    for member in definitions {
                        visit(member.value, pointer: "\(pointer)/\(keyword)/\(JSONPointer.escape(member.key))", keyPath: member.key)
                    }
                }
            }
        }
        visit(schema, pointer: "", keyPath: "")
        return found
    }

    /// A property documented through a local `$ref` counts as documented.
    static func hasDescription(_ node: JSONValue, schema: JSONValue, depth: Int = 0) -> Bool {
        guard case .object(let object) = node else { return true }
        if case .string(let text)? = object["description"], !text.trimmingCharacters(in: .whitespaces).isEmpty { return true }
        if depth < 8, case .string(let reference)? = object["$ref"], reference.hasPrefix("#/") {
            var target: JSONValue? = schema
            for token in reference.dropFirst(2).split(separator: "/") { target = target?[JSONPointer.unescape(token)] }
            if let target { return hasDescription(target, schema: schema, depth: depth + 1) }
        }
        return false
    }
}

/// Line numbers of the values in a JSON text, by JSON Pointer: a small
/// scanner, because the validator's parser keeps no positions.
public struct JSONLineIndex {
    var lines: [String: Int] = [:]

    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x3A].contains(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        func readString() -> String {
            var out: [UInt8] = []
            index += 1
            while index < bytes.count, bytes[index] != 0x22 {
                if bytes[index] == 0x5C, index + 1 < bytes.count { out.append(bytes[index]); index += 1 }
                if bytes[index] == 0x0A { line += 1 }
                out.append(bytes[index])
                index += 1
            }
            index += 1
            return String(decoding: out, as: UTF8.self)
        }
        func value(_ pointer: String, depth: Int) {
            skipSpace()
            guard index < bytes.count, depth < 512 else { return }
            lines[pointer] = lines[pointer] ?? line
            switch bytes[index] {
            case 0x7B:  // {
                index += 1
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] != 0x7D else { index += 1; return }
                    guard bytes[index] == 0x22 else { index += 1; continue }
                    let keyLine = line
                    let key = readString()
                    let child = pointer + "/" + JSONPointer.escape(key)
                    lines[child] = keyLine
                    value(child, depth: depth + 1)
                }
            case 0x5B:  // [
                index += 1
                var position = 0
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] != 0x5D else { index += 1; return }
                    value(pointer + "/\(position)", depth: depth + 1)
                    position += 1
                }
            case 0x22:
                _ = readString()
            default:
                while index < bytes.count, ![0x2C, 0x7D, 0x5D, 0x0A].contains(bytes[index]) { index += 1 }
            }
        }
        value("", depth: 0)
    }

    public func line(of pointer: String) -> Int? { lines[pointer] }
}
