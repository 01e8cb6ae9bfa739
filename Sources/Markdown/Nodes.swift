/// The Markdown syntax tree docsite works with: plain Swift values, so no
/// other module ever holds a cmark pointer.
public struct MarkdownDocument: Sendable, Equatable {
    public var blocks: [Block]
    /// The file line of the first container nested deeper than the
    /// parser's limit, which was flattened to text (the text is kept; only
    /// the structure is lost); nil when nothing was.
    public var flattenedLine: Int?

    public var flattenedDeepNesting: Bool { flattenedLine != nil }

    public init(blocks: [Block], flattenedLine: Int? = nil) {
        self.blocks = blocks
        self.flattenedLine = flattenedLine
    }
}

public indirect enum Block: Sendable, Equatable {
    case paragraph([Inline], line: Int)
    /// `explicitID` comes from a trailing `{#id}`, already removed from `content`.
    case heading(level: Int, content: [Inline], explicitID: String?, line: Int)
    case codeBlock(language: String, code: String, line: Int)
    case blockQuote([Block], line: Int)
    case list(ListBlock)
    case thematicBreak(line: Int)
    /// Raw HTML is never passed through; renderers show it as text.
    case html(String, line: Int)
    case table(TableBlock)

    public var line: Int {
        switch self {
        case .paragraph(_, let line), .heading(_, _, _, let line), .codeBlock(_, _, let line),
             .blockQuote(_, let line), .thematicBreak(let line), .html(_, let line):
            return line
        case .list(let list): return list.line
        case .table(let table): return table.line
        }
    }
}

public struct ListBlock: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
    public var items: [ListItem]
    public var line: Int
}

public struct ListItem: Sendable, Equatable {
    public var blocks: [Block]
    /// nil for an ordinary item; true/false for a checked/unchecked task.
    public var task: Bool?
}

public enum TableAlignment: Sendable, Equatable {
    case none, left, center, right
}

public struct TableBlock: Sendable, Equatable {
    public var alignments: [TableAlignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    public var line: Int
}

public indirect enum Inline: Sendable, Equatable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(destination: String, title: String, content: [Inline], line: Int)
    case image(source: String, title: String, alt: [Inline], line: Int)
    case softBreak
    case lineBreak
    case html(String)
}

extension Array where Element == Inline {
    /// The text a reader sees, without markup (used for headings, titles, slugs).
    public var plainText: String {
        var out = ""
        appendPlainText(self, to: &out)
        return out
    }
}

private func appendPlainText(_ inlines: [Inline], to out: inout String) {
    for inline in inlines {
        switch inline {
        case .text(let s), .code(let s), .html(let s): out += s
        case .emphasis(let c), .strong(let c), .strikethrough(let c): appendPlainText(c, to: &out)
        case .link(_, _, let c, _), .image(_, _, let c, _): appendPlainText(c, to: &out)
        case .softBreak, .lineBreak: out += " "
        }
    }
}
