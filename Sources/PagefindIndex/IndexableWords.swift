import Foundation
import Stemming

/// One word Pagefind stores for a word of the text: the whole word, or a
/// part of a compound (`api-server`, `sparkConnect`) at the same position.
struct IndexableWord: Equatable {
    /// The stemmed word's number in `IndexableWords.stems`.
    var stem: Int32
    var isCompoundPart: Bool
    /// The word before its diacritics were stripped, when they were: its
    /// number in `IndexableWords.originals`, else -1.
    var original: Int32
}

/// Pagefind's splitting of one whitespace-separated word into the words it
/// indexes (`get_indexable_words`): letters and digits lower-cased,
/// diacritics stripped, stemmed in the page's language; compound parts
/// split at punctuation and case changes. Results are kept per word: a
/// site repeats its words.
final class IndexableWords {
    let stem: (String) -> String
    let includeCharacters: Set<Unicode.Scalar>
    /// Stemmed words and original forms by number: pages refer to them by number.
    private(set) var stems: [String] = []
    private(set) var originals: [String] = []
    private var stemNumbers: [String: Int32] = [:]
    private var originalNumbers: [String: Int32] = [:]

    /// nil when docsite has no stemmer for `language` exactly as Pagefind's.
    init?(language: String, includeCharacters: Set<Unicode.Scalar>) {
        switch language.split(separator: "-", omittingEmptySubsequences: false).first {
        case "en": stem = EnglishStemmer.stem
        case "ru": stem = RussianStemmer.stem
        default: return nil
        }
        self.includeCharacters = includeCharacters
    }

    /// The words of one whitespace-separated word given as UTF-8 bytes,
    /// looked up without making a String.
    func words(of raw: ArraySlice<UInt8>) throws(UnsupportedPage) -> [IndexableWord] {
        if let number = tokens.find(raw) { return splits[Int(number)] }
        let result = try split(String(decoding: raw, as: UTF8.self))
        tokens.insert(raw, value: Int32(splits.count))
        splits.append(result)
        return result
    }

    private var tokens = TokenTable()
    private var splits: [[IndexableWord]] = []
    var splitCount: Int { splits.count }

    /// A page's places, gathered by stem number (`collect`, then `collected`).
    private var gathered: [[WordPlace]] = []
    private var touched: [Int32] = []

    func collect(_ stem: Int32, _ place: WordPlace) {
        let slot = Int(stem)
        if slot >= gathered.count { gathered += repeatElement([], count: slot - gathered.count + 1) }
        if gathered[slot].isEmpty { touched.append(stem) }
        // (An emptied list keeps its capacity: no allocation per word and page.)
        gathered[slot].append(place)
    }

    /// The places collected since the last call, in one list, by stem in
    /// the order first met (the gathering lists keep their memory for the next page).
    func collected() -> (words: [(stem: Int32, places: Range<Int>)], places: [WordPlace]) {
        var words: [(stem: Int32, places: Range<Int>)] = []
        words.reserveCapacity(touched.count)
        var places: [WordPlace] = []
        for stem in touched {
            let start = places.count
            places += gathered[Int(stem)]
            gathered[Int(stem)].removeAll(keepingCapacity: true)
            words.append((stem, start..<places.count))
        }
        touched.removeAll(keepingCapacity: true)
        return (words, places)
    }

    private func number(_ word: String, in table: inout [String], _ numbers: inout [String: Int32]) -> Int32 {
        if let known = numbers[word] { return known }
        let next = Int32(table.count)
        table.append(word)
        numbers[word] = next
        return next
    }

    private func split(_ raw: String) throws(UnsupportedPage) -> [IndexableWord] {
        var results: [IndexableWord] = []
        var normalized = String.UnicodeScalarView()
        var possiblyCompound = false
        for (index, scalar) in raw.unicodeScalars.enumerated() {
            let alphanumeric = PageText.isAlphanumeric(scalar)
            if !alphanumeric { possiblyCompound = true }
            if index > 0 && scalar.properties.isUppercase { possiblyCompound = true }
            guard alphanumeric || includeCharacters.contains(scalar) else { continue }
            if scalar.isASCII {
                normalized.append(Unicode.Scalar(UInt8(scalar.value)).asciiLowercased)
            } else if let lower = Self.basicCyrillicLowercase(scalar) {
                normalized.append(lower)
            } else if !scalar.properties.isUppercase {
                normalized.append(scalar)
            } else {
                normalized.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let word = String(normalized)
        if !word.isEmpty { results.append(indexable(word, compound: false)) }
        guard possiblyCompound else { return results }
        try refuseWhatPagefindSplitsByGraphemes(raw)
        let parts = Self.discreteWords(raw)
        if !word.isEmpty && (parts.contains(" ") || !word.hasPrefix(parts)) {
            for part in parts.split(separator: " ") where part.utf8.count > 1 {
                results.append(indexable(String(part), compound: true))
            }
        }
        return results
    }

    private func indexable(_ word: String, compound: Bool) -> IndexableWord {
        let stripped = Self.withoutDiacritics(word)
        let stemmed = number(stem(stripped ?? word), in: &stems, &stemNumbers)
        return IndexableWord(stem: stemmed, isCompoundPart: compound, original: stripped == nil ? -1 : number(word, in: &originals, &originalNumbers))
    }

    /// Pagefind stores "café" as "cafe", the original as a variant: NFD
    /// without combining marks, nil when that changes nothing.
    static func withoutDiacritics(_ word: String) -> String? {
        // ASCII and the Russian letters other than й and ё have no decomposition: most words need no NFD.
        guard !word.unicodeScalars.allSatisfy({ $0.isASCII || ((0x410...0x44F).contains($0.value) && $0.value != 0x419 && $0.value != 0x439) }) else {
            return nil
        }
        let stripped = String(String.UnicodeScalarView(word.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !isMark($0) }))
        return stripped == word ? nil : stripped
    }

    /// Compound parts as Pagefind finds them (the `convert_case` crate's
    /// lower case): ASCII punctuation becomes a space, then words break
    /// between lower and upper case, letters and digits, and before the
    /// last capital of an acronym (`XMLParser`: xml parser).
    static func discreteWords(_ raw: String) -> String {
        let scalars = raw.unicodeScalars.map { $0.isASCII && isASCIIPunctuation($0) ? " " : $0 }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.isASCII && s.properties.numericType != nil }
        for index in scalars.indices {
            let here = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let afterNext = index + 2 < scalars.count ? scalars[index + 2] : nil
            if here == " " {
                words.append(String(current)); current = String.UnicodeScalarView()
                continue
            }
            current.append(here)
            guard let next else { continue }
            let split = (isLower(here) && isUpper(next)) || (isLower(here) && isDigit(next)) || (isUpper(here) && isDigit(next))
                || (isDigit(here) && isLower(next)) || (isDigit(here) && isUpper(next))
                || (isUpper(here) && isUpper(next) && afterNext.map(isLower) == true)
            if split { words.append(String(current)); current = String.UnicodeScalarView() }
        }
        words.append(String(current))
        return words.map { $0.lowercased() }.joined(separator: " ").split(whereSeparator: { $0.unicodeScalars.allSatisfy(PageText.isWhitespace) })
            .joined(separator: " ")
    }

