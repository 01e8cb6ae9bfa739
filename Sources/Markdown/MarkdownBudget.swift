/// Limits checked on a page's Markdown before cmark-gfm sees it (issue 17,
/// ADR 0014). Debian's cmark-gfm 0.29.0.gfm.6 predates upstream's fixes
/// for several inputs whose cost grows with the square of their size, and
/// GFM tables and reference links multiply output: each of these is
/// bounded here, in one linear pass, and what exceeds a budget is reported
/// at its line instead of being parsed.
public struct MarkdownBudget: Sendable {
    /// Bytes of one page (the 5 MB pages of the hostile-input tests fit).
    public var maxBytes = 8 << 20
    /// Columns of one table, and cells (columns × rows): the table
    /// extension pads every row to the header's width.
    public var maxTableColumns = 1_000
    public var maxTableCells = 100_000
    /// Openers cmark 0.29.0.gfm.6 rescans to the end of the paragraph when
    /// they are not closed: `![` (image-link floods), `<?` (processing
    /// instructions), `<![CDATA[`. Counted per page.
    public var maxQuadraticOpeners = 2_000
    /// Characters that can start an inline node (`[ ] ! * _ ` < & \ ~`):
    /// cmark makes a node for each, about 200 bytes of memory apiece, so a
    /// page of nothing but `[a] ` took 1.4 GB at 8 MB.
    public var maxInlineMarkers = 250_000
    /// Bytes that reference links may copy into the page: a definition's
    /// destination and title are repeated at every use.
    public var maxReferenceExpansion = 16 << 20
    /// Bytes of one rendered page (checked after rendering, the last guard).
    public var maxOutputBytes = 32 << 20

    public init() {}

    public static let standard = MarkdownBudget()

    public struct Excess: Error, Equatable, Sendable {
        /// 1-based line of the text that was checked.
        public var line: Int
        public var message: String
    }

    /// The first budget `text` exceeds, or nil.
    public func check(_ text: String) -> Excess? {
        let bytes = Array(text.utf8)
        if bytes.count > maxBytes {
            return Excess(line: 1, message: "the page is \(megabytes(bytes.count)), over the \(megabytes(maxBytes)) budget for one page; split it")
        }
        var scan = Scan(budget: self)
        return scan.run(bytes)
    }

    public func megabytes(_ count: Int) -> String {
        count >= 1 << 20 ? "\(count * 10 / (1 << 20) / 10).\(count * 10 / (1 << 20) % 10) MB" : "\(count / 1024) KB"
    }
}

/// The single pass: lines for tables and reference definitions, bytes for
/// the openers and for bracketed labels (reference uses).
private struct Scan {
    let budget: MarkdownBudget
    var openers: [String: (count: Int, firstLine: Int)] = [:]
    var markers = 0
    /// Normalised label (hashed) -> (bytes copied per use, line of the definition).
    var definitions: [Int: (size: Int, line: Int)] = [:]
    /// Bracketed texts that could use a definition, by normalised label (hashed).
    var labelUses: [Int: Int] = [:]
    var table: (columns: Int, rows: Int, line: Int)?

    init(budget: MarkdownBudget) { self.budget = budget }

