import Foundation

/// What Pagefind takes from one HTML page before it splits words: the
/// text it indexes (with its markers for headings' weights and for
/// elements' ids), the page's language and its meta fields.
struct ReadPage {
    /// The html element's `lang`, lower-cased; "unknown" without one.
    var language: String
    /// A `data-pagefind-body` element was found: only its text counts.
    var hasCustomBody: Bool
    /// The indexed text (UTF-8), normalised, with Pagefind's `___PAGEFIND_…` markers.
    var digest: [UInt8]
    /// title (first h1, else the title element), image and image_alt.
    var meta: [String: String]
    /// Text of the elements with an id, by "counter:id".
    var anchorContent: [String: String]
}

/// Reads a page as Pagefind 1.x's HTML parser does (its `DomParser`),
/// for the HTML docsite writes: every element closed in order, attribute
/// values quoted. Anything else, and every Pagefind attribute docsite does
/// not use (filters, meta, sort, weights), is an `UnsupportedPage`, so the
/// page goes to Pagefind itself instead of being indexed differently.
public struct PageReader {
    enum Status { case indexing, ignored, excluded, body, parentOfBody }

    /// An open element. Its text is the end of `text`, from `contentStart`;
    /// what Pagefind adds around a block or heading when it closes (a space,
    /// a weight marker) is written when it opens, from `start`, as it
    /// cannot end up anywhere else, so the text is never copied up the tree.
    struct Node {
        var tag: TagKind
        var start: Int
        var contentStart: Int
        var status: Status
        var anchors: [String]?
    }

    /// What Pagefind's rules say about an element name, looked up once per tag.
    struct TagKind {
        let name: String
        let isSentence, isInline, isRemoved, isVoid, isRawText, isUnsupported: Bool
        /// 1...6 for h1...h6.
        let headingLevel: Int?

        init(_ name: String) {
            self.name = name
            isSentence = PageReader.sentenceTags.contains(name)
            isInline = PageReader.inlineTags.contains(name)
            isRemoved = PageReader.removedTags.contains(name)
            isVoid = PageReader.voidTags.contains(name)
            isRawText = PageReader.rawTextTags.contains(name)
            isUnsupported = PageReader.unsupportedTags.contains(name)
            let digits = name.utf8.dropFirst()
            headingLevel = name.utf8.count == 2 && name.utf8.first == UInt8(ascii: "h") ? Int(String(decoding: digits, as: UTF8.self)).flatMap { (1...6).contains($0) ? $0 : nil } : nil
        }

        static let root = TagKind("")
        static let known: [String: TagKind] = Dictionary(uniqueKeysWithValues:
            (sentenceTags.union(inlineTags).union(removedTags).union(voidTags).union(rawTextTags)
                .union(["html", "body", "main", "header", "pre", "ol", "table", "thead", "tbody", "tr", "th", "aside", "dl", "dt", "dd",
                        "blockquote", "figure", "figcaption", "details", "summary", "del", "ins", "mark", "s", "u", "title"]))
                .map { ($0, TagKind($0)) })
    }

    /// A start tag's attribute: the bytes of its name (lower case, as
    /// docsite writes them; others are refused) and of its value.
    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// Blocks whose text Pagefind ends as a sentence.
    static let sentenceTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"]
    /// Inline elements: they share the id of the element around them.
    static let inlineTags: Set<String> = ["a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i",
                                          "img", "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select",
                                          "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var"]
    /// Elements Pagefind never indexes the text of.
    static let removedTags: Set<String> = ["head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"]
    static let voidTags: Set<String> = ["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
                                        "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]
    /// Elements whose content is text up to their end tag.
    static let rawTextTags: Set<String> = ["script", "style", "title", "textarea"]
    /// Elements the HTML tokenizer treats specially that docsite never writes.
    static let unsupportedTags: Set<String> = ["xmp", "iframe", "noembed", "noframes", "plaintext", "math", "svg"]
    
    private let bytes: [UInt8]
    private var offset = 0
    private var stack: [Node] = [Node(tag: .root, start: 0, contentStart: 0, status: .indexing)]
    /// The text of every open element, outermost first.
    private var text: [UInt8] = []
    private var language: String?
    private var meta: [String: String] = [:]
    private var anchorText: [String: [UInt8]] = [:]
    private var anchorCounter = 0
    private var insideHTML = 0

    static func read(_ page: [UInt8]) throws(UnsupportedPage) -> ReadPage {
        var reader = PageReader(bytes: page)
        try reader.parse()
        return try reader.result()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// A page cut to what Pagefind reads when pages mark their text with
    /// `data-pagefind-body`: the head and the body's opening tag (language,
    /// title), the marked element, nothing of the navigation around it.
    /// Pagefind parses about a fifth less (1.0 s of CPU against 1.24 s
    /// for a 330-page shard) and writes the same files, byte for byte.
    /// Nil when the page has no such element, or it is not in one piece.
    public static func indexedPart(of page: [UInt8]) -> [UInt8]? {
        guard let marker = Bytes.find("data-pagefind-body", in: page),
              let start = page[..<marker].lastIndex(of: UInt8(ascii: "<")),
              let bodyTag = Bytes.find("<body", in: page), bodyTag + 5 <= start,
              let bodyOpen = page[(bodyTag + 5)..<start].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let name = page[(start + 1)...].prefix(while: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ">") })
        // The last closing tag of its name: the marked element may hold others of the same name.
        guard let end = Bytes.findLast("</" + String(decoding: name, as: UTF8.self) + ">", in: page, after: marker) else { return nil }
        return Array(page[...bodyOpen]) + page[start..<(end + name.count + 3)] + Array("</body></html>\n".utf8)
    }

