/// What Pagefind takes from one HTML page before it splits words: the
/// text it indexes (with its markers for headings' weights and for
/// elements' ids), the page's language and its meta fields.
struct ReadPage {
    /// The html element's `lang`, lower-cased; "unknown" without one.
    var language: String
    /// A `data-pagefind-body` element was found: only its text counts.
    var hasCustomBody: Bool
    /// The indexed text, normalised, with Pagefind's `___PAGEFIND_…` markers.
    var digest: String
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
struct PageReader {
    enum Status { case indexing, ignored, excluded, body, parentOfBody }

    struct Node {
        var tag: String
        var value: [UInt8] = []
        var status: Status
        var anchors: [String]?
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
    static let pagefindAttributes = ["data-pagefind-filter", "data-pagefind-meta", "data-pagefind-default-meta",
                                     "data-pagefind-sort", "data-pagefind-index-attrs", "data-pagefind-weight"]

    private let bytes: [UInt8]
    private var offset = 0
    private var stack: [Node] = [Node(tag: "", status: .indexing)]
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

    // MARK: Tokens

    private mutating func parse() throws(UnsupportedPage) {
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "<") {
                try tag()
            } else {
                let end = bytes[offset...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                text(offset..<end)
                offset = end
            }
        }
        guard stack.count == 1 else { throw UnsupportedPage("<\(stack.last!.tag)> is not closed") }
    }

    private mutating func tag() throws(UnsupportedPage) {
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        if starts(with: "<!--") {
            guard let end = find("-->", from: offset + 4) else { throw UnsupportedPage("a comment is not closed") }
            offset = end + 3
        } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { throw UnsupportedPage("a declaration is not closed") }
            offset = end + 1
        } else if next == UInt8(ascii: "/") {
            try endTag()
        } else if isLetter(next) {
            try startTag()
        } else {
            text(offset..<(offset + 1))
            offset += 1
        }
    }

