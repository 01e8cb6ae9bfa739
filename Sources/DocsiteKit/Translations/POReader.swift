import Foundation

/// Reads a gettext PO file. Every problem is an error naming the file, the
/// line and what is wrong; nothing is guessed, so an import either reads the
/// whole catalog or writes nothing.
public enum POReader {
    public static func read(_ data: Data, file: String) throws(DiagnosticsError) -> POFile {
        try parse(TextDecoding.decode(data, file: file), file: file)
    }

    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> POFile {
        var parser = POParser(file: file)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            parser.consume(line, number: index + 1)
        }
        parser.finishEntry()
        return try parser.catalog()
    }
}

/// A line-by-line state machine over PO syntax: comments, keywords with a
/// quoted string, and quoted continuation lines.
struct POParser {
    /// The string a quoted continuation line appends to.
    enum Field { case context, id, plural, translation, previousID, ignored }

    let file: String
    var problems: [Diagnostic] = []
    var entries: [POEntry] = []
    var draft = POEntry(context: nil, id: "", translation: "")
    var hasID = false, hasTranslation = false, started = false
    /// The entry had an error: it is dropped, and its other faults are
    /// not reported again (one message per mistake).
    var broken = false
    var idLine = 0
    var open: Field?

    init(file: String) { self.file = file }

    mutating func consume(_ raw: Substring, number: Int) {
        let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
        let line = raw.dropFirst(indent).trimmingTrailingWhitespace()
        // Blank lines separate entries (every PO writer puts one between them).
        if line.isEmpty {
            if hasTranslation { finishEntry() }
            return
        }
        if line.hasPrefix("#") {
            comment(line, number: number, column: indent + 1)
        } else if line.hasPrefix("\"") {
            continuation(line, number: number, column: indent + 1)
        } else {
            keyword(line, number: number, column: indent + 1)
        }
    }

    mutating func comment(_ line: Substring, number: Int, column: Int) {
        // `#~` lines are obsolete entries: kept by tools for memory, never imported.
        if line.hasPrefix("#~") {
            if hasTranslation { finishEntry() }
            open = nil
            return
        }
        abandonIncomplete(at: number)
        beginEntry(number)
        let kind = line.dropFirst().first
        let body = line.dropFirst(2).trimmingLeadingWhitespace()
        if kind != "|" { open = nil }
        switch kind {
        case ",": draft.flags += body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case ":": draft.references += body.split(whereSeparator: \.isWhitespace).map(String.init)
        case ".": draft.notes.append(String(body))
        case "|": previous(body, number: number, column: column + 3)
        default: break  // a translator's comment: not docsite's to keep
        }
    }

    /// `#| msgid "..."`: the English text a fuzzy entry was translated from.
    mutating func previous(_ body: Substring, number: Int, column: Int) {
        if body.hasPrefix("\"") {
            guard open == .previousID, let text = literal(body, number: number, column: column) else { return }
            draft.previousID = (draft.previousID ?? "") + text
        } else if body.hasPrefix("msgid ") || body.hasPrefix("msgid\t") {
            let value = body.dropFirst(5).trimmingLeadingWhitespace()
            draft.previousID = literal(value, number: number, column: column + body.count - value.count)
            open = .previousID
        } else {
            open = .ignored  // `#| msgctxt`, `#| msgid_plural`: not needed to import
        }
    }

    mutating func continuation(_ line: Substring, number: Int, column: Int) {
        guard let field = open, field != .previousID else {
            error(number, column, "a quoted line must continue a msgctxt, msgid or msgstr")
            return
        }
        guard let text = literal(line, number: number, column: column) else { return }
        append(text, to: field)
    }

    mutating func append(_ text: String, to field: Field) {
        switch field {
        case .context: draft.context = (draft.context ?? "") + text
        case .id: draft.id += text
        case .translation: draft.translation += text
        case .plural, .previousID, .ignored: break
        }
    }

