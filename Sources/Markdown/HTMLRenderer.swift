import TypedHTML

/// Renders the syntax tree to HTML through an `HTMLWriter`, so every text
/// and attribute value is escaped by the writer; raw HTML from the source
/// is shown as text, never passed through.
public struct HTMLRenderer {
    /// Maps a link or image destination from the Markdown to the href to emit.
    public var resolveLink: (String) -> String
    /// Returns highlighted, already-escaped HTML for a code block, or nil for plain text.
    public var highlight: (_ language: String, _ code: String) -> String?
    /// Accessible name of the `#` link shown beside each heading.
    public var headingLinkLabel: String
    /// An admonition kind's title in the page's language ("Note", «Примечание»).
    public var admonitionTitle: (AdmonitionKind) -> String

    public init(resolveLink: @escaping (String) -> String = { $0 },
                highlight: @escaping (String, String) -> String? = { _, _ in nil },
                headingLinkLabel: String = "Link to this section",
                admonitionTitle: @escaping (AdmonitionKind) -> String = \.englishTitle) {
        self.resolveLink = resolveLink
        self.highlight = highlight
        self.headingLinkLabel = headingLinkLabel
        self.admonitionTitle = admonitionTitle
    }

    /// `headings` must come from `document.headings()`: their ids are used in order.
    public func render(_ document: MarkdownDocument, headings: [Heading]) -> String {
        var visitor = RenderingVisitor(renderer: self, ids: headings.map(\.id))
        document.walk(&visitor)
        return visitor.writer.output
    }
}

/// The renderer's pass over the tree: opens an element on `enter`, closes
/// it on `leave`, and lets the walker write the children in between.
private struct RenderingVisitor: MarkdownVisitor {
    let renderer: HTMLRenderer
    let ids: [String]
    var writer = HTMLWriter(reservingCapacity: 4096)
    var nextHeading = 0
    /// Whether paragraphs directly inside the innermost container drop
    /// their `<p>`: true in the items of a tight list, false in a quote.
    var tightness: [Bool] = []

    init(renderer: HTMLRenderer, ids: [String]) {
        self.renderer = renderer
        self.ids = ids
    }

    // MARK: Blocks

    mutating func enter(_ block: Block) -> Descent {
        switch block {
        case .paragraph:
            if tightness.last != true { writer.open(.p) }
        case .heading(let level, _, _, _):
            writer.open(.heading(level), [.id(currentHeadingID)])
        case .codeBlock(let info, let code, _):
            writeCodeBlock(info: info, code: code)
        case .blockQuote:
            tightness.append(false)
            writer.open(.blockquote)
            writer.newline()
        case .admonition(let admonition):
            // role=note, not <aside>: an aside inside <main> is a landmark of its own.
            tightness.append(false)
            writer.open(.div, [.class("admonition admonition-" + admonition.kind.rawValue), Attribute("role", "note")])
            writer.newline()
        case .list(let list):
            openList(list)
        case .thematicBreak:
            writer.element(.hr)
            writer.newline()
        case .html(let raw, _):
            writer.element(.pre, [.class("raw-html")], text: raw)
            writer.newline()
        case .table:
            writer.open(.div, [.class("table-wrap")])
            writer.open(.table)
            writer.newline()
        }
        return .children
    }

    mutating func leave(_ block: Block) {
        switch block {
        case .paragraph:
            if tightness.last != true { writer.close(.p) }
            writer.newline()
        case .heading(let level, _, _, _):
            let id = currentHeadingID
            nextHeading += 1
            // The mark is not words: kept out of the search index, it does not end up in excerpts ("Install#").
            writer.element(.a, [.class("heading-link"), .href("#" + id), .ariaLabel(renderer.headingLinkLabel), .flag("data-pagefind-ignore")], text: "#")
            writer.close(.heading(level))
            writer.newline()
        case .blockQuote:
            tightness.removeLast()
            writer.close(.blockquote)
            writer.newline()
        case .admonition:
            tightness.removeLast()
            writer.close(.div)
            writer.newline()
        case .list(let list):
            writer.close(list.ordered ? .ol : .ul)
            writer.newline()
        case .table(let table):
            if !table.rows.isEmpty {
                writer.close(.tbody)
                writer.newline()
            }
            writer.close(.table)
            writer.close(.div)
            writer.newline()
        case .codeBlock, .thematicBreak, .html:
            return  // written whole by `enter`
        }
    }

    /// The id of the heading being written (ids come in document order).
    private var currentHeadingID: String {
        nextHeading < ids.count ? ids[nextHeading] : ""
    }

    /// A titled block is a figure with the title as its caption (the same
    /// markup as the example pages' file blocks); an untitled one a `div.code`.
    private mutating func writeCodeBlock(info: FenceInfo, code: String) {
        if let title = info.title {
            writer.open(.figure, [.class("code-block")])
            writer.element(.figcaption, [.class("code-title")], text: title)
        } else {
            writer.open(.div, [.class("code")])
        }
        writer.open(.pre)
        writer.open(.code, info.language.isEmpty ? [] : [.class("language-" + info.language)])
        if let highlighted = renderer.highlight(info.language, code) {
            writer.append(.trusted(highlighted))
        } else {
            writer.text(code)
        }
        writer.close(.code)
        writer.close(.pre)
        writer.close(info.title == nil ? .div : .figure)
        writer.newline()
    }

