import JSONSchema

/// Helm's way of combining values: maps merge deeply, lists and scalars
/// replace, `null` deletes a default key.
public enum HelmValues {
    public static func coalesce(_ base: JSONValue, with overlay: JSONValue) -> JSONValue {
        guard case .object(var merged) = base, case .object(let top) = overlay else { return overlay }
        for member in top {
            switch (merged[member.key], member.value) {
            case (_, .null):
                merged[member.key] = nil
            case (.object?, .object):
                merged[member.key] = coalesce(merged[member.key] ?? .null, with: member.value)
            default:
                merged[member.key] = member.value
            }
        }
        return .object(merged)
    }

    /// The parent's `global` pushed into a subchart's, as Helm's
    /// coalesceGlobals does: the parent's value wins, except that a map is
    /// never merged onto a subchart value that is not a map (or vice versa);
    /// there the subchart keeps its own.
    public static func pushGlobals(_ parent: JSONValue, into sub: JSONValue) -> JSONValue {
        guard case .object(let parentObject) = parent else { return sub }
        guard case .object(var result) = sub else { return sub }
        for member in parentObject {
            let existing = result[member.key]
            switch (member.value, existing) {
            case (.object, nil):
                result[member.key] = member.value
            case (.object, .object?):
                result[member.key] = fillMissing(member.value, from: existing ?? .null)
            case (.object, _?), (_, .object?):
                continue
            default:
                result[member.key] = member.value
            }
        }
        return .object(result)
    }

    /// Keys of `source` that `target` lacks are copied in; `target` wins.
    static func fillMissing(_ target: JSONValue, from source: JSONValue) -> JSONValue {
        guard case .object(var result) = target, case .object(let extra) = source else { return target }
        for member in extra {
            if let present = result[member.key] {
                if case .object = present, case .object = member.value {
                    result[member.key] = fillMissing(present, from: member.value)
                }
            } else {
                result[member.key] = member.value
            }
        }
        return .object(result)
    }

    /// Reads a dotted path such as `spark-connect.enabled`.
    public static func value(at dottedPath: String, in values: JSONValue) -> JSONValue? {
        var current: JSONValue? = values
        for part in dottedPath.split(separator: ".") { current = current?[String(part)] }
        return current
    }
}