    mutating func keyword(_ line: Substring, number: Int, column: Int) {
        let name = line.prefix { !$0.isWhitespace && $0 != "\"" }
        let value = line.dropFirst(name.count).trimmingLeadingWhitespace()
        let valueColumn = column + line.count - value.count
        switch name {
        case "msgctxt":
            abandonIncomplete(at: number)
            beginEntry(number)
            guard draft.context == nil else { return error(number, column, "msgctxt must come once, before the msgid of its entry") }
            draft.context = ""
            set(.context, value, number, valueColumn)
        case "msgid":
            abandonIncomplete(at: number)
            beginEntry(number)
            hasID = true
            idLine = number
            set(.id, value, number, valueColumn)
        case "msgid_plural":
            guard hasID, !hasTranslation else { return error(number, column, "msgid_plural must follow a msgid") }
            draft.isPlural = true
            set(.plural, value, number, valueColumn)
        case "msgstr":
            guard hasID else { return error(number, column, "msgstr without a msgid before it") }
            guard !hasTranslation else { return error(number, column, "a second msgstr for the msgid at line \(idLine)") }
            guard !draft.isPlural else { return error(number, column, "the msgid at line \(idLine) has a msgid_plural: its translations are msgstr[0], msgstr[1], ...") }
            hasTranslation = true
            set(.translation, value, number, valueColumn)
        default:
            guard name.hasPrefix("msgstr["), name.hasSuffix("]"), Int(name.dropFirst(7).dropLast()) != nil else {
                return error(number, column, "unknown keyword '\(name)': expected msgctxt, msgid, msgid_plural or msgstr")
            }
            guard draft.isPlural else { return error(number, column, "\(name) without a msgid_plural before it") }
            hasTranslation = true
            // Plural entries are refused at import; their first form is kept for the message.
            set(name == "msgstr[0]" ? .translation : .ignored, value, number, valueColumn)
        }
    }

    mutating func set(_ field: Field, _ value: Substring, _ number: Int, _ column: Int) {
        open = field
        guard let text = literal(value, number: number, column: column) else { return }
        append(text, to: field)
    }

    /// A comment or msgctxt/msgid after a complete entry starts the next one.
    mutating func beginEntry(_ number: Int) {
        if hasTranslation { finishEntry() }
        if !started {
            started = true
            draft.line = number
        }
    }

    /// A msgid still waiting for its msgstr when the next entry starts.
    mutating func abandonIncomplete(at number: Int) {
        guard hasID && !hasTranslation else { return }
        if !broken { error(number, nil, "the msgid at line \(idLine) has no msgstr") }
        reset()
    }

    mutating func finishEntry() {
        if hasID && !hasTranslation && !broken { error(idLine, nil, "the msgid at line \(idLine) has no msgstr") }
        if hasID && hasTranslation && !broken { entries.append(draft) }
        reset()
    }

    mutating func reset() {
        draft = POEntry(context: nil, id: "", translation: "")
        hasID = false
        hasTranslation = false
        started = false
        broken = false
        open = nil
    }

    mutating func error(_ line: Int, _ column: Int?, _ message: String) {
        problems.append(.error(.poSyntax, file: file, line: line, column: column, message))
        broken = true
    }

