/// The one HTML escaper. Every byte of text and attribute values that reaches
/// a page goes through here, by way of `HTMLWriter` and `HTML`.
public enum HTMLEscaping {
    /// Text content: `&`, `<` and `>` become references.
    public static func text(_ text: String) -> String { escape(text, quotes: false) }

    /// Attribute values (always written double-quoted): quotes are escaped too.
    public static func attribute(_ text: String) -> String { escape(text, quotes: true) }

    /// Appends escaped text; when nothing needs escaping (the common case
    /// for prose) the input itself is appended, with no copy made.
    static func append(_ text: String, quotes: Bool, to output: inout String) {
        output += escape(text, quotes: quotes)
    }

    /// Scans UTF-8 bytes (every special character is ASCII) and returns the
    /// input untouched when there is nothing to escape: this runs on every
    /// text node and attribute of every page.
    private static func escape(_ text: String, quotes: Bool) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { needsEscape($0, quotes) }) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])        // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
                case 0x22 where quotes: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27 where quotes: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])        // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8, _ quotes: Bool) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && (byte == 0x22 || byte == 0x27))
    }
}

/// Shorthands kept for call sites that build attribute strings for scripts
/// and tests; new code writes through `HTMLWriter`/`HTML` instead.
public func escapeText(_ text: String) -> String { HTMLEscaping.text(text) }
public func escapeAttribute(_ text: String) -> String { HTMLEscaping.attribute(text) }
