import JSONSchema

/// RFC 6901 pointers as keys of the positions a values file records
/// (`HelmYAML.load`) and as paths in overlay messages.
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

    /// The value at `pointer` (object keys and array indexes).
    public static func value(at pointer: String, in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            switch current {
            case .object(let object)?: current = object[unescape(token)]
            case .array(let items)?: current = Int(token).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return current
    }
}
