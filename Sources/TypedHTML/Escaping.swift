/// The one HTML escaper. Every byte of text and attribute values that reaches
/// a page goes through here, by way of `HTMLWriter` and `HTML`.
public enum HTMLEscaping {
    /// Text content: `&`, `<` and `>` become references.
    public static func text(_ text: String) -> String { escape(text, quotes: false) }

    /// Attribute values (always written double-quoted): quotes are escaped too.
    public static func attribute(_ text: String) -> String { escape(text, quotes: true) }

    /// Appends escaped text to a UTF-8 buffer: runs between special
    /// characters are copied whole, straight from the string's storage.
    static func append(_ text: String, quotes: Bool, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, quotes: quotes, to: &output) }
    }

    /// Appends UTF-8 bytes as escaped text: the syntax highlighter writes
    /// slices of a code block this way without making a string of each.
    static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, quotes: Bool, to output: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices where needsEscape(bytes[index], quotes) {
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            output.append(contentsOf: reference(bytes[index]).utf8)
            runStart = index + 1
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Scans UTF-8 bytes (every special character is ASCII) and returns the
    /// input untouched when there is nothing to escape: this runs on every
    /// text node and attribute of every page.
    private static func escape(_ text: String, quotes: Bool) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { needsEscape($0, quotes) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            append(utf8: bytes, quotes: quotes, to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    private static func reference(_ byte: UInt8) -> String {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        default: return "&#39;"
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8, _ quotes: Bool) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && (byte == 0x22 || byte == 0x27))
    }
}
