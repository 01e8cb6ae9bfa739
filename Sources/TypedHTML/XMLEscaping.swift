/// The XML escaper, for the files docsite writes that are XML rather than
/// HTML: `sitemap.xml` and the JUnit report. XML differs from HTML in what
/// it cannot carry at all: most control characters are not allowed even as
/// references, and attribute values have their line breaks and tabs turned
/// into spaces by every parser unless they are written as references.
public enum XMLEscaping {
    /// Character data (element content).
    public static func text(_ text: String) -> String { escape(text, inAttribute: false) }

    /// An attribute value (written double-quoted).
    public static func attribute(_ text: String) -> String { escape(text, inAttribute: true) }

    /// What replaces a character XML 1.0 cannot represent (NUL, most C0
    /// controls, U+FFFE, U+FFFF): a visible mark instead of a broken file.
    public static let replacement = "?"

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Parsers turn a raw CR (and, in attributes, LF and tab) into
            // something else; references keep them.
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += replacement
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