    /// `convert_case` compares graphemes, and Pagefind adds emoji as words
    /// of their own; words where that differs from comparing scalars (marks,
    /// joiners, emoji, Hangul jamo) and the final-sigma rule of Rust's
    /// lower-casing are left to Pagefind.
    private func refuseWhatPagefindSplitsByGraphemes(_ raw: String) throws(UnsupportedPage) {
        for scalar in raw.unicodeScalars {
            if scalar.isASCII {
                if scalar.properties.isEmoji && !(scalar.properties.numericType != nil || scalar == "#" || scalar == "*") {
                    throw UnsupportedPage("the emoji in \(raw)")
                }
                continue
            }
            if scalar.properties.isEmoji { throw UnsupportedPage("the emoji in \(raw)") }
            if Self.isMark(scalar) || scalar.properties.isJoinControl || scalar.value == 0x03A3
                || (0x1100...0x11FF).contains(scalar.value) || (0xA960...0xA97F).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value) {
                throw UnsupportedPage("the word \(raw), split by graphemes")
            }
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
    }

    /// `convert_case`'s cased tests: a character with distinct cases that is its upper (lower) form.
    static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        if let cased = basicCase(scalar) { return cased == .upper }
        let upper = scalar.properties.uppercaseMapping, lower = scalar.properties.lowercaseMapping
        return upper != lower && String(scalar) == upper
    }

    static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        if let cased = basicCase(scalar) { return cased == .lower }
        let upper = scalar.properties.uppercaseMapping, lower = scalar.properties.lowercaseMapping
        return upper != lower && String(scalar) == lower
    }

    enum Case { case upper, lower, none }

    /// The case of ASCII and Russian letters without a lookup of Unicode's tables.
    static func basicCase(_ scalar: Unicode.Scalar) -> Case? {
        switch scalar.value {
        case 0x41...0x5A, 0x400...0x42F: return .upper
        case 0x61...0x7A, 0x430...0x45F: return .lower
        case 0..<0x80: return Case.none
        default: return nil
        }
    }

    /// Lower case of Cyrillic capitals (U+0400-U+042F), nil for any other character.
    static func basicCyrillicLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x410...0x42F: return Unicode.Scalar(scalar.value + 0x20)
        case 0x400...0x40F: return Unicode.Scalar(scalar.value + 0x50)
        default: return nil
        }
    }
}

private extension Unicode.Scalar {
    var asciiLowercased: Unicode.Scalar {
        (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : self
    }
}

/// A hash table from byte strings (words as they appear in a page) to
/// numbers, its keys kept in one buffer: a page's thousand words are looked
/// up without a String, an allocation or Unicode normalisation each.
struct TokenTable {
    private struct Key { var offset: Int32; var length: Int32; var hash: UInt64; var value: Int32 }
    private var buffer: [UInt8] = []
    private var keys: [Key] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    func find(_ bytes: ArraySlice<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        var slot = Int(hash & UInt64(slots.count - 1))
        while slots[slot] >= 0 {
            let key = keys[Int(slots[slot])]
            if key.hash == hash, Int(key.length) == bytes.count,
               buffer[Int(key.offset)..<Int(key.offset + key.length)].elementsEqual(bytes) { return key.value }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    mutating func insert(_ bytes: ArraySlice<UInt8>, value: Int32) {
        if (keys.count + 1) * 2 > slots.count { grow() }
        let key = Key(offset: Int32(buffer.count), length: Int32(bytes.count), hash: Self.hash(bytes), value: value)
        buffer += bytes
        place(Int32(keys.count), hash: key.hash)
        keys.append(key)
    }

    private mutating func place(_ index: Int32, hash: UInt64) {
        var slot = Int(hash & UInt64(slots.count - 1))
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (index, key) in keys.enumerated() { place(Int32(index), hash: key.hash) }
    }

    /// FNV-1a, then mixed so the low bits (the slot) depend on every byte.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }
}
