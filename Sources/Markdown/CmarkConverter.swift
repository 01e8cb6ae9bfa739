internal import CCmarkGFM
import Foundation

/// Parses Markdown with cmark-gfm and converts cmark's tree into `Block`s.
/// This file is the only place that calls `cmark_*`; every node is freed here.
public enum MarkdownParser {
    /// Containers nested deeper than this are flattened to text, so hostile
    /// input (thousands of nested lists or quotes) cannot exhaust the stack.
    public static let maximumNesting = 64

    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Parses `text` (without front matter). `firstLine` is the line of the
    /// file on which `text` starts, so node lines refer to the whole file.
    public static func parse(_ text: String, firstLine: Int = 1) -> MarkdownDocument {
        _ = registerExtensions
        // SOURCEPOS changes no parse, only positions: without it cmark does
        // not count the newlines inside a code span or inline HTML, and every
        // link after one on that paragraph got the line above its own.
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS) else {
            return MarkdownDocument(blocks: [.paragraph([.text(text)], at: SourcePosition(line: firstLine, column: 1))])
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            return MarkdownDocument(blocks: [])
        }
        defer { cmark_node_free(root) }
        // Made after the feed: sharing `utf8` earlier would make the
        // mutable access above copy the whole page.
        var converter = Converter(lines: LineTable(utf8), lineOffset: firstLine - 1)
        let blocks = converter.blocks(under: root, depth: 0, parent: converter.start)
        return MarkdownDocument(blocks: blocks, flattened: converter.flattened)
    }
}

/// Byte offsets where the lines of the parsed text start, to turn cmark's
/// byte columns into scalar columns. Lines end where cmark ends them: at
/// `\n`, `\r\n` or a lone `\r`.
struct LineTable {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [0] }
            // memchr: this runs over every byte of every page.
            return memchr(base, 0x0D, buffer.count) == nil
                ? Self.lineFeedStarts(base, buffer.count) : Self.anyEndingStarts(buffer)
        }
    }

    private static func lineFeedStarts(_ base: UnsafePointer<UInt8>, _ count: Int) -> [Int] {
        var starts = [0]
        var offset = 0
        while offset < count, let found = memchr(base + offset, 0x0A, count - offset) {
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            starts.append(offset)
        }
        return starts
    }

    private static func anyEndingStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                starts.append(index + 1)
            }
        }
        return starts
    }

    /// The scalar column of cmark's 1-based `line` and byte `column`.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= starts.count, byteColumn > 1 else { return max(byteColumn, 1) }
        let start = starts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        var column = 1
        // Every scalar has exactly one byte that is not a continuation byte.
        for index in start..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

private struct Converter {
    let lines: LineTable
    let lineOffset: Int
    var flattened: SourcePosition?

    init(lines: LineTable, lineOffset: Int) {
        self.lines = lines
        self.lineOffset = lineOffset
    }

    /// The body's first character: the position of anything cmark cannot place.
    var start: SourcePosition { SourcePosition(line: lineOffset + 1, column: 1) }

