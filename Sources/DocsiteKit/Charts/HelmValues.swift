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

    /// Reads a dotted path such as `spark-connect.enabled`.
    public static func value(at dottedPath: String, in values: JSONValue) -> JSONValue? {
        var current: JSONValue? = values
        for part in dottedPath.split(separator: ".") { current = current?[String(part)] }
        return current
    }
}
