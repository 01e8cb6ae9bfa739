import YAML
import JSONSchema

/// One documented values key of a chart: what the values table shows.
public struct ValuesKey: Sendable, Equatable {
    /// Dotted path: `spark-connect.dynamicAllocation.maxExecutors`.
    public var path: String
    public var types: [String]
    public var description: String
    /// The default from values.yaml (after subchart defaults are merged), if set.
    public var defaultValue: JSONValue?
    public var allowed: [ValuesConstraint]
    public var required: Bool
    /// Depth below the top-level key; 0 for top-level keys.
    public var depth: Int
    public var hasChildren: Bool

    public var anchor: String { ChartAnchor.id(forKey: path) }
    public var topLevel: String { String(path.split(separator: ".").first ?? "") }
}

/// Walks a chart's schema next to its defaults and lists every key, with
/// `$ref`/`$defs` resolved for display. Keys found only in values.yaml
/// (where the schema allows extra properties) are listed too, so nothing a
/// user can set is hidden.
public enum ValuesReference {
    public static func keys(schema: JSONValue?, defaults: JSONValue) -> [ValuesKey] {
        var result: [ValuesKey] = []
        walk(schema: schema, root: schema, defaults: defaults, path: [], depth: 0, required: [], into: &result)
        return result
    }

    static func resolve(_ node: JSONValue?, root: JSONValue?, hops: Int = 0) -> JSONValue? {
        guard let node, case .object(let object) = node else { return node }
        guard hops < 16, case .string(let reference)? = object["$ref"], reference.hasPrefix("#/") else { return node }
        var target = root
        for token in reference.dropFirst(2).split(separator: "/") { target = target?[JSONPointer.unescape(token)] }
        guard let resolved = resolve(target, root: root, hops: hops + 1), case .object(var merged) = resolved else { return node }
        // Keywords beside a $ref (a description, say) take precedence for display.
        for member in object where member.key != "$ref" { merged[member.key] = member.value }
        return .object(merged)
    }

    static func walk(schema: JSONValue?, root: JSONValue?, defaults: JSONValue?, path: [String], depth: Int,
                     required: Set<String>, into result: inout [ValuesKey]) {
        let node = resolve(schema, root: root)
        var names: [String] = []
        if case .object(let properties)? = node?["properties"] { names = properties.keys }
        if case .object(let values)? = defaults {
            for key in values.keys where !names.contains(key) && !(path.isEmpty && key == "global" && names.isEmpty) { names.append(key) }
        }
        var requiredHere: Set<String> = []
        if case .array(let list)? = node?["required"] { requiredHere = Set(list.compactMap(\.stringValue)) }
        for name in names {
            guard path.count < 24 else { break }
            let child = resolve(node?["properties"]?[name], root: root)
            let childDefault = defaults?[name]
            var childNames: [String] = []
            if case .object(let properties)? = child?["properties"] { childNames = properties.keys }
            if case .object(let values)? = childDefault, !values.isEmpty, child?["additionalProperties"] == nil || !childNames.isEmpty {
                childNames += values.keys
            }
            let key = ValuesKey(path: (path + [name]).joined(separator: "."), types: types(child, childDefault),
                                description: child?["description"]?.stringValue ?? "", defaultValue: childDefault,
                                allowed: constraints(child), required: requiredHere.contains(name), depth: depth,
                                hasChildren: !childNames.isEmpty)
            result.append(key)
            if key.hasChildren {
                walk(schema: child, root: root, defaults: childDefault, path: path + [name], depth: depth + 1,
                     required: requiredHere, into: &result)
            }
        }
    }

    static func types(_ schema: JSONValue?, _ value: JSONValue?) -> [String] {
        switch schema?["type"] {
        case .string(let single)?: return [single]
        case .array(let many)?: return many.compactMap(\.stringValue)
        default: break
        }
        if let options = schema?["anyOf"]?.arrayValue ?? schema?["oneOf"]?.arrayValue {
            return options.compactMap { $0["type"]?.stringValue }
        }
        return value.map { [$0.typeName] } ?? []
    }

    /// Limits a reader can act on: enum values, ranges, patterns, formats.
    static func constraints(_ schema: JSONValue?) -> [ValuesConstraint] {
        guard let schema else { return [] }
        var out: [ValuesConstraint] = []
        if case .array(let values)? = schema["enum"] { out.append(.init(.oneOf, values.map(\.description).joined(separator: ", "))) }
        if let value = schema["const"] { out.append(.init(.exactly, value.description)) }
        let bounds: [(String, ValuesConstraint.Kind)] = [("minimum", .minimum), ("exclusiveMinimum", .above), ("maximum", .maximum),
                                                         ("exclusiveMaximum", .below), ("minLength", .minLength), ("maxLength", .maxLength),
                                                         ("minItems", .minItems), ("maxItems", .maxItems)]
        for (keyword, kind) in bounds { if let value = schema[keyword] { out.append(.init(kind, value.description)) } }
        if let pattern = schema["pattern"]?.stringValue { out.append(.init(.pattern, pattern)) }
        if let format = schema["format"]?.stringValue { out.append(.init(.format, format)) }
        if let items = schema["items"], let itemType = items["type"]?.stringValue { out.append(.init(.items, itemType)) }
        return out
    }
}

/// One limit on a key's value, kept apart from its wording so each
/// language's page says it in its own words (`values.<kind>` UI strings).
public struct ValuesConstraint: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case oneOf, exactly, minimum, above, maximum, below, minLength, maxLength, minItems, maxItems, pattern, format, items
    }

    public var kind: Kind
    public var value: String

    init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// "one of: a, b", "≥ 1", "length ≤ 63" in the words of `ui`.
    public func text(_ ui: UIStrings) -> String {
        "\(ui["values.\(kind.rawValue)"]) \(value)"
    }
}

/// Default values written as YAML, the way they look in values.yaml.
public enum YAMLText {
    public static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return scalar(s)
        case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.map { "\(scalar($0.key)): \(inline($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// Quotes strings YAML would otherwise read as another type.
    static func scalar(_ s: String) -> String {
        let plainUnsafe = s.isEmpty || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
            || Double(s) != nil || s.first.map { " -?:,[]{}#&*!|>'\"%@`".contains($0) } == true
            || s.contains(": ") || s.contains(" #") || s.hasSuffix(" ") || s.contains("\n")
            || !s.unicodeScalars.allSatisfy(YAMLEscaping.isPrintable)
        guard plainUnsafe else { return s }
        return YAMLEscaping.doubleQuoted(s)
    }
}
