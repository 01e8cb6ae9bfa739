/// A word's place on a page: its position in the page's text and weight
/// (24 per unit of Pagefind's weight), or its position in a meta field.
struct WordPlace {
    var position: UInt32
    var weight: UInt8
    /// The word before its diacritics were stripped (`IndexableWord.original`), else -1.
    var original: Int32
}

struct MetaPlace {
    var field: Int
    var position: UInt32
    var original: Int32
}

/// One page ready for the index: what Pagefind's `parse_digest` and
/// `parse_meta_words` make of a `ReadPage`.
struct IndexedPage {
    struct Anchor { var element: String; var id: String; var text: String; var location: UInt32 }

    var url: String
    var language: String
    var hasCustomBody: Bool
    /// The text shown in results (UTF-8): the words, one space between each.
    var content: [UInt8]
    var wordCount: Int
    var meta: [(String, String)]
    var anchors: [Anchor]
    /// Places by stemmed word (its number in the splitter's `stems`), in `places`.
    var words: [(stem: Int32, places: Range<Int>)]
    var places: [WordPlace]
    /// Meta words by field number in the page's own sorted field list.
    var metaWords: [Int32: [MetaPlace]]

    static let weightUnit: Float = 24
    static let zeroWidthSpace: [UInt8] = [0xE2, 0x80, 0x8B]

    init(url: String, page: ReadPage, words splitter: IndexableWords) throws(UnsupportedPage) {
        self.url = url
        language = page.language
        hasCustomBody = page.hasCustomBody
        meta = page.meta.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        anchors = []
        metaWords = [:]
        words = []
        places = []
        wordCount = 0
        content = []
        content.reserveCapacity(page.digest.count)
        let digest = page.digest
        let hasZeroWidthSpace = Bytes.find("\u{200B}", in: digest) != nil
        var position: UInt32 = 0, lastPosition: UInt32 = 0
        var weights: [UInt8] = [UInt8(Self.weightUnit)]
        for range in PageText.wordRanges(in: digest) {
            var token = digest[range]
            if token.first == UInt8(ascii: "_"), token.count > 20,
               try marker(String(decoding: token, as: UTF8.self), position: position, weights: &weights, page: page) { continue }
            if hasZeroWidthSpace { token = Self.withoutZeroWidthSpaces(token) }
            if token.isEmpty { continue }
            content += token
            content.append(0x20)
            let weight = weights.last ?? 1
            let indexable = try splitter.words(of: token)
            var compoundCount = 0
            for entry in indexable where entry.isCompoundPart { compoundCount += 1 }
            let partialWeight = compoundCount > 0 && weight > 0 ? max(1, weight / UInt8(min(compoundCount, 255))) : 0
            for entry in indexable {
                splitter.collect(entry.stem, WordPlace(position: position, weight: entry.isCompoundPart ? partialWeight : weight, original: entry.original))
            }
            lastPosition = position
            position += 1
        }
        if content.last == 0x20 { content.removeLast() }
        (words, places) = splitter.collected()
        wordCount = Int(lastPosition) + 1
        for (field, (_, value)) in meta.enumerated() {
            let bytes = Array(value.utf8)
            for (index, range) in PageText.wordRanges(in: bytes).enumerated() {
                for entry in try splitter.words(of: bytes[range]) {
                    metaWords[entry.stem, default: []].append(MetaPlace(field: field, position: UInt32(index), original: entry.original))
                }
            }
        }
    }

    static func withoutZeroWidthSpaces(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result: [UInt8] = []
        var index = token.startIndex
        while index < token.endIndex {
            if index + 3 <= token.endIndex, token[index..<(index + 3)].elementsEqual(zeroWidthSpace) { index += 3; continue }
            result.append(token[index])
            index += 1
        }
        return result[...]
    }

    /// Handles Pagefind's markers for anchors and weights; false for an
    /// ordinary word that starts with an underscore.
    private mutating func marker(_ token: String, position: UInt32, weights: inout [UInt8], page: ReadPage) throws(UnsupportedPage) -> Bool {
        if token.hasPrefix("___PAGEFIND_ANCHOR___") {
            let rest = String(token.dropFirst("___PAGEFIND_ANCHOR___".count))
            if let colon = rest.firstIndex(of: ":") {
                let anchorID = String(rest[rest.index(after: colon)...])
                let text = try page.anchorContent[anchorID].map(PageText.normalize) ?? ""
                if let idColon = anchorID.firstIndex(of: ":") {
                    anchors.append(Anchor(element: String(rest[..<colon]), id: String(anchorID[anchorID.index(after: idColon)...]),
                                          text: try PageText.normalize(text), location: position))
                }
            }
            return true
        }
        if token.hasPrefix("___PAGEFIND_AUTO_WEIGHT___") {
            if weights.count == 1 {
                let weight = Float(token.dropFirst("___PAGEFIND_AUTO_WEIGHT___".count)) ?? 1
                weights.append(UInt8(min(max(weight, 0), 10) * Self.weightUnit))
            } else {
                weights.append(weights.last ?? 0)
            }
            return true
        }
        if token.hasPrefix("___END_PAGEFIND_WEIGHT___") {
            _ = weights.popLast()
            return true
        }
        if token.hasPrefix("___PAGEFIND_WEIGHT___") { throw UnsupportedPage("data-pagefind-weight") }
        return false
    }

    /// The page's fragment: Pagefind's JSON (serde_json, fields in its order).
    var fragmentJSON: [UInt8] {
        var json = JSONText()
        json.raw("{\"url\":"); json.string(url)
        json.raw(",\"content\":"); json.string(bytes: content)
        json.raw(",\"word_count\":\(wordCount),\"filters\":{},\"meta\":{")
        for (index, (key, value)) in meta.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(key); json.raw(":"); json.string(value)
        }
        json.raw("},\"anchors\":[")
        for (index, anchor) in anchors.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"element\":"); json.string(anchor.element)
            json.raw(",\"id\":"); json.string(anchor.id)
            json.raw(",\"text\":"); json.string(anchor.text)
            json.raw(",\"location\":\(anchor.location)}")
        }
        json.raw("]}")
        return json.bytes
    }
}

/// JSON as serde_json writes it: no spaces, only `"`, `\` and control
/// characters escaped (the short forms where JSON has them).
struct JSONText {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes += text.utf8 }

    mutating func string(_ text: String) { string(bytes: Array(text.utf8)) }

    /// Runs that need no escape are copied whole.
    mutating func string(bytes text: [UInt8]) {
        bytes.reserveCapacity(bytes.count + text.count + 2)
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in text.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes += text[runStart..<index]
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += Array("\\b".utf8)
            case 0x0C: bytes += Array("\\f".utf8)
            case 0x0A: bytes += Array("\\n".utf8)
            case 0x0D: bytes += Array("\\r".utf8)
            case 0x09: bytes += Array("\\t".utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: break
            }
        }
        bytes += text[runStart...]
        bytes.append(UInt8(ascii: "\""))
    }
}