    mutating func run(_ bytes: [UInt8]) -> MarkdownBudget.Excess? {
        var line = 1
        var start = 0
        var previous: ArraySlice<UInt8> = []
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let current = bytes[start..<end]
            if let excess = lineChecks(current, previous: previous, line: line) { return excess }
            if let excess = byteChecks(current, line: line) { return excess }
            previous = current
            line += 1
            start = end + 1
        }
        return referenceExpansion()
    }

    // MARK: Tables

    mutating func lineChecks(_ text: ArraySlice<UInt8>, previous: ArraySlice<UInt8>, line: Int) -> MarkdownBudget.Excess? {
        let content = Self.stripContainers(text)
        if var open = table {
            if content.isEmpty {
                table = nil
            } else {
                open.rows += 1
                table = open
                if open.columns * open.rows > budget.maxTableCells {
                    return MarkdownBudget.Excess(line: open.line, message: "the table starting here has \(open.columns) columns and more than \(open.rows) rows: "
                        + "over the budget of \(budget.maxTableCells) cells per table (cmark-gfm pads every row to the header's width); split it")
                }
            }
        } else if let columns = Self.delimiterColumns(content), previous.contains(UInt8(ascii: "|")) || content.contains(UInt8(ascii: "|")) {
            if columns > budget.maxTableColumns {
                return MarkdownBudget.Excess(line: line - 1, message: "the table has \(columns) columns, over the budget of \(budget.maxTableColumns)")
            }
            table = (columns, 2, line - 1)
        }
        recordDefinition(content, line: line)
        return nil
    }

    /// Leading blank space and blockquote markers (tables nest in quotes and lists).
    static func stripContainers(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = text
        while let first = rest.first, first == 0x20 || first == 0x09 || first == UInt8(ascii: ">") { rest = rest.dropFirst() }
        while let last = rest.last, last == 0x20 || last == 0x09 || last == 0x0D { rest = rest.dropLast() }
        return rest
    }

    /// Cells of a GFM delimiter row (`| --- | :-: |`), or nil if it is not one.
    static func delimiterColumns(_ text: ArraySlice<UInt8>) -> Int? {
        guard text.contains(UInt8(ascii: "-")) else { return nil }
        var cells = 0
        var inCell = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "|"): if inCell { cells += 1 }; inCell = false
            case UInt8(ascii: "-"), UInt8(ascii: ":"): inCell = true
            case 0x20, 0x09: continue
            default: return nil
            }
        }
        if inCell { cells += 1 }
        return cells > 0 ? cells : nil
    }

    // MARK: Openers and labels

    mutating func byteChecks(_ text: ArraySlice<UInt8>, line: Int) -> MarkdownBudget.Excess? {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if Self.isMarker[Int(byte)] {
                markers += 1
                if markers > budget.maxInlineMarkers {
                    return MarkdownBudget.Excess(line: line, message: "more than \(budget.maxInlineMarkers) Markdown markers ([ ] ! * _ ` < & \\ ~) on this page by this line: "
                        + "over the budget for one page (each becomes a node in memory); split the page")
                }
            }
            if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "<") {
                for opener in Self.openers where text[index...].starts(with: opener.bytes) {
                    if let excess = count(opener.name, line: line) { return excess }
                }
            } else if byte == UInt8(ascii: "[") {
                // A label runs to the next bracket, so the bytes of a line are
                // looked at at most twice (here and by this loop).
                let close = text[(index + 1)...].firstIndex { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") } ?? text.endIndex
                if close < text.endIndex, text[close] == UInt8(ascii: "]"), close - index <= 1000 {
                    labelUses[Self.normalise(text[(index + 1)..<close]), default: 0] += 1
                }
            }
            index += 1
        }
        return nil
    }

    static let isMarker: [Bool] = (0..<256).map { Array("[]!*_`<&\\~".utf8).contains(UInt8($0)) }

    static let openers: [(name: String, bytes: [UInt8])] = [
        ("![", Array("![".utf8)), ("<?", Array("<?".utf8)), ("<![CDATA[", Array("<![CDATA[".utf8)),
    ]

    mutating func count(_ name: String, line: Int) -> MarkdownBudget.Excess? {
        var entry = openers[name] ?? (0, line)
        entry.count += 1
        openers[name] = entry
        guard entry.count > budget.maxQuadraticOpeners else { return nil }
        return MarkdownBudget.Excess(line: entry.firstLine, message: "more than \(budget.maxQuadraticOpeners) '\(name)' on this page (the first here): "
            + "cmark-gfm 0.29.0.gfm.6 takes time growing with the square of their number; split the page")
    }

    // MARK: Reference links

    /// `[label]: destination "title"` at the start of a line (up to three spaces).
    mutating func recordDefinition(_ content: ArraySlice<UInt8>, line: Int) {
        guard content.first == UInt8(ascii: "["), let close = content.firstIndex(of: UInt8(ascii: "]")),
              content.index(after: close) < content.endIndex, content[content.index(after: close)] == UInt8(ascii: ":") else { return }
        let label = Self.normalise(content[(content.startIndex + 1)..<close])
        let size = content.endIndex - close
        if definitions[label] == nil { definitions[label] = (size, line) }  // the first definition wins
    }

    /// Case-folded (ASCII) with inner blank space collapsed, as labels
    /// match, then hashed: a page may hold millions of brackets.
    static func normalise(_ label: ArraySlice<UInt8>) -> Int {
        var hasher = Hasher()
        var started = false, space = false
        for byte in label {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A { space = started; continue }
            if space { hasher.combine(UInt8(0x20)); space = false }
            hasher.combine(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            started = true
        }
        return hasher.finalize()
    }

    func referenceExpansion() -> MarkdownBudget.Excess? {
        var total = 0
        var worst: (label: Int, bytes: Int)?
        for (label, count) in labelUses {
            guard let definition = definitions[label] else { continue }
            total += count * definition.size
            if count * definition.size > worst?.bytes ?? 0 { worst = (label, count * definition.size) }
        }
        guard total > budget.maxReferenceExpansion, let worst, let definition = definitions[worst.label] else { return nil }
        return MarkdownBudget.Excess(line: definition.line, message: "reference links would copy \(budget.megabytes(total)) into the page, over the budget of "
            + "\(budget.megabytes(budget.maxReferenceExpansion)): the definition here (\(definition.size) bytes) is used \(labelUses[worst.label] ?? 0) times")
    }
}