    func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// cmark's start of `node` in the file, or `parent` when cmark leaves
    /// it unplaced (line 0: bare-URL autolinks, breaks, plain text).
    func position(_ node: OpaquePointer, parent: SourcePosition) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0 else { return parent }
        let column = lines.scalarColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)))
        return SourcePosition(line: line + lineOffset, column: column)
    }

    func literal(_ node: OpaquePointer) -> String {
        guard let cString = cmark_node_get_literal(node) else { return "" }
        return String(cString: cString)
    }

    func typeName(_ node: OpaquePointer) -> String {
        guard let cString = cmark_node_get_type_string(node) else { return "" }
        return String(cString: cString)
    }

    mutating func blocks(under node: OpaquePointer, depth: Int, parent: SourcePosition) -> [Block] {
        children(of: node).compactMap { block($0, depth: depth, parent: parent) }
    }

    mutating func block(_ node: OpaquePointer, depth: Int, parent: SourcePosition) -> Block? {
        let at = position(node, parent: parent)
        if depth >= MarkdownParser.maximumNesting {
            flattened = flattened ?? at
            return .paragraph([.text(flatText(node))], at: at)
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(under: node, depth: depth, parent: at), at: at)
        case CMARK_NODE_HEADING:
            let (content, id) = splitExplicitID(inlines(under: node, depth: depth, parent: at))
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: content,
                            explicitID: id, at: at)
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .codeBlock(info: FenceInfo(parsing: info), code: literal(node), at: at)
        case CMARK_NODE_BLOCK_QUOTE:
            let inner = blocks(under: node, depth: depth + 1, parent: at)
            return Admonition.recognize(inner, at: at).map(Block.admonition) ?? .blockQuote(inner, at: at)
        case CMARK_NODE_LIST:
            return .list(list(node, depth: depth, at: at))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(at: at)
        case CMARK_NODE_HTML_BLOCK:
            return .html(literal(node), at: at)
        default:
            if typeName(node) == "table" { return .table(table(node, depth: depth, at: at)) }
            // Unknown block kinds keep their text rather than vanish.
            let text = flatText(node)
            return text.isEmpty ? nil : .paragraph([.text(text)], at: at)
        }
    }

    mutating func list(_ node: OpaquePointer, depth: Int, at: SourcePosition) -> ListBlock {
        let items = children(of: node).map { item -> ListItem in
            let isTask = typeName(item) == "tasklist"
            let checked = isTask ? cmark_gfm_extensions_get_tasklist_item_checked(item) : false
            let itemAt = position(item, parent: at)
            return ListItem(blocks: blocks(under: item, depth: depth + 1, parent: itemAt), task: isTask ? checked : nil,
                            position: itemAt)
        }
        return ListBlock(
            ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            start: Int(cmark_node_get_list_start(node)),
            tight: cmark_node_get_list_tight(node) != 0,
            items: items,
            position: at)
    }

    mutating func table(_ node: OpaquePointer, depth: Int, at: SourcePosition) -> TableBlock {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [TableAlignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columns {
                switch UInt8(raw[index]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(under: $0, depth: depth, parent: position($0, parent: at)) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return TableBlock(alignments: alignments, header: header, rows: rows, position: at)
    }

    mutating func inlines(under node: OpaquePointer, depth: Int, parent: SourcePosition) -> [Inline] {
        children(of: node).compactMap { inline($0, depth: depth + 1, parent: parent) }
    }

    mutating func inline(_ node: OpaquePointer, depth: Int, parent: SourcePosition) -> Inline? {
        if depth >= MarkdownParser.maximumNesting * 2 {
            flattened = flattened ?? position(node, parent: parent)
            return .text(flatText(node))
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_CODE: return .code(literal(node), at: position(node, parent: parent))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_HTML_INLINE: return .html(literal(node))
        case CMARK_NODE_EMPH: return .emphasis(inlines(under: node, depth: depth, parent: parent))
        case CMARK_NODE_STRONG: return .strong(inlines(under: node, depth: depth, parent: parent))
        case CMARK_NODE_LINK:
            let at = position(node, parent: parent)
            return .link(destination: url(node), title: title(node),
                         content: inlines(under: node, depth: depth, parent: at), at: at)
        case CMARK_NODE_IMAGE:
            let at = position(node, parent: parent)
            return .image(source: url(node), title: title(node),
                          alt: inlines(under: node, depth: depth, parent: at), at: at)
        default:
            if typeName(node) == "strikethrough" {
                return .strikethrough(inlines(under: node, depth: depth, parent: parent))
            }
            let text = flatText(node)
            return text.isEmpty ? nil : .text(text)
        }
    }

    func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    func title(_ node: OpaquePointer) -> String {
        cmark_node_get_title(node).map { String(cString: $0) } ?? ""
    }

    /// All literal text below `node`, collected with cmark's iterator
    /// (no recursion, so any depth is safe). The iterator visits every
    /// node; containers (lists, emphasis, links…) add nothing themselves.
    func flatText(_ node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var out = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if Self.literalTypes.contains(type) {
                out += literal(current)
            } else if Self.separatingTypes.contains(type), !out.isEmpty, !out.hasSuffix(" ") {
                out += " "
            }
        }
        return out
    }

    /// Nodes whose text is their literal.
    static let literalTypes = [CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK,
                               CMARK_NODE_HTML_BLOCK]
    /// Nodes that stand between two words: one space for each.
    static let separatingTypes = [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING]
}

/// Splits a trailing `{#id}` off a heading (Hugo and Docusaurus syntax).
/// Works on UTF-8 bytes: Foundation's `range(of:)` made this a tenth of parsing.
func splitExplicitID(_ content: [Inline]) -> ([Inline], String?) {
    guard case .text(let last)? = content.last else { return (content, nil) }
    let bytes = Array(last.utf8)
    var end = bytes.count
    while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard end >= 3, bytes[end - 1] == UInt8(ascii: "}") else { return (content, nil) }
    var open = end - 3
    while open >= 0, !(bytes[open] == UInt8(ascii: "{") && bytes[open + 1] == UInt8(ascii: "#")) { open -= 1 }
    guard open >= 0 else { return (content, nil) }
    let id = String(decoding: bytes[(open + 2)..<(end - 1)], as: UTF8.self)
    guard !id.isEmpty, id.unicodeScalars.allSatisfy(isExplicitIDScalar) else { return (content, nil) }
    var restEnd = open
    while restEnd > 0, bytes[restEnd - 1] == 0x20 { restEnd -= 1 }
    var result = Array(content.dropLast())
    if restEnd > 0 { result.append(.text(String(decoding: bytes[..<restEnd], as: UTF8.self))) }
    return (result, id)
}

/// Letters, marks and numbers of any script (what `CharacterSet.alphanumerics`
/// holds) and `-_.:`.
private func isExplicitIDScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "-", "_", ".", ":", "0"..."9", "a"..."z", "A"..."Z": return true
    default:
        guard !scalar.isASCII else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
