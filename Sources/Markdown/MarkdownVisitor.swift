/// What the walker does after a visitor's `enter`.
public enum Descent: Sendable {
    /// Walk the node's children (the default).
    case children
    /// The visitor handled the whole node itself (an image's description
    /// becomes its alt text, a block with no headings in it).
    case skipChildren
}

/// One row of a table as the walker hands it over; `index` 0 is the header.
public struct TableRow: Sendable {
    public var table: TableBlock
    public var index: Int
    public var cells: [[Inline]]
    public var isHeader: Bool { index == 0 }
}

/// One cell of a table row.
public struct TableCell: Sendable {
    public var content: [Inline]
    public var column: Int
    public var alignment: TableAlignment
    public var isHeader: Bool
}

/// A pass over a Markdown tree. `walk` calls `enter` before a node's
/// children and `leave` after them (also when `enter` skipped them), and
/// goes into every child unless `enter` says `.skipChildren`. Every hook
/// has a default that does nothing, so a visitor implements only what it
/// needs, and a node kind added to the tree is walked by every visitor
/// instead of being skipped by a `default:` somewhere.
public protocol MarkdownVisitor {
    mutating func enter(_ block: Block) -> Descent
    mutating func leave(_ block: Block)
    mutating func enter(_ item: ListItem, of list: ListBlock) -> Descent
    mutating func leave(_ item: ListItem, of list: ListBlock)
    mutating func enter(_ row: TableRow) -> Descent
    mutating func leave(_ row: TableRow)
    mutating func enter(_ cell: TableCell) -> Descent
    mutating func leave(_ cell: TableCell)
    mutating func enter(_ inline: Inline) -> Descent
    mutating func leave(_ inline: Inline)
    /// Around an admonition's custom title (its inlines), before its blocks;
    /// called with an empty title too, so a renderer can write the kind's own.
    mutating func enterTitle(of admonition: Admonition) -> Descent
    mutating func leaveTitle(of admonition: Admonition)
}

extension MarkdownVisitor {
    public mutating func enter(_ block: Block) -> Descent { .children }
    public mutating func leave(_ block: Block) {}
    public mutating func enter(_ item: ListItem, of list: ListBlock) -> Descent { .children }
    public mutating func leave(_ item: ListItem, of list: ListBlock) {}
    public mutating func enter(_ row: TableRow) -> Descent { .children }
    public mutating func leave(_ row: TableRow) {}
    public mutating func enter(_ cell: TableCell) -> Descent { .children }
    public mutating func leave(_ cell: TableCell) {}
    public mutating func enter(_ inline: Inline) -> Descent { .children }
    public mutating func leave(_ inline: Inline) {}
    public mutating func enterTitle(of admonition: Admonition) -> Descent { .children }
    public mutating func leaveTitle(of admonition: Admonition) {}
}

// The walker. The switches below are the only ones that must know every
// node kind's children; the converter bounds the depth, so recursion is safe.

extension MarkdownDocument {
    public func walk<V: MarkdownVisitor>(_ visitor: inout V) {
        blocks.walk(&visitor)
    }
}

extension Array where Element == Block {
    public func walk<V: MarkdownVisitor>(_ visitor: inout V) {
        for block in self { block.walk(&visitor) }
    }
}

extension Block {
    public func walk<V: MarkdownVisitor>(_ visitor: inout V) {
        if visitor.enter(self) == .children { walkChildren(&visitor) }
        visitor.leave(self)
    }

    private func walkChildren<V: MarkdownVisitor>(_ visitor: inout V) {
        switch self {
        case .paragraph(let content, _), .heading(_, let content, _, _):
            content.walk(&visitor)
        case .blockQuote(let inner, _):
            inner.walk(&visitor)
        case .list(let list):
            for item in list.items {
                if visitor.enter(item, of: list) == .children { item.blocks.walk(&visitor) }
                visitor.leave(item, of: list)
            }
        case .table(let table):
            table.walkRows(&visitor)
        case .admonition(let admonition):
            if visitor.enterTitle(of: admonition) == .children { admonition.title.walk(&visitor) }
            visitor.leaveTitle(of: admonition)
            admonition.blocks.walk(&visitor)
        case .codeBlock, .thematicBreak, .html:
            return  // leaves: their text is in the node itself
        }
    }
}

extension TableBlock {
    fileprivate func walkRows<V: MarkdownVisitor>(_ visitor: inout V) {
        walkRow(header, index: 0, &visitor)
        for (offset, cells) in rows.enumerated() { walkRow(cells, index: offset + 1, &visitor) }
    }

    private func walkRow<V: MarkdownVisitor>(_ cells: [[Inline]], index: Int, _ visitor: inout V) {
        let row = TableRow(table: self, index: index, cells: cells)
        if visitor.enter(row) == .children {
            for (column, content) in cells.enumerated() {
                let cell = TableCell(content: content, column: column, alignment: alignment(ofColumn: column),
                                     isHeader: row.isHeader)
                if visitor.enter(cell) == .children { content.walk(&visitor) }
                visitor.leave(cell)
            }
        }
        visitor.leave(row)
    }
}

extension Array where Element == Inline {
    public func walk<V: MarkdownVisitor>(_ visitor: inout V) {
        for inline in self { inline.walk(&visitor) }
    }
}

extension Inline {
    public func walk<V: MarkdownVisitor>(_ visitor: inout V) {
        if visitor.enter(self) == .children {
            switch self {
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner),
                 .link(_, _, let inner, _), .image(_, _, let inner, _):
                inner.walk(&visitor)
            case .text, .code, .softBreak, .lineBreak, .html:
                break  // leaves
            }
        }
        visitor.leave(self)
    }
}

// MARK: - Plain text

extension Array where Element == Inline {
    /// The text a reader sees, without markup (used for headings, titles,
    /// slugs and image alt text).
    public var plainText: String {
        var collector = PlainTextCollector()
        walk(&collector)
        return collector.text
    }
}

private struct PlainTextCollector: MarkdownVisitor {
    var text = ""

    mutating func enter(_ inline: Inline) -> Descent {
        switch inline {
        case .text(let s), .code(let s, _), .html(let s): text += s
        case .softBreak, .lineBreak: text += " "
        case .emphasis, .strong, .strikethrough, .link, .image: break  // their text is in their children
        }
        return .children
    }
}