    // MARK: Tokens

    private mutating func parse() throws(UnsupportedPage) {
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "<") {
                try tag()
            } else {
                let end = Bytes.find(UInt8(ascii: "<"), in: bytes, from: offset) ?? bytes.count
                addText(offset..<end)
                offset = end
            }
        }
        guard stack.count == 1 else { throw UnsupportedPage("<\(stack.last!.tag)> is not closed") }
    }

    private mutating func tag() throws(UnsupportedPage) {
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        if starts(with: "<!--") {
            guard let end = Bytes.find("-->", in: bytes, from: offset + 4) else { throw UnsupportedPage("a comment is not closed") }
            offset = end + 3
        } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { throw UnsupportedPage("a declaration is not closed") }
            offset = end + 1
        } else if next == UInt8(ascii: "/") {
            try endTag()
        } else if isLetter(next) {
            try startTag()
        } else {
            addText(offset..<(offset + 1))
            offset += 1
        }
    }

    private mutating func startTag() throws(UnsupportedPage) {
        offset += 1
        let tag = Self.kind(of: name())
        var attributes: [Attribute] = []
        var selfClosing = false
        while true {
            skipWhitespace()
            guard offset < bytes.count else { throw UnsupportedPage("<\(tag.name)> is cut off") }
            if bytes[offset] == UInt8(ascii: ">") { offset += 1; break }
            if starts(with: "/>") { offset += 2; selfClosing = true; break }
            let attribute = nameBytes()
            guard !attribute.isEmpty else { throw UnsupportedPage("<\(tag.name)> has an attribute Pagefind may read differently") }
            guard !bytes[attribute].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
                throw UnsupportedPage("<\(tag.name)> has an attribute name in capitals")
            }
            skipWhitespace()
            var value = offset..<offset
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "=") {
                offset += 1
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") else {
                    throw UnsupportedPage("<\(tag.name)> has the unquoted attribute \(String(decoding: bytes[attribute], as: UTF8.self))")
                }
                let quote = bytes[offset]
                guard let end = bytes[(offset + 1)...].firstIndex(of: quote) else { throw UnsupportedPage("<\(tag.name)> is cut off") }
                value = (offset + 1)..<end
                offset = end + 1
            }
            guard !attributes.contains(where: { bytes[$0.name].elementsEqual(bytes[attribute]) }) else {
                throw UnsupportedPage("<\(tag.name)> has \(String(decoding: bytes[attribute], as: UTF8.self)) twice")
            }
            attributes.append(Attribute(name: attribute, value: value))
        }
        guard !tag.isUnsupported else { throw UnsupportedPage("a <\(tag.name)> element") }
        if selfClosing && !tag.isVoid { throw UnsupportedPage("<\(tag.name)/> (self-closing)") }
        try open(tag, attributes)
        if tag.isRawText {
            guard let end = find("</" + tag.name, from: offset) else { throw UnsupportedPage("<\(tag.name)> is not closed") }
            addText(offset..<end)
            offset = end
        }
    }

    private mutating func endTag() throws(UnsupportedPage) {
        offset += 2
        let name = name()
        guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { throw UnsupportedPage("</\(name)> is cut off") }
        offset = end + 1
        guard stack.count > 1, stack.last!.tag.name == name else {
            throw UnsupportedPage("</\(name)> does not close the open <\(stack.last!.tag.name)>")
        }
        try close()
    }

    static func kind(of name: String) -> TagKind { TagKind.known[name] ?? TagKind(name) }

    // MARK: Pagefind's element rules

    private mutating func open(_ tag: TagKind, _ attributes: [Attribute]) throws(UnsupportedPage) {
        func named(_ name: String) -> Attribute? {
            let wanted = name.utf8
            return attributes.first { bytes[$0.name].elementsEqual(wanted) }
        }
        func attribute(_ name: String) throws(UnsupportedPage) -> String? {
            // Values are used as written, references not decoded (as lol_html gives them).
            guard let found = named(name) else { return nil }
            return try utf8(bytes[found.value])
        }
        if tag.name == "html" {
            insideHTML += 1
            if let lang = try attribute("lang") { language = lang.lowercased() }
        } else if insideHTML == 0 {
            throw UnsupportedPage("<\(tag.name)> outside the html element")
        }
        for attribute in attributes where bytes[attribute.name].starts(with: "data-pagefind-".utf8) {
            let name = String(decoding: bytes[attribute.name], as: UTF8.self)
            if name != "data-pagefind-body" && name != "data-pagefind-ignore" { throw UnsupportedPage("the attribute \(name)") }
        }
        var status = Status.indexing
        if named("data-pagefind-body") != nil {
            status = .body
        } else if let ignore = try attribute("data-pagefind-ignore") {
            status = ["", "index", "true"].contains(ignore.lowercased()) ? .ignored : .excluded
        }
        var anchor: String?
        if status != .excluded && status != .ignored, let id = try attribute("id") {
            let id = String(String.UnicodeScalarView(id.unicodeScalars.filter { !PageText.isWhitespace($0) }))
            if !(stack.last!.status == .parentOfBody && status != .body) {
                text += Array(" ___PAGEFIND_ANCHOR___\(tag.name):\(anchorCounter):\(id) ".utf8)
                anchor = "\(anchorCounter):\(id)"
                anchorCounter += 1
            }
        }
        if status != .excluded && tag.name == "br" { text.append(UInt8(ascii: " ")) }
        let parent = stack.last!
        var anchors = parent.anchors != nil && tag.isInline ? parent.anchors : nil
        if let anchor { anchors = (anchors ?? []) + [anchor] }
        var node = Node(tag: tag, start: text.count, contentStart: text.count, status: parent.status == .excluded ? .excluded : status, anchors: anchors)
        if tag.isVoid {
            if node.status != .excluded && tag.name == "img" && meta["auto_image"] == nil && (meta["auto_title"] != nil || meta["title"] != nil),
               let source = try attribute("src") {
                meta["auto_image"] = source
                if let alt = try attribute("alt") { meta["auto_image_alt"] = alt }
            }
            return
        }
        if tag.name != "html" && tag.isRemoved { node.status = .ignored }
        if let level = tag.headingLevel { text += Array(" ___PAGEFIND_AUTO_WEIGHT___\(8 - level) ".utf8) }
        if tag.isSentence { text.append(UInt8(ascii: " ")) }
        node.contentStart = text.count
        stack.append(node)
    }

    private mutating func close() throws(UnsupportedPage) {
        let node = stack.removeLast()
        if node.tag.name == "html" { insideHTML -= 1 }
        if node.status == .excluded { return drop(node) }
        if node.tag.headingLevel == 1 && meta["auto_title"] == nil {
            let value = try utf8(text[node.contentStart...])
            if value.unicodeScalars.contains(where: { !PageText.isWhitespace($0) }) { meta["auto_title"] = try PageText.normalize(value) }
        }
        if node.tag.name == "title" && meta["auto_page_title"] == nil {
            meta["auto_page_title"] = try PageText.normalize(try utf8(text[node.contentStart...]))
        }
        if node.status == .ignored { return drop(node) }
        if node.tag.isSentence {
            // A block's text ends as a sentence; an empty one's last character is its leading space.
            if text.count > node.contentStart,
               let last = String(decoding: text[max(node.contentStart, text.count - 4)...], as: UTF8.self).unicodeScalars.last,
               PageText.endsSentence(last) {
                text.append(UInt8(ascii: "."))
            }
            text.append(UInt8(ascii: " "))
        }
        if node.tag.headingLevel != nil { text += Array(" ___END_PAGEFIND_WEIGHT___ ".utf8) }
        let parent = stack.count - 1
        if stack[parent].status == .parentOfBody && node.status != .body && node.status != .parentOfBody { return drop(node) }
        if node.status == .body || node.status == .parentOfBody {
            // Only the body counts: what its parent held before it goes.
            if stack[parent].status != .parentOfBody { text.removeSubrange(stack[parent].contentStart..<node.start) }
            stack[parent].status = .parentOfBody
        }
    }

    /// Forgets an element's text and what was written for it.
    private mutating func drop(_ node: Node) {
        text.removeSubrange(node.start...)
    }

    private mutating func addText(_ range: Range<Int>) {
        guard insideHTML > 0, !range.isEmpty else { return }
        let last = stack.count - 1
        text += bytes[range]
        if let anchors = stack[last].anchors, stack[last].status != .ignored && stack[last].status != .excluded {
            for anchor in anchors { anchorText[anchor, default: []] += bytes[range] }
        }
    }

    // MARK: Result

    private func result() throws(UnsupportedPage) -> ReadPage {
        var meta = self.meta
        if let image = meta.removeValue(forKey: "auto_image") {
            let alt = meta.removeValue(forKey: "auto_image_alt") ?? ""
            if meta["image"] == nil { meta["image"] = image; meta["image_alt"] = alt }
        }
        for automatic in ["auto_title", "auto_page_title"] {
            if let title = meta.removeValue(forKey: automatic), meta["title"] == nil { meta["title"] = title }
        }
        for (key, value) in meta { meta[key] = Self.withoutMarkers(value) }
        var anchors: [String: String] = [:]
        for (key, value) in anchorText { anchors[key] = try utf8(value[...]) }
        let language = self.language.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        return ReadPage(language: language, hasCustomBody: stack[0].status == .parentOfBody,
                        digest: try PageText.normalize(try validUTF8(text)), meta: meta, anchorContent: anchors)
    }

    /// Pagefind's `tidy_meta_and_filters`: its markers (`___PAGEFIND_\S+\s?`) removed.
    static func withoutMarkers(_ value: String) -> String {
        guard value.contains("___PAGEFIND_") else { return value }
        let scalars = Array(value.unicodeScalars)
        let marker = Array("___PAGEFIND_".unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if index + marker.count < scalars.count, Array(scalars[index..<(index + marker.count)]) == marker,
               !PageText.isWhitespace(scalars[index + marker.count]) {
                index += marker.count
                while index < scalars.count, !PageText.isWhitespace(scalars[index]) { index += 1 }
                if index < scalars.count { index += 1 }
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    // MARK: Bytes

    private func validUTF8(_ bytes: [UInt8]) throws(UnsupportedPage) -> [UInt8] {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw UnsupportedPage("bytes that are not UTF-8") }
        return bytes
    }

    private func utf8(_ slice: ArraySlice<UInt8>) throws(UnsupportedPage) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw UnsupportedPage("bytes that are not UTF-8") }
        return text
    }

    private func starts(with literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        return offset + pattern.count <= bytes.count && bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    /// The first occurrence of `literal` (an end tag's start, matched without case) from `start`.
    private func find(_ literal: String, from start: Int) -> Int? {
        let pattern = Array(literal.lowercased().utf8)
        var index = start
        while let open = Bytes.find(UInt8(ascii: "<"), in: bytes, from: index), open + pattern.count <= bytes.count {
            if (0..<pattern.count).allSatisfy({ lower(bytes[open + $0]) == pattern[$0] }) { return open }
            index = open + 1
        }
        return nil
    }

    private func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// The bytes of an attribute name.
    private mutating func nameBytes() -> Range<Int> {
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte <= 0x20 { break }
            offset += 1
        }
        return start..<offset
    }

    /// A tag name, lower-cased (docsite writes them in lower case already).
    private mutating func name() -> String {
        let start = offset
        var upper = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte <= 0x20 { break }
            if byte >= 0x41 && byte <= 0x5A { upper = true }
            offset += 1
        }
        return upper ? String(decoding: bytes[start..<offset].map(lower), as: UTF8.self) : String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, bytes[offset] <= 0x20 { offset += 1 }
    }
}

/// Byte searches through the C library (memchr, memcmp): the reader's inner loops.
enum Bytes {
    static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let found = memchr(buffer.baseAddress! + start, Int32(byte), buffer.count - start) else { return nil }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    static func find(_ literal: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let pattern = Array(literal.utf8)
        guard start < bytes.count, !pattern.isEmpty else { return nil }
        var index = start
        while let candidate = find(pattern[0], in: bytes, from: index), candidate + pattern.count <= bytes.count {
            let matches = bytes.withUnsafeBufferPointer { buffer in memcmp(buffer.baseAddress! + candidate, pattern, pattern.count) == 0 }
            if matches { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// The last occurrence of `literal` that starts after `start`.
    static func findLast(_ literal: String, in bytes: [UInt8], after start: Int) -> Int? {
        var found: Int?
        var from = start + 1
        while let next = find(literal, in: bytes, from: from) { found = next; from = next + 1 }
        return found
    }
}
