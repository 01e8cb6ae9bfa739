/// The YAML escaper: the one way docsite writes a string into YAML it
/// generates (`docsite new adr` front matter, the chart translation files,
/// defaults shown in the values reference). Always a double-quoted scalar,
/// the only YAML style that can hold any string.
public enum YAMLEscaping {
    /// `text` as a double-quoted scalar, quotes included. libyaml refuses
    /// non-printable characters anywhere in a document and folds line
    /// breaks (including NEL, U+2028 and U+2029) inside quotes into spaces,
    /// so all of those are written as escapes; the rest is itself.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else {
                    out += "\\u" + hex(scalar.value, digits: 4)
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

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
