/// The JSON string escaper: the one place docsite writes a JSON string by
/// hand (`JSONValue`'s compact text, shown in messages and in the values
/// reference's "allowed" column). Whole documents (diagnostics, translation
/// status) go through `JSONEncoder` instead.
public enum JSONEscaping {
    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// RFC 8259: the quote, the backslash and C0 controls must be escaped;
    /// everything else (DEL, non-ASCII, U+2028) is written as itself.
    public static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars { appendEscaped(scalar, to: &out) }
        out += "\""
    }

    /// One character of a string literal. YAML's double-quoted style
    /// accepts every escape written here, so `YAMLEscaping` builds on it.
    public static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += unicodeEscape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
    }

    /// `\uXXXX` for a character of the Basic Multilingual Plane.
    public static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
