import Foundation
import TypedHTML

/// Renders the syntax tree to HTML. All escaping happens here; raw HTML from
/// the source is shown as text, never passed through.
public struct HTMLRenderer {
    /// Maps a link or image destination from the Markdown to the href to emit.
    public var resolveLink: (String) -> String
    /// Returns highlighted, already-escaped HTML for a code block, or nil for plain text.
    public var highlight: (_ language: String, _ code: String) -> String?
    /// Accessible name of the `#` link shown beside each heading.
    public var headingLinkLabel: String

    public init(resolveLink: @escaping (String) -> String = { $0 },
                highlight: @escaping (String, String) -> String? = { _, _ in nil },
                headingLinkLabel: String = "Link to this section") {
        self.resolveLink = resolveLink
        self.highlight = highlight
        self.headingLinkLabel = headingLinkLabel
    }

    /// `headings` must come from `document.headings()`: their ids are used in order.
    public func render(_ document: MarkdownDocument, headings: [Heading]) -> String {
        var state = RenderState(ids: headings.map(\.id))
        var out = ""
        out.reserveCapacity(4096)
        for block in document.blocks { render(block, into: &out, state: &state, tight: false) }
        return out
    }

    private struct RenderState {
        var ids: [String]
        var nextHeading = 0
    }

    private func render(_ block: Block, into out: inout String, state: inout RenderState, tight: Bool) {
        switch block {
        case .paragraph(let content, _):
            if tight {
                renderInlines(content, into: &out)
                out += "\n"
            } else {
                out += "<p>"
                renderInlines(content, into: &out)
                out += "</p>\n"
            }
        case .heading(let level, let content, _, _):
            let id = state.nextHeading < state.ids.count ? state.ids[state.nextHeading] : ""
            state.nextHeading += 1
            let escapedID = escapeAttribute(id)
            out += "<h\(level) id=\"\(escapedID)\">"
            renderInlines(content, into: &out)
            out += "<a class=\"heading-link\" href=\"#\(escapedID)\" aria-label=\"\(escapeAttribute(headingLinkLabel))\">#</a></h\(level)>\n"
        case .codeBlock(let language, let code, _):
            let body = highlight(language, code) ?? escapeText(code)
            let languageClass = language.isEmpty ? "" : " class=\"language-\(escapeAttribute(language))\""
            out += "<div class=\"code\"><pre><code\(languageClass)>\(body)</code></pre></div>\n"
        case .blockQuote(let inner, _):
            out += "<blockquote>\n"
            for child in inner { render(child, into: &out, state: &state, tight: false) }
            out += "</blockquote>\n"
        case .list(let list):
            renderList(list, into: &out, state: &state)
        case .thematicBreak:
            out += "<hr>\n"
        case .html(let raw, _):
            out += "<pre class=\"raw-html\">\(escapeText(raw))</pre>\n"
        case .table(let table):
            renderTable(table, into: &out)
        }
    }

    private func renderList(_ list: ListBlock, into out: inout String, state: inout RenderState) {
        let isTaskList = list.items.contains { $0.task != nil }
        let classAttribute = isTaskList ? " class=\"task-list\"" : ""
        if list.ordered {
            out += list.start == 1 ? "<ol\(classAttribute)>\n" : "<ol start=\"\(list.start)\"\(classAttribute)>\n"
        } else {
            out += "<ul\(classAttribute)>\n"
        }
        for item in list.items {
            out += "<li>"
            if let checked = item.task {
                out += checked
                    ? "<input type=\"checkbox\" checked disabled aria-label=\"done\"> "
                    : "<input type=\"checkbox\" disabled aria-label=\"to do\"> "
            }
            for block in item.blocks { render(block, into: &out, state: &state, tight: list.tight) }
            if out.hasSuffix("\n") { out.removeLast() }
            out += "</li>\n"
        }
        out += list.ordered ? "</ol>\n" : "</ul>\n"
    }

    private func renderTable(_ table: TableBlock, into out: inout String) {
        func cell(_ tag: String, _ content: [Inline], _ column: Int) {
            let alignment = column < table.alignments.count ? table.alignments[column] : .none
            switch alignment {
            case .none: out += "<\(tag)>"
            case .left: out += "<\(tag) class=\"align-left\">"
            case .center: out += "<\(tag) class=\"align-center\">"
            case .right: out += "<\(tag) class=\"align-right\">"
            }
            renderInlines(content, into: &out)
            out += "</\(tag)>"
        }
        out += "<div class=\"table-wrap\"><table>\n<thead>\n<tr>"
        for (column, content) in table.header.enumerated() { cell("th", content, column) }
        out += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            out += "<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (column, content) in row.enumerated() { cell("td", content, column) }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table></div>\n"
    }

    private func renderInlines(_ inlines: [Inline], into out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text): out += escapeText(text)
            case .code(let code): out += "<code>\(escapeText(code))</code>"
            case .emphasis(let inner): out += "<em>"; renderInlines(inner, into: &out); out += "</em>"
            case .strong(let inner): out += "<strong>"; renderInlines(inner, into: &out); out += "</strong>"
            case .strikethrough(let inner): out += "<del>"; renderInlines(inner, into: &out); out += "</del>"
            case .link(let destination, let title, let content, _):
                out += "<a href=\"\(escapeAttribute(safeURL(resolveLink(destination))))\""
                if !title.isEmpty { out += " title=\"\(escapeAttribute(title))\"" }
                out += ">"
                renderInlines(content, into: &out)
                out += "</a>"
            case .image(let source, let title, let alt, _):
                out += "<img src=\"\(escapeAttribute(safeURL(resolveLink(source))))\" alt=\"\(escapeAttribute(alt.plainText))\""
                if !title.isEmpty { out += " title=\"\(escapeAttribute(title))\"" }
                out += ">"
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br>\n"
            case .html(let raw): out += escapeText(raw)
            }
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

/// A link or image found in a document, with its source line.
public struct LinkReference: Sendable, Equatable {
    public var destination: String
    public var line: Int
    public var isImage: Bool

    public init(destination: String, line: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
    }
}

extension MarkdownDocument {
    public func links() -> [LinkReference] {
        var found: [LinkReference] = []
        collectLinks(blocks, into: &found)
        return found
    }
}

private func collectLinks(_ blocks: [Block], into found: inout [LinkReference]) {
    for block in blocks {
        switch block {
        case .paragraph(let content, _), .heading(_, let content, _, _):
            collectLinks(content, into: &found)
        case .blockQuote(let inner, _):
            collectLinks(inner, into: &found)
        case .list(let list):
            for item in list.items { collectLinks(item.blocks, into: &found) }
        case .table(let table):
            for cell in table.header { collectLinks(cell, into: &found) }
            for row in table.rows { for cell in row { collectLinks(cell, into: &found) } }
        case .codeBlock, .thematicBreak, .html:
            break
        }
    }
}

private func collectLinks(_ inlines: [Inline], into found: inout [LinkReference]) {
    for inline in inlines {
        switch inline {
        case .link(let destination, _, let content, let line):
            found.append(LinkReference(destination: destination, line: line, isImage: false))
            collectLinks(content, into: &found)
        case .image(let source, _, _, let line):
            found.append(LinkReference(destination: source, line: line, isImage: true))
        case .emphasis(let inner), .strong(let inner), .strikethrough(let inner):
            collectLinks(inner, into: &found)
        default:
            break
        }
    }
}
