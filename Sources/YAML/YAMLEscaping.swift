import JSONSchema

/// The YAML escaper: the one way docsite writes a string into YAML it
/// generates (`docsite new adr` front matter, the chart translation files,
/// defaults shown in the values reference). Always a double-quoted scalar,
/// the only YAML style that can hold any string.
public enum YAMLEscaping {
    /// `text` as a double-quoted scalar, quotes included. YAML's
    /// double-quoted style takes JSON's escapes, which cover the quote, the
    /// backslash and C0 controls. libyaml also refuses other non-printable
    /// characters anywhere in a document and folds line breaks (NEL, U+2028,
    /// U+2029) inside quotes into spaces, so those are escaped too.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if scalar.value >= 0x20 && !isPrintable(scalar) {
                    out += JSONEscaping.unicodeEscape(scalar)
                } else {
                    JSONEscaping.appendEscaped(scalar, to: &out)
                }
            }
        }
        return out + "\""
    }

    /// YAML 1.1's printable set as libyaml checks it (the byte-order mark
    /// excluded). Tab and line breaks are not in it: a plain scalar cannot
    /// show them as themselves, a double-quoted one escapes them.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        default: return false
        }
    }
}
