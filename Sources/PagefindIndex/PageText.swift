/// Text rules Pagefind applies to what it reads, written out so docsite's
/// own indexer (`ShardIndexer`) finds the same words: Unicode classes as
/// Rust's `char` and `regex` define them, and Pagefind's content
/// normalising.
enum PageText {
    /// Rust's `char::is_whitespace` and regex `\s`: Unicode White_Space.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        // The rest of White_Space (a stable property), without a table lookup per letter.
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// Rust's `str::split_whitespace` over UTF-8: the byte ranges of the
    /// runs between whitespace characters.
    static func wordRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let space = whitespaceLength(bytes, at: index)
            if space > 0 { index += space; continue }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                // Letters and punctuation of ASCII first: most bytes of a page.
                if byte > 0x20 && byte < 0x80 { index += 1; continue }
                if whitespaceLength(bytes, at: index) > 0 { break }
                index += 1
            }
            result.append(start..<index)
        }
        return result
    }

    /// Rust's `char::is_alphanumeric`: Alphabetic, or a number category (Nd, Nl, No).
    @inline(__always)
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        if scalar.properties.isAlphabetic { return true }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Regex `\w` in Rust's Unicode mode: Alphabetic, marks, decimal digits,
    /// connector punctuation, join controls.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic || scalar.properties.isJoinControl { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Pagefind ends a block's text with a full stop when its last
    /// character is one of these (`[\w'"\)\$\*]`), so excerpts read as sentences.
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        "'\")$*".unicodeScalars.contains(scalar) || isWordCharacter(scalar)
    }

    /// Pagefind's `normalize_content`: entities decoded, the ends trimmed,
    /// line breaks (`(\n|\r\n)+`) and then runs of two or more whitespace
    /// characters (`\s{2,}`) made one space each. Works on UTF-8: only
    /// whitespace is looked at, and every non-ASCII whitespace character
    /// starts with one of four bytes.
    static func normalize(_ raw: String) throws(UnsupportedPage) -> String {
        String(decoding: try normalize(Array(raw.utf8)), as: UTF8.self)
    }

    static func normalize(_ raw: [UInt8]) throws(UnsupportedPage) -> [UInt8] {
        let bytes = try decodeEntities(raw)
        var start = 0, end = bytes.count
        while start < end, whitespaceLength(bytes, at: start) > 0 { start += whitespaceLength(bytes, at: start) }
        while end > start, let last = lastCharacterStart(bytes, before: end), whitespaceLength(bytes, at: last) > 0 { end = last }
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var index = start
        while index < end {
            // Runs of ASCII letters and punctuation, most of a page, are copied whole.
            let textStart = index
            while index < end, bytes[index] > 0x20, bytes[index] < 0x80 { index += 1 }
            if index > textStart { result += bytes[textStart..<index]; continue }
            let length = whitespaceLength(bytes, at: index)
            guard length > 0 else { result.append(bytes[index]); index += 1; continue }
            // A run of whitespace between two other characters: its line
            // breaks count as one character each, then two or more are one space.
            let runStart = index
            var count = 0
            var onlyLineBreaks = true
            while index < end, whitespaceLength(bytes, at: index) > 0 {
                if bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < end && bytes[index + 1] == 0x0A) {
                    while index < end, bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < end && bytes[index + 1] == 0x0A) {
                        index += bytes[index] == 0x0A ? 1 : 2
                    }
                } else {
                    onlyLineBreaks = false
                    index += whitespaceLength(bytes, at: index)
                }
                count += 1
            }
            if count > 1 || onlyLineBreaks { result.append(0x20) } else { result += bytes[runStart..<index] }
        }
        return result
    }

    private static func lastCharacterStart(_ bytes: [UInt8], before end: Int) -> Int? {
        var index = end - 1
        while index > 0, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index >= 0 ? index : nil
    }

    /// The length in bytes of the whitespace character at `index`, 0 when it is not one.
    @inline(__always)
    static func whitespaceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        guard byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 else { return 0 }
        return otherWhitespaceLength(bytes, at: index)
    }

    /// `whitespaceLength` for a byte that may start non-ASCII whitespace.
    private static func otherWhitespaceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        let length = byte == 0xC2 ? 2 : 3
        guard index + length <= bytes.count else { return 0 }
        var value = UInt32(byte & (length == 2 ? 0x1F : 0x0F))
        for next in bytes[(index + 1)..<(index + length)] { value = value << 6 | UInt32(next & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        return isWhitespace(scalar) ? length : 0
    }

    /// The character references docsite's HTML writer and cmark-gfm emit.
    /// Pagefind decodes every HTML5 name; a page using another one is left
    /// to Pagefind rather than guessed.
    static let namedEntities: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    static func decodeEntities(_ bytes: [UInt8]) throws(UnsupportedPage) -> [UInt8] {
        guard var index = Bytes.find(UInt8(ascii: "&"), in: bytes, from: 0) else { return bytes }
        var result = Array(bytes[..<index])
        result.reserveCapacity(bytes.count)
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let isReference = byte == UInt8(ascii: "&") && (next == UInt8(ascii: "#") || isASCIIAlphanumeric(Unicode.Scalar(next)))
            guard isReference else {
                result.append(byte)
                index += 1
                continue
            }
            let window = bytes[index..<min(index + 34, bytes.count)]
            guard let end = window.firstIndex(of: UInt8(ascii: ";")) else {
                throw UnsupportedPage("a character reference without ';' (\(String(decoding: bytes[index..<min(index + 12, bytes.count)], as: UTF8.self)))")
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            guard let decoded = decodeReference(name) else { throw UnsupportedPage("the character reference &\(name);") }
            result += Array(String(decoded).utf8)
            index = end + 1
        }
        return result
    }

    private static func decodeReference(_ name: String) -> Unicode.Scalar? {
        if let named = namedEntities[name] { return named }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, value != 0, !(0x80...0x9F).contains(value), let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isAlphanumeric(scalar)
    }
}

/// A page docsite's indexer leaves to Pagefind: it uses something the
/// indexer does not reproduce exactly (named in `reason`).
public struct UnsupportedPage: Error, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