    /// A C string literal: the escapes gettext knows; octal and hex escapes
    /// are bytes, so the result is checked to be UTF-8.
    mutating func literal(_ text: Substring, number: Int, column: Int) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "\"" else {
            error(number, column, "expected a quoted string")
            return nil
        }
        var bytes: [UInt8] = []
        var index = 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" {
                if let junk = scalars[(index + 1)...].firstIndex(where: { !CharacterSet.whitespaces.contains($0) }) {
                    error(number, column + junk, "text after the closing quote")
                    return nil
                }
                guard let value = String(validating: bytes, as: UTF8.self) else {
                    error(number, column, "the escapes in this string do not form UTF-8 text")
                    return nil
                }
                return value
            }
            if scalar == "\\" {
                guard let next = escape(scalars, &index, &bytes) else {
                    let shown = index + 1 < scalars.count ? String(scalars[index + 1]) : ""
                    error(number, column + index, "unknown escape '\\\(shown)': use \\\\, \\\", \\n or \\t")
                    return nil
                }
                index = next
                continue
            }
            bytes += Array(String(scalar).utf8)
            index += 1
        }
        error(number, column, "the string is not closed: a '\"' is missing at the end of the line")
        return nil
    }

    /// Appends the bytes of the escape at `index` (the backslash); returns
    /// the index after it, or nil for an escape C does not have.
    func escape(_ scalars: [Unicode.Scalar], _ index: inout Int, _ bytes: inout [UInt8]) -> Int? {
        guard index + 1 < scalars.count else { return nil }
        let simple: [Unicode.Scalar: UInt8] = ["n": 0x0A, "t": 0x09, "r": 0x0D, "\\": 0x5C, "\"": 0x22, "'": 0x27,
                                               "?": 0x3F, "a": 0x07, "b": 0x08, "f": 0x0C, "v": 0x0B]
        let kind = scalars[index + 1]
        if let byte = simple[kind] {
            bytes.append(byte)
            return index + 2
        }
        let octal = scalars[(index + 1)...].prefix(3).prefix { ("0"..."7").contains($0) }
        if !octal.isEmpty {
            guard let value = UInt8(String(String.UnicodeScalarView(octal)), radix: 8) else { return nil }
            bytes.append(value)
            return index + 1 + octal.count
        }
        if kind == "x" {
            let hex = scalars[(index + 2)...].prefix { $0.properties.isASCIIHexDigit }
            guard !hex.isEmpty, hex.count <= 2, let value = UInt8(String(String.UnicodeScalarView(hex)), radix: 16) else { return nil }
            bytes.append(value)
            return index + 2 + hex.count
        }
        return nil
    }

    /// The header is the first entry with an empty msgid and no msgctxt.
    func catalog() throws(DiagnosticsError) -> POFile {
        var problems = self.problems
        var body = entries
        var header: [POHeaderField] = []
        var headerLine = 0
        if let first = body.first, first.context == nil, first.id.isEmpty {
            headerLine = first.line
            header = Self.headerFields(first.translation)
            body.removeFirst()
        }
        var seen: [String: Int] = [:]
        for entry in body {
            if entry.context == nil && entry.id.isEmpty {
                problems.append(.error(.poSyntax, file: file, line: entry.line, "an empty msgid is the header and must be the first entry"))
            }
            let key = "\(entry.context ?? "")\u{4}\(entry.context == nil)\u{4}\(entry.id)"
            if let earlier = seen[key] {
                problems.append(.error(.poSyntax, file: file, line: entry.line, "the same msgctxt and msgid as the entry at line \(earlier)"))
            }
            seen[key] = seen[key] ?? entry.line
        }
        if let type = header.first(where: { $0.name.lowercased() == "content-type" })?.value,
           let charset = type.range(of: "charset=", options: .caseInsensitive).map({ type[$0.upperBound...].prefix { !$0.isWhitespace && $0 != ";" } }),
           !["utf-8", "utf8"].contains(charset.lowercased()) {
            problems.append(.error(.poSyntax, file: file, line: headerLine,
                                   "the header declares charset=\(charset); docsite reads UTF-8 PO files only (save as UTF-8 and set charset=UTF-8)"))
        }
        if problems.hasErrors { throw DiagnosticsError(problems) }
        var file = POFile(header: header, entries: body)
        file.headerLine = headerLine
        return file
    }

    static func headerFields(_ text: String) -> [POHeaderField] {
        text.split(separator: "\n").compactMap { (line: Substring) -> POHeaderField? in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return POHeaderField(parts[0].trimmingCharacters(in: .whitespaces), parts[1].trimmingCharacters(in: .whitespaces))
        }
    }
}

extension Substring {
    func trimmingLeadingWhitespace() -> Substring { drop { $0 == " " || $0 == "\t" } }
    func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[startIndex..<end]
    }
}