    /// The title line: the page's own words, or the kind's title in the
    /// page's language. A custom title keeps the kind for screen readers.
    mutating func enterTitle(of admonition: Admonition) -> Descent {
        writer.open(.p, [.class("admonition-title")])
        let kindTitle = renderer.admonitionTitle(admonition.kind)
        guard !admonition.title.isEmpty else {
            writer.text(kindTitle)
            return .skipChildren
        }
        writer.element(.span, [.class("visually-hidden")], text: kindTitle + ": ")
        return .children
    }

    mutating func leaveTitle(of admonition: Admonition) {
        writer.close(.p)
        writer.newline()
    }

    private mutating func openList(_ list: ListBlock) {
        var attributes: [Attribute] = []
        if list.ordered && list.start != 1 { attributes.append(Attribute("start", String(list.start))) }
        if list.items.contains(where: { $0.task != nil }) { attributes.append(.class("task-list")) }
        writer.open(list.ordered ? .ol : .ul, attributes)
        writer.newline()
    }

    mutating func enter(_ item: ListItem, of list: ListBlock) -> Descent {
        tightness.append(list.tight)
        writer.open(.li)
        if let checked = item.task {
            writer.element(.input, checked
                ? [Attribute("type", "checkbox"), .flag("checked"), .flag("disabled"), .ariaLabel("done")]
                : [Attribute("type", "checkbox"), .flag("disabled"), .ariaLabel("to do")])
            writer.text(" ")
        }
        return .children
    }

    mutating func leave(_ item: ListItem, of list: ListBlock) {
        tightness.removeLast()
        writer.trimTrailingNewline()
        writer.close(.li)
        writer.newline()
    }

    // MARK: Tables

    mutating func enter(_ row: TableRow) -> Descent {
        if row.isHeader {
            writer.open(.thead)
            writer.newline()
        }
        writer.open(.tr)
        return .children
    }

    mutating func leave(_ row: TableRow) {
        writer.close(.tr)
        writer.newline()
        guard row.isHeader else { return }
        writer.close(.thead)
        writer.newline()
        if !row.table.rows.isEmpty {
            writer.open(.tbody)
            writer.newline()
        }
    }

    mutating func enter(_ cell: TableCell) -> Descent {
        let tag: Tag = cell.isHeader ? .th : .td
        switch cell.alignment {
        case .none: writer.open(tag)
        case .left: writer.open(tag, [.class("align-left")])
        case .center: writer.open(tag, [.class("align-center")])
        case .right: writer.open(tag, [.class("align-right")])
        }
        return .children
    }

    mutating func leave(_ cell: TableCell) {
        writer.close(cell.isHeader ? .th : .td)
        // Pagefind separates `td` cells but not `th`: without whitespace the
        // indexed header reads "KeyTypeDefault".
        if cell.isHeader { writer.newline() }
    }

    // MARK: Inlines

    mutating func enter(_ inline: Inline) -> Descent {
        switch inline {
        case .text(let text), .html(let text):
            writer.text(text)
        case .code(let code, _):
            writer.element(.code, text: code)
        case .emphasis:
            writer.open(.em)
        case .strong:
            writer.open(.strong)
        case .strikethrough:
            writer.open(.del)
        case .link(let destination, let title, _, _):
            var attributes = [Attribute.href(safeURL(renderer.resolveLink(destination)))]
            if !title.isEmpty { attributes.append(.title(title)) }
            writer.open(.a, attributes)
        case .image(let source, let title, let alt, _):
            // The description becomes the alt text, so the walker must not
            // write it as HTML too.
            var attributes = [Attribute.src(safeURL(renderer.resolveLink(source))), Attribute("alt", alt.plainText)]
            if !title.isEmpty { attributes.append(.title(title)) }
            writer.element(.img, attributes)
            return .skipChildren
        case .softBreak:
            writer.newline()
        case .lineBreak:
            writer.element(.br)
            writer.newline()
        }
        return .children
    }

    mutating func leave(_ inline: Inline) {
        switch inline {
        case .emphasis: writer.close(.em)
        case .strong: writer.close(.strong)
        case .strikethrough: writer.close(.del)
        case .link: writer.close(.a)
        case .text, .code, .html, .image, .softBreak, .lineBreak: return  // written whole by `enter`
        }
    }
}

/// Drops script-capable URL schemes, as cmark's safe mode does.
public func safeURL(_ url: String) -> String {
    // Compare the scheme the way a browser reads it (WHATWG URL parsing):
    // leading and trailing C0 controls and spaces are stripped and tabs and
    // newlines anywhere are removed. Without this `[x](java&#9;script:…)` or
    // `[x](&#1;javascript:…)` reached the page as a working javascript: link.
    // No colon, no scheme: the common case (relative links) stays cheap.
    guard url.utf8.contains(UInt8(ascii: ":")) else { return url }
    var scalars = Substring(url).unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
    while let first = scalars.first, first.value <= 0x20 || first.properties.isWhitespace { scalars.removeFirst() }
    let lowered = String(String.UnicodeScalarView(scalars)).lowercased()
    for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
        return ""
    }
    return url
}