    private mutating func startTag() throws(UnsupportedPage) {
        offset += 1
        let name = lowerName()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while true {
            skipWhitespace()
            guard offset < bytes.count else { throw UnsupportedPage("<\(name)> is cut off") }
            if bytes[offset] == UInt8(ascii: ">") { offset += 1; break }
            if starts(with: "/>") { offset += 2; selfClosing = true; break }
            let attribute = lowerName()
            guard !attribute.isEmpty else { throw UnsupportedPage("<\(name)> has an attribute Pagefind may read differently") }
            skipWhitespace()
            var value = ""
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "=") {
                offset += 1
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") else {
                    throw UnsupportedPage("<\(name)> has the unquoted attribute \(attribute)")
                }
                let quote = bytes[offset]
                guard let end = bytes[(offset + 1)...].firstIndex(of: quote) else { throw UnsupportedPage("<\(name)> is cut off") }
                value = try utf8(bytes[(offset + 1)..<end])
                offset = end + 1
            }
            guard !attributes.contains(where: { $0.0 == attribute }) else { throw UnsupportedPage("<\(name)> has \(attribute) twice") }
            attributes.append((attribute, value))
        }
        guard !Self.unsupportedTags.contains(name) else { throw UnsupportedPage("a <\(name)> element") }
        if selfClosing && !Self.voidTags.contains(name) { throw UnsupportedPage("<\(name)/> (self-closing)") }
        try open(name, attributes)
        if Self.rawTextTags.contains(name) {
            guard let end = find("</" + name, from: offset) else { throw UnsupportedPage("<\(name)> is not closed") }
            text(offset..<end)
            offset = end
        }
    }

    private mutating func endTag() throws(UnsupportedPage) {
        offset += 2
        let name = lowerName()
        guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { throw UnsupportedPage("</\(name)> is cut off") }
        offset = end + 1
        guard stack.count > 1, stack.last!.tag == name else {
            throw UnsupportedPage("</\(name)> does not close the open <\(stack.last!.tag)>")
        }
        try close()
    }

    // MARK: Pagefind's element rules

    private mutating func open(_ tag: String, _ attributes: [(String, String)]) throws(UnsupportedPage) {
        func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }
        if tag == "html" {
            insideHTML += 1
            if let lang = attribute("lang") { language = lang.lowercased() }
        } else if insideHTML == 0 {
            throw UnsupportedPage("<\(tag)> outside the html element")
        }
        // Attribute values are used as written, references not decoded (as lol_html gives them).
        for (name, _) in attributes where Self.pagefindAttributes.contains(name) { throw UnsupportedPage("the attribute \(name)") }
        var status = Status.indexing
        if attribute("data-pagefind-body") != nil {
            status = .body
        } else if let ignore = attribute("data-pagefind-ignore") {
            status = ["", "index", "true"].contains(ignore.lowercased()) ? .ignored : .excluded
        }
        var anchor: String?
        if status != .excluded && status != .ignored, let id = attribute("id") {
            let id = String(String.UnicodeScalarView(id.unicodeScalars.filter { !PageText.isWhitespace($0) }))
            if !(stack.last!.status == .parentOfBody && status != .body) {
                stack[stack.count - 1].value += Array(" ___PAGEFIND_ANCHOR___\(tag):\(anchorCounter):\(id) ".utf8)
                anchor = "\(anchorCounter):\(id)"
                anchorCounter += 1
            }
        }
        if status != .excluded && tag == "br" { stack[stack.count - 1].value.append(UInt8(ascii: " ")) }
        let parent = stack.last!
        var anchors = parent.anchors != nil && Self.inlineTags.contains(tag) ? parent.anchors : nil
        if let anchor { anchors = (anchors ?? []) + [anchor] }
        var node = Node(tag: tag, status: parent.status == .excluded ? .excluded : status, anchors: anchors)
        if Self.voidTags.contains(tag) {
            if node.status != .excluded && tag == "img" && meta["auto_image"] == nil && (meta["auto_title"] != nil || meta["title"] != nil),
               let source = attribute("src") {
                meta["auto_image"] = source
                if let alt = attribute("alt") { meta["auto_image_alt"] = alt }
            }
            return
        }
        if tag != "html" && Self.removedTags.contains(tag) { node.status = .ignored }
        stack.append(node)
    }

    private mutating func close() throws(UnsupportedPage) {
        var node = stack.removeLast()
        if node.tag == "html" { insideHTML -= 1 }
        if node.status == .excluded { return }
        if node.tag == "h1" && meta["auto_title"] == nil {
            let value = try utf8(node.value[...])
            if value.unicodeScalars.contains(where: { !PageText.isWhitespace($0) }) { meta["auto_title"] = try PageText.normalize(value) }
        }
        if node.tag == "title" && meta["auto_page_title"] == nil {
            meta["auto_page_title"] = try PageText.normalize(try utf8(node.value[...]))
        }
        if node.status == .ignored { return }
        if Self.sentenceTags.contains(node.tag) {
            node.value.insert(UInt8(ascii: " "), at: 0)
            if let last = String(decoding: node.value.suffix(4), as: UTF8.self).unicodeScalars.last, PageText.endsSentence(last) {
                node.value.append(UInt8(ascii: "."))
            }
            node.value.append(UInt8(ascii: " "))
        }
        if let level = headingLevel(node.tag) {
            node.value = Array(" ___PAGEFIND_AUTO_WEIGHT___\(8 - level) ".utf8) + node.value + Array(" ___END_PAGEFIND_WEIGHT___ ".utf8)
        }
        let parent = stack.count - 1
        if stack[parent].status == .parentOfBody && node.status != .body && node.status != .parentOfBody { return }
        switch node.status {
        case .indexing:
            stack[parent].value += node.value
        case .body, .parentOfBody:
            if stack[parent].status != .parentOfBody { stack[parent].value.removeAll(keepingCapacity: true) }
            stack[parent].value += node.value
            stack[parent].status = .parentOfBody
        case .ignored, .excluded:
            break
        }
    }

    private mutating func text(_ range: Range<Int>) {
        guard insideHTML > 0, !range.isEmpty else { return }
        let last = stack.count - 1
        stack[last].value += bytes[range]
        if let anchors = stack[last].anchors, stack[last].status != .ignored && stack[last].status != .excluded {
            for anchor in anchors { anchorText[anchor, default: []] += bytes[range] }
        }
    }

    private func headingLevel(_ tag: String) -> Int? {
        guard tag.utf8.count == 2, tag.utf8.first == UInt8(ascii: "h"), let level = Int(tag.dropFirst()), (1...6).contains(level) else { return nil }
        return level
    }

    // MARK: Result

    private func result() throws(UnsupportedPage) -> ReadPage {
        let root = stack[0]
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
        return ReadPage(language: language, hasCustomBody: root.status == .parentOfBody,
                        digest: try PageText.normalize(try utf8(root.value[...])), meta: meta, anchorContent: anchors)
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

    private func utf8(_ slice: ArraySlice<UInt8>) throws(UnsupportedPage) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw UnsupportedPage("bytes that are not UTF-8") }
        return text
    }

    private func starts(with literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        return offset + pattern.count <= bytes.count && bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    /// The first occurrence of `literal` (ASCII, matched without case) from `start`.
    private func find(_ literal: String, from start: Int) -> Int? {
        let pattern = Array(literal.lowercased().utf8)
        guard pattern.count <= bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] || (pattern[0] >= 0x61 && bytes[index] | 0x20 == pattern[0]) {
                if (0..<pattern.count).allSatisfy({ lower(bytes[index + $0]) == pattern[$0] }) { return index }
            }
            index += 1
        }
        return nil
    }

    private func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private mutating func lowerName() -> String {
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte <= 0x20 { break }
            offset += 1
        }
        return String(decoding: bytes[start..<offset].map(lower), as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, bytes[offset] <= 0x20 { offset += 1 }
    }
}
