/// The Markdown syntax tree docsite works with: plain Swift values, so no
/// other module ever holds a cmark pointer.
public struct MarkdownDocument: Sendable, Equatable {
    public var blocks: [Block]
    /// Where the first container nested deeper than the parser's limit
    /// starts; it was flattened to text (the text is kept, only the
    /// structure is lost). nil when nothing was.
    public var flattened: SourcePosition?

    public var flattenedLine: Int? { flattened?.line }
    public var flattenedDeepNesting: Bool { flattened != nil }

    public init(blocks: [Block], flattened: SourcePosition? = nil) {
        self.blocks = blocks
        self.flattened = flattened
    }
}

/// Where a node starts in the file: 1-based line and column. Columns count
/// Unicode scalars, as editors and the YAML diagnostics do (cmark counts
/// bytes, which would put every column after Cyrillic text too far right).
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

public indirect enum Block: Sendable, Equatable {
    case paragraph([Inline], at: SourcePosition)
    /// `explicitID` comes from a trailing `{#id}`, already removed from `content`.
    case heading(level: Int, content: [Inline], explicitID: String?, at: SourcePosition)
    case codeBlock(info: FenceInfo, code: String, at: SourcePosition)
    case blockQuote([Block], at: SourcePosition)
    /// A block quote opened by a known `[!KIND]` marker (the marker is gone from its blocks).
    case admonition(Admonition)
    case list(ListBlock)
    case thematicBreak(at: SourcePosition)
    /// Raw HTML is never passed through; renderers show it as text.
    case html(String, at: SourcePosition)
    case table(TableBlock)

    public var position: SourcePosition {
        switch self {
        case .paragraph(_, let position), .heading(_, _, _, let position), .codeBlock(_, _, let position),
             .blockQuote(_, let position), .thematicBreak(let position), .html(_, let position):
            return position
        case .list(let list): return list.position
        case .table(let table): return table.position
        case .admonition(let admonition): return admonition.position
        }
    }

    public var line: Int { position.line }
}

public struct ListBlock: Sendable, Equatable {
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
    public var items: [ListItem]
    public var position: SourcePosition

    public var line: Int { position.line }
}

public struct ListItem: Sendable, Equatable {
    public var blocks: [Block]
    /// nil for an ordinary item; true/false for a checked/unchecked task.
    public var task: Bool?
    public var position: SourcePosition
}

public enum TableAlignment: Sendable, Equatable {
    case none, left, center, right
}

public struct TableBlock: Sendable, Equatable {
    public var alignments: [TableAlignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    public var position: SourcePosition

    public var line: Int { position.line }

    public func alignment(ofColumn column: Int) -> TableAlignment {
        column < alignments.count ? alignments[column] : .none
    }
}

/// Inlines that cmark places (code spans, links, images) carry a position;
/// one that cmark leaves unplaced (a bare-URL autolink) gets its block's.
public indirect enum Inline: Sendable, Equatable {
    case text(String)
    /// cmark places a code span at its first character inside the backticks.
    case code(String, at: SourcePosition)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(destination: String, title: String, content: [Inline], at: SourcePosition)
    case image(source: String, title: String, alt: [Inline], at: SourcePosition)
    case softBreak
    case lineBreak
    case html(String)
}
