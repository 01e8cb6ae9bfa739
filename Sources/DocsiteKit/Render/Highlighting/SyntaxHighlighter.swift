/// Build-time syntax highlighting for the languages the docs use: YAML,
/// shell (bash, sh, shell, console), Python, Dockerfile and JSON.
///
/// Every lexer is a hand-written single pass over the UTF-8 bytes, so the
/// cost is linear in the code size and there is no regex to blow up. All
/// output goes through `MarkupWriter`, which only ever emits the bytes from
/// its current position up to a later one: characters cannot be dropped or
/// reordered, and every `<`, `>` and `&` of the code is escaped.
public struct SyntaxHighlighter: Sendable {
    public init() {}

    /// Escaped HTML with `<span class="tok-…">` tokens, or nil for a
    /// language without a lexer (the caller then escapes plain text).
    public func highlight(code: String, language: String) -> String? {
        guard let lexer = Lexer(language: language) else { return nil }
        var code = code
        return code.withUTF8 { bytes in
            var writer = MarkupWriter(input: bytes)
            lexer.run(&writer)
            writer.finish()
            return String(decoding: writer.output, as: UTF8.self)
        }
    }

    /// The language names (and aliases) that get highlighted.
    public static let languages: Set<String> = [
        "yaml", "yml", "bash", "sh", "shell", "console", "python", "py", "dockerfile", "docker", "json",
    ]
}

// Helper types are nested so their short names cannot clash with the
// rest of the module.
extension SyntaxHighlighter {
    fileprivate enum Lexer {
        case yaml, shell, console, python, dockerfile, json

        init?(language: String) {
            // Info strings may carry more words (`yaml title=x`); the first names the language.
            let name = language.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," })
                .first.map { $0.lowercased() } ?? ""
            switch name {
            case "yaml", "yml": self = .yaml
            case "bash", "sh", "shell": self = .shell
            case "console": self = .console
            case "python", "py": self = .python
            case "dockerfile", "docker": self = .dockerfile
            case "json": self = .json
            default: return nil
            }
        }

        func run(_ writer: inout MarkupWriter) {
            switch self {
            case .yaml: YAMLLexer().run(&writer)
            case .shell: ShellLexer(console: false, stopAtLineEnd: false).run(&writer)
            case .console: ShellLexer(console: true, stopAtLineEnd: false).run(&writer)
            case .python: PythonLexer().run(&writer)
            case .dockerfile: DockerfileLexer().run(&writer)
            case .json: JSONLexer().run(&writer)
            }
        }
    }

    // MARK: - Output

    fileprivate enum TokenKind {
        case key, string, comment, number, keyword

        var openTag: [UInt8] {
            switch self {
            case .key: return MarkupWriter.keyTag
            case .string: return MarkupWriter.stringTag
            case .comment: return MarkupWriter.commentTag
            case .number: return MarkupWriter.numberTag
            case .keyword: return MarkupWriter.keywordTag
            }
        }
    }

    /// Appends the input, in order, as escaped HTML. Lexers read ahead freely
    /// but can only write by moving `position` forward.
    fileprivate struct MarkupWriter {
        static let keyTag = Array(#"<span class="tok-key">"#.utf8)
        static let stringTag = Array(#"<span class="tok-str">"#.utf8)
        static let commentTag = Array(#"<span class="tok-com">"#.utf8)
        static let numberTag = Array(#"<span class="tok-num">"#.utf8)
        static let keywordTag = Array(#"<span class="tok-kw">"#.utf8)
        static let closeTag = Array("</span>".utf8)
        static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)

        let input: UnsafeBufferPointer<UInt8>
        private(set) var position = 0
        private(set) var output: [UInt8] = []

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            output.reserveCapacity(input.count + input.count / 2 + 64)
        }

        var count: Int { input.count }
        var atEnd: Bool { position >= input.count }

        /// The byte at `index`, or 0 past the end (0 matches no lexer rule).
        subscript(index: Int) -> UInt8 { index >= 0 && index < input.count ? input[index] : 0 }

        /// Writes input[position..<end] as plain text or as one token.
        mutating func emit(_ kind: TokenKind?, upTo end: Int) {
            let end = min(end, input.count)
            guard end > position else { return }
            if let kind {
                output.append(contentsOf: kind.openTag)
                appendEscaped(position..<end)
                output.append(contentsOf: Self.closeTag)
            } else {
                appendEscaped(position..<end)
            }
            position = end
        }

        /// Writes one whole character as plain text: the fallback that keeps
        /// every lexer loop moving and never splits a UTF-8 sequence.
        mutating func emitCharacter() {
            emit(nil, upTo: scalarEnd(from: position))
        }

        /// Runs `step` until the input ends; a step that takes nothing
        /// passes one character through, so every lexer makes progress.
        static func scan(_ w: inout MarkupWriter, _ step: (inout MarkupWriter) -> Void) {
            while !w.atEnd {
                let start = w.position
                step(&w)
                if w.position == start { w.emitCharacter() }
            }
        }

        func scalarEnd(from index: Int) -> Int {
            var end = index + 1
            while end < input.count && input[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }

        mutating func finish() { emit(nil, upTo: input.count) }

        private mutating func appendEscaped(_ range: Range<Int>) {
            var runStart = range.lowerBound
            for index in range {
                let entity: [UInt8]
                switch input[index] {
                case UInt8(ascii: "&"): entity = Self.amp
                case UInt8(ascii: "<"): entity = Self.lt
                case UInt8(ascii: ">"): entity = Self.gt
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                output.append(contentsOf: entity)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<range.upperBound]))
        }
    }

    // MARK: - Shared scanning helpers

    /// Byte classes. Every byte >= 0x80 belongs to the same classes, so a run
    /// never ends inside a multi-byte character.
    fileprivate enum Bytes {
        static let newline = UInt8(ascii: "\n")
        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let cr = UInt8(ascii: "\r")
        static let hash = UInt8(ascii: "#")
        static let backslash = UInt8(ascii: "\\")
        static let doubleQuote = UInt8(ascii: "\"")
        static let singleQuote = UInt8(ascii: "'")
        static let colon = UInt8(ascii: ":")

        static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == cr }
        static func isWhitespace(_ byte: UInt8) -> Bool { isBlank(byte) || byte == newline }
        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        static func isIdentifier(_ byte: UInt8) -> Bool {
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        static func lowercased(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }
    }


    /// A small set of ASCII words compared byte by byte, so a lookup allocates
    /// nothing.
    fileprivate struct WordSet {
        private let byLength: [Int: [[UInt8]]]
        private let caseInsensitive: Bool

        init(_ words: [String], caseInsensitive: Bool = false) {
            self.caseInsensitive = caseInsensitive
            var byLength: [Int: [[UInt8]]] = [:]
            for word in words {
                let bytes = Array((caseInsensitive ? word.lowercased() : word).utf8)
                byLength[bytes.count, default: []].append(bytes)
            }
            self.byLength = byLength
        }

        func contains(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            guard let candidates = byLength[range.count] else { return false }
            return candidates.contains { word in
                var offset = 0
                for index in range {
                    let byte = caseInsensitive ? Bytes.lowercased(input[index]) : input[index]
                    if byte != word[offset] { return false }
                    offset += 1
                }
                return true
            }
        }
    }

    // MARK: - JSON

    fileprivate struct JSONLexer {
        static let literals = WordSet(["true", "false", "null"])

        func run(_ w: inout MarkupWriter) {
            MarkupWriter.scan(&w, step)
        }

        private func step(_ w: inout MarkupWriter) {
            let index = w.position
            let byte = w[index]
            switch byte {
            case Bytes.doubleQuote:
                let end = w.quotedEnd(from: index, escapes: true, multiline: false)
                // A string followed by `:` is an object key.
                let next = w.skip(from: end, while: Bytes.isWhitespace)
                w.emit(w[next] == Bytes.colon ? .key : .string, upTo: end)
            case UInt8(ascii: "/") where w[index + 1] == UInt8(ascii: "/"):
                w.emit(.comment, upTo: w.lineEnd(from: index))
            case UInt8(ascii: "/") where w[index + 1] == UInt8(ascii: "*"):
                w.emit(.comment, upTo: blockCommentEnd(w, from: index + 2))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let end = w.skip(from: index + 1) { Bytes.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e")
                    || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
                w.emit(byte == UInt8(ascii: "-") && end == index + 1 ? nil : .number, upTo: end)
            case _ where Bytes.isIdentifier(byte):
                let end = w.skip(from: index, while: Bytes.isIdentifier)
                w.emit(w.matches(index..<end, Self.literals) ? .keyword : nil, upTo: end)
            default:
                w.emitCharacter()
            }
        }

        private func blockCommentEnd(_ w: MarkupWriter, from index: Int) -> Int {
            var index = index
            while index < w.count {
                if w[index] == UInt8(ascii: "*") && w[index + 1] == UInt8(ascii: "/") { return index + 2 }
                index += 1
            }
            return w.count
        }
    }

    // MARK: - YAML

    /// Line-oriented: indentation, sequence dashes, an optional key, then a
    /// value. Block scalars (`|`, `>`) make the more-indented lines after them
    /// string content, where `#` is not a comment.
    fileprivate struct YAMLLexer {
        static let literals = WordSet(["true", "false", "null", "yes", "no", "on", "off", "~"], caseInsensitive: true)
        static let specialFloats = WordSet(["inf", "nan"], caseInsensitive: true)

        private struct State {
            var blockScalarParentIndent: Int?
            var flowDepth = 0
        }

        func run(_ w: inout MarkupWriter) {
            var state = State()
            while !w.atEnd {
                let lineEnd = w.lineEnd(from: w.position)
                line(&w, end: lineEnd, state: &state)
                w.emit(nil, upTo: lineEnd + 1)
            }
        }

        private func line(_ w: inout MarkupWriter, end: Int, state: inout State) {
            let start = w.position
            let contentStart = w.skip(from: start) { $0 == Bytes.space }
            let indent = contentStart - start
            if let parent = state.blockScalarParentIndent {
                let blank = w.skip(from: contentStart, while: Bytes.isBlank) >= end
                if blank { return w.emit(nil, upTo: end) }
                if indent > parent {
                    w.emit(nil, upTo: contentStart)
                    return w.emit(.string, upTo: end)
                }
                state.blockScalarParentIndent = nil
            }
            w.emit(nil, upTo: contentStart)
            if state.flowDepth > 0 { return value(&w, end: end, indent: indent, state: &state) }
            if w[contentStart] == Bytes.hash { return w.emit(.comment, upTo: end) }
            if isDocumentMarker(w, at: contentStart, end: end) { w.emit(nil, upTo: contentStart + 3) }
            sequenceIndicators(&w, end: end)
            _ = key(&w, end: end)
            value(&w, end: end, indent: indent, state: &state)
        }

        private func isDocumentMarker(_ w: MarkupWriter, at index: Int, end: Int) -> Bool {
            let byte = w[index]
            guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
            guard w[index + 1] == byte && w[index + 2] == byte else { return false }
            return index + 3 >= end || Bytes.isBlank(w[index + 3])
        }

        /// `- ` and `? ` before a node, possibly several (`- - a`).
        private func sequenceIndicators(_ w: inout MarkupWriter, end: Int) {
            while true {
                let byte = w[w.position]
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") else { return }
                let after = w.position + 1
                guard after >= end || Bytes.isBlank(w[after]) else { return }
                w.emit(nil, upTo: w.skip(from: after, while: Bytes.isBlank))
            }
        }

        /// A mapping key (`name:` or `"quoted name":`) with its colon; false
        /// when the line has no key here.
        private func key(_ w: inout MarkupWriter, end: Int) -> Bool {
            let start = w.position
            let byte = w[start]
            var keyEnd: Int
            if byte == Bytes.doubleQuote || byte == Bytes.singleQuote {
                keyEnd = quotedEnd(w, from: start, limit: end)
            } else {
                guard start < end, !Self.isValueIndicator(byte) else { return false }
                keyEnd = start
                while keyEnd < end && !isKeyColon(w, at: keyEnd, end: end) {
                    if w[keyEnd] == Bytes.hash && keyEnd > start && Bytes.isBlank(w[keyEnd - 1]) { return false }
                    keyEnd += 1
                }
                while keyEnd > start && Bytes.isBlank(w[keyEnd - 1]) { keyEnd -= 1 }
            }
            let colon = w.skip(from: keyEnd, while: Bytes.isBlank)
            guard colon < end, isKeyColon(w, at: colon, end: end) else { return false }
            w.emit(.key, upTo: keyEnd)
            w.emit(nil, upTo: colon + 1)
            return true
        }

        /// Double quotes escape with a backslash, single quotes by doubling (`'it''s'`).
        private func quotedEnd(_ w: MarkupWriter, from start: Int, limit: Int) -> Int {
            guard w[start] == Bytes.singleQuote else { return w.quotedEnd(from: start, escapes: true, multiline: false, limit: limit) }
            var index = start + 1
            while index < limit {
                if w[index] == Bytes.singleQuote {
                    guard w[index + 1] == Bytes.singleQuote else { return index + 1 }
                    index += 1
                }
                index += 1
            }
            return limit
        }

        private func isKeyColon(_ w: MarkupWriter, at index: Int, end: Int) -> Bool {
            w[index] == Bytes.colon && (index + 1 >= end || Bytes.isBlank(w[index + 1]))
        }

        private static func isValueIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
                 UInt8(ascii: "|"), UInt8(ascii: ">"), Bytes.hash, UInt8(ascii: "%"), UInt8(ascii: "@"),
                 UInt8(ascii: "`"), Bytes.space, Bytes.tab:
                return true
            default:
                return false
            }
        }

        /// The rest of the line after any key: scalars, quoted strings, flow
        /// collections, anchors, tags, block scalar headers and a comment.
        private func value(_ w: inout MarkupWriter, end: Int, indent: Int, state: inout State) {
            var first = true
            while w.position < end {
                let start = w.position
                valueToken(&w, end: end, indent: indent, first: first, state: &state)
                if w.position == start { w.emitCharacter() }
                if !Bytes.isBlank(w[start]) { first = false }
            }
        }

        private func valueToken(_ w: inout MarkupWriter, end: Int, indent: Int, first: Bool, state: inout State) {
            let index = w.position
            let byte = w[index]
            let afterBlank = index == 0 || Bytes.isWhitespace(w[index - 1])
            switch byte {
            case Bytes.space, Bytes.tab, Bytes.cr:
                w.emit(nil, upTo: w.skip(from: index, while: Bytes.isBlank))
            case Bytes.hash where afterBlank:
                w.emit(.comment, upTo: end)
            case Bytes.doubleQuote, Bytes.singleQuote:
                let stop = quotedEnd(w, from: index, limit: end)
                let next = w.skip(from: stop, while: Bytes.isBlank)
                w.emit(state.flowDepth > 0 && w[next] == Bytes.colon ? .key : .string, upTo: stop)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                state.flowDepth += 1
                w.emit(nil, upTo: index + 1)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                state.flowDepth = max(0, state.flowDepth - 1)
                w.emit(nil, upTo: index + 1)
            case _ where state.flowDepth > 0 && (byte == UInt8(ascii: ",") || byte == Bytes.colon):
                w.emit(nil, upTo: index + 1)
            case _ where first && state.flowDepth == 0 && (byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")):
                let header = w.skip(from: index + 1) { Bytes.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
                state.blockScalarParentIndent = indent
                w.emit(nil, upTo: header)
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
                w.emit(nil, upTo: w.skip(from: index + 1) { !Bytes.isWhitespace($0) && !Self.isFlowIndicator($0) })
            default:
                scalar(&w, end: end, state: state)
            }
        }

        private static func isFlowIndicator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }

        /// A plain scalar: up to a ` #` comment or the line end; inside a flow
        /// collection also up to `,`, a bracket or a key's `:`.
        private func scalar(_ w: inout MarkupWriter, end: Int, state: State) {
            let start = w.position
            var stop = start
            var isKey = false
            while stop < end {
                let byte = w[stop]
                if byte == Bytes.hash && stop > start && Bytes.isBlank(w[stop - 1]) { break }
                if state.flowDepth > 0 {
                    if Self.isFlowIndicator(byte) { break }
                    if byte == Bytes.colon && (Bytes.isWhitespace(w[stop + 1]) || Self.isFlowIndicator(w[stop + 1]) || stop + 1 >= end) {
                        isKey = true
                        break
                    }
                }
                stop += 1
            }
            var trimmed = stop
            while trimmed > start && Bytes.isBlank(w[trimmed - 1]) { trimmed -= 1 }
            w.emit(isKey ? .key : classify(w, start..<trimmed), upTo: trimmed)
            w.emit(nil, upTo: stop)
        }

        private func classify(_ w: MarkupWriter, _ range: Range<Int>) -> TokenKind {
            if w.matches(range, Self.literals) { return .keyword }
            return isNumber(w, range) ? .number : .string
        }

        /// YAML numbers: decimal, float with exponent, 0x/0o integers, .inf and .nan.
        private func isNumber(_ w: MarkupWriter, _ range: Range<Int>) -> Bool {
            var index = range.lowerBound
            if w[index] == UInt8(ascii: "-") || w[index] == UInt8(ascii: "+") { index += 1 }
            guard index < range.upperBound else { return false }
            if w[index] == UInt8(ascii: ".") {
                let word = (index + 1)..<range.upperBound
                return w.matches(word, Self.specialFloats) || digitsAndExponent(w, index..<range.upperBound)
            }
            if w[index] == UInt8(ascii: "0") && (w[index + 1] | 0x20 == UInt8(ascii: "x") || w[index + 1] == UInt8(ascii: "o")) {
                let digits = (index + 2)..<range.upperBound
                return !digits.isEmpty && digits.allSatisfy { Bytes.isDigit(w[$0]) || (Bytes.isLetter(w[$0]) && Bytes.lowercased(w[$0]) <= UInt8(ascii: "f")) }
            }
            return digitsAndExponent(w, index..<range.upperBound)
        }

        private func digitsAndExponent(_ w: MarkupWriter, _ range: Range<Int>) -> Bool {
            var index = range.lowerBound
            var digits = 0, dots = 0
            while index < range.upperBound, Bytes.isDigit(w[index]) || w[index] == UInt8(ascii: ".") {
                if w[index] == UInt8(ascii: ".") { dots += 1 } else { digits += 1 }
                index += 1
            }
            guard digits > 0, dots <= 1 else { return false }
            if index == range.upperBound { return true }
            guard w[index] | 0x20 == UInt8(ascii: "e") else { return false }
            index += 1
            if w[index] == UInt8(ascii: "-") || w[index] == UInt8(ascii: "+") { index += 1 }
            let exponent = index..<range.upperBound
            return !exponent.isEmpty && exponent.allSatisfy { Bytes.isDigit(w[$0]) }
        }
    }

    // MARK: - Shell

    /// POSIX shell and bash: comments, quoting, here-documents, keywords in
    /// command position. In `console` mode only lines starting with a `$`
    /// prompt (and their continuations) are commands; the rest is output.
    fileprivate struct ShellLexer {
        var console: Bool
        /// Dockerfile `RUN`: return at the first newline that ends the command.
        var stopAtLineEnd: Bool

        static let keywords = WordSet([
            "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
            "function", "select", "time", "return", "exit", "export", "local", "readonly", "declare",
            "unset", "set", "source", "break", "continue", "shift", "eval", "exec", "trap",
        ])
        /// Keywords after which the next word is again a command.
        static let commandPrefixes = WordSet(["if", "then", "else", "elif", "while", "until", "do", "time", "exec", "eval"])
        static let loopWords = WordSet(["for", "case", "select"])
        static let inWord = WordSet(["in"])

        private struct HereDocument {
            var delimiter: Range<Int>
            var stripTabs: Bool
        }

        private struct State {
            var commandPosition = true
            /// Words since `for`/`case`/`select`; `in` is a keyword as the second.
            var wordsSinceLoop: Int?
            var hereDocuments: [HereDocument] = []
            /// The previous line ended in a backslash (or is inside a command).
            var continued = false
        }

        func run(_ w: inout MarkupWriter) {
            var state = State()
            while !w.atEnd {
                if stopAtLineEnd && w[w.position] == Bytes.newline && state.hereDocuments.isEmpty {
                    // Docker drops comment lines inside a continued instruction.
                    guard state.continued && lineIsComment(w, endingAt: w.position) else { return }
                    w.emit(nil, upTo: w.position + 1)
                    continue
                }
                let start = w.position
                if console && !state.continued && (start == 0 || w[start - 1] == Bytes.newline) {
                    consoleLineStart(&w, state: &state)
                } else {
                    step(&w, state: &state)
                }
                if w.position == start { w.emitCharacter() }
            }
        }

        private func lineIsComment(_ w: MarkupWriter, endingAt end: Int) -> Bool {
            var start = end
            while start > 0 && w[start - 1] != Bytes.newline { start -= 1 }
            return w[w.skip(from: start, while: Bytes.isBlank)] == Bytes.hash
        }

        /// A prompt line starts a command; any other line is program output.
        private func consoleLineStart(_ w: inout MarkupWriter, state: inout State) {
            let index = w.position
            let promptAt = w.skip(from: index, while: Bytes.isBlank)
            let isPrompt = w[promptAt] == UInt8(ascii: "$") && (Bytes.isWhitespace(w[promptAt + 1]) || promptAt + 1 >= w.count)
            if isPrompt {
                w.emit(nil, upTo: promptAt + 1)
                state.commandPosition = true
                state.continued = true
            } else {
                w.emit(nil, upTo: w.lineEnd(from: index))
                if w[w.position] == Bytes.newline { w.emit(nil, upTo: w.position + 1) }
            }
        }

        private func step(_ w: inout MarkupWriter, state: inout State) {
            let index = w.position
            let byte = w[index]
            let wordStart = index == 0 || Self.isWordBreak(w[index - 1])
            switch byte {
            case Bytes.newline:
                newline(&w, state: &state)
            case Bytes.space, Bytes.tab, Bytes.cr:
                w.emit(nil, upTo: w.skip(from: index, while: Bytes.isBlank))
            case Bytes.backslash:
                // An escaped newline continues the command on the next line.
                w.emit(nil, upTo: index + 1)
                if w[index + 1] == Bytes.newline { state.continued = true }
                if index + 1 < w.count { w.emit(nil, upTo: w.scalarEnd(from: index + 1)) }
            case Bytes.hash where wordStart:
                w.emit(.comment, upTo: w.lineEnd(from: index))
            case UInt8(ascii: "$") where w[index + 1] == UInt8(ascii: "{"):
                // `${name}` is one expansion; its `{` does not start a command.
                let close = w.skip(from: index + 2) { $0 != UInt8(ascii: "}") && $0 != Bytes.newline }
                w.emit(nil, upTo: w[close] == UInt8(ascii: "}") ? close + 1 : close)
                endWord(&state)
            case Bytes.singleQuote:
                w.emit(.string, upTo: w.quotedEnd(from: index, escapes: false, multiline: true))
                endWord(&state)
            case Bytes.doubleQuote:
                w.emit(.string, upTo: w.quotedEnd(from: index, escapes: true, multiline: true))
                endWord(&state)
            case UInt8(ascii: "<") where w[index + 1] == UInt8(ascii: "<") && w[index + 2] != UInt8(ascii: "<"):
                hereDocumentOperator(&w, state: &state)
            case UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: "{"),
                 UInt8(ascii: "`"), UInt8(ascii: "!"):
                w.emit(nil, upTo: index + 1)
                state.commandPosition = true
            case _ where Self.isWordByte(byte):
                word(&w, state: &state)
            default:
                w.emitCharacter()
            }
        }

        private static func isWordBreak(_ byte: UInt8) -> Bool {
            Bytes.isWhitespace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "|")
                || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "`")
        }

        private static func isWordByte(_ byte: UInt8) -> Bool {
            Bytes.isIdentifier(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "^")
        }

        private func newline(_ w: inout MarkupWriter, state: inout State) {
            w.emit(nil, upTo: w.position + 1)
            let pending = state.hereDocuments
            state.hereDocuments = []
            for document in pending { hereDocumentBody(&w, document) }
            // Escaped newlines never get here (the backslash case takes them).
            state.continued = false
            state.commandPosition = true
        }

        private func endWord(_ state: inout State) {
            state.commandPosition = false
            if let count = state.wordsSinceLoop { state.wordsSinceLoop = count + 1 }
        }

        private func word(_ w: inout MarkupWriter, state: inout State) {
            let start = w.position
            let end = w.skip(from: start, while: Self.isWordByte)
            let range = start..<end
            var kind: TokenKind?
            if state.commandPosition && w.matches(range, Self.keywords) {
                kind = .keyword
            } else if state.wordsSinceLoop == 1 && w.matches(range, Self.inWord) {
                kind = .keyword
            } else if range.allSatisfy({ Bytes.isDigit(w[$0]) }) && (start == 0 || Self.isWordBreak(w[start - 1])) {
                kind = .number
            }
            w.emit(kind, upTo: end)
            let isCommandKeyword = kind == .keyword && state.commandPosition
            endWord(&state)
            if isCommandKeyword && w.matches(range, Self.loopWords) { state.wordsSinceLoop = 0 }
            if isCommandKeyword && w.matches(range, Self.commandPrefixes) { state.commandPosition = true }
        }

        /// `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`: the body starts on the
        /// next line and ends at a line that is exactly WORD.
        private func hereDocumentOperator(_ w: inout MarkupWriter, state: inout State) {
            var index = w.position + 2
            let stripTabs = w[index] == UInt8(ascii: "-")
            if stripTabs { index += 1 }
            index = w.skip(from: index, while: Bytes.isBlank)
            let quote = w[index]
            let quoted = quote == Bytes.singleQuote || quote == Bytes.doubleQuote || quote == Bytes.backslash
            let nameStart = quoted ? index + 1 : index
            let nameEnd = w.skip(from: nameStart) { Bytes.isIdentifier($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            let operatorEnd = quoted && quote != Bytes.backslash && w[nameEnd] == quote ? nameEnd + 1 : nameEnd
            w.emit(nil, upTo: operatorEnd)
            if nameEnd > nameStart {
                state.hereDocuments.append(HereDocument(delimiter: nameStart..<nameEnd, stripTabs: stripTabs))
            }
        }

        private func hereDocumentBody(_ w: inout MarkupWriter, _ document: HereDocument) {
            var lineStart = w.position
            while lineStart < w.count {
                let lineEnd = w.lineEnd(from: lineStart)
                let textStart = document.stripTabs ? w.skip(from: lineStart) { $0 == Bytes.tab } : lineStart
                if isDelimiter(w, textStart..<lineEnd, document.delimiter) {
                    w.emit(.string, upTo: lineStart)
                    w.emit(nil, upTo: lineEnd)
                    return
                }
                lineStart = lineEnd + 1
            }
            w.emit(.string, upTo: w.count)
        }

        private func isDelimiter(_ w: MarkupWriter, _ line: Range<Int>, _ delimiter: Range<Int>) -> Bool {
            var line = line
            if line.count == delimiter.count + 1 && w[line.upperBound - 1] == Bytes.cr { line = line.lowerBound..<(line.upperBound - 1) }
            guard line.count == delimiter.count else { return false }
            return zip(line, delimiter).allSatisfy { w[$0] == w[$1] }
        }
    }

    // MARK: - Python

    fileprivate struct PythonLexer {
        static let keywords = WordSet([
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        ])
        static let stringPrefixes = WordSet(["r", "b", "u", "f", "t", "rb", "br", "fr", "rf", "tr", "rt"], caseInsensitive: true)

        func run(_ w: inout MarkupWriter) {
            MarkupWriter.scan(&w, step)
        }

        private func step(_ w: inout MarkupWriter) {
            let index = w.position
            let byte = w[index]
            switch byte {
            case Bytes.hash:
                w.emit(.comment, upTo: w.lineEnd(from: index))
            case Bytes.singleQuote, Bytes.doubleQuote:
                w.emit(.string, upTo: stringEnd(w, quoteAt: index))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                w.emit(.number, upTo: numberEnd(w, from: index))
            case UInt8(ascii: ".") where Bytes.isDigit(w[index + 1]) && (index == 0 || !Bytes.isIdentifier(w[index - 1])):
                w.emit(.number, upTo: numberEnd(w, from: index))
            case _ where Bytes.isIdentifier(byte):
                identifier(&w)
            default:
                w.emitCharacter()
            }
        }

        private func identifier(_ w: inout MarkupWriter) {
            let start = w.position
            let end = w.skip(from: start, while: Bytes.isIdentifier)
            let quote = w[end]
            if (quote == Bytes.singleQuote || quote == Bytes.doubleQuote) && w.matches(start..<end, Self.stringPrefixes) {
                return w.emit(.string, upTo: stringEnd(w, quoteAt: end))
            }
            w.emit(w.matches(start..<end, Self.keywords) ? .keyword : nil, upTo: end)
        }

        /// Triple-quoted strings span lines; others end at an unescaped line end.
        private func stringEnd(_ w: MarkupWriter, quoteAt index: Int) -> Int {
            let quote = w[index]
            guard w[index + 1] == quote && w[index + 2] == quote else {
                return w.quotedEnd(from: index, escapes: true, multiline: false)
            }
            var cursor = index + 3
            while cursor < w.count {
                if w[cursor] == Bytes.backslash { cursor += 2; continue }
                if w[cursor] == quote && w[cursor + 1] == quote && w[cursor + 2] == quote { return cursor + 3 }
                cursor += 1
            }
            return w.count
        }

        private func numberEnd(_ w: MarkupWriter, from index: Int) -> Int {
            var cursor = index
            while cursor < w.count {
                let byte = w[cursor]
                if Bytes.isIdentifier(byte) && byte < 0x80 || byte == UInt8(ascii: ".") {
                    cursor += 1
                } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && w[cursor - 1] | 0x20 == UInt8(ascii: "e")
                            && !(w[index] == UInt8(ascii: "0") && w[index + 1] | 0x20 == UInt8(ascii: "x")) {
                    cursor += 1
                } else {
                    break
                }
            }
            return cursor
        }
    }

    // MARK: - Dockerfile

    /// Instructions are keys; `RUN`, `CMD` and `ENTRYPOINT` arguments are
    /// lexed as shell; other arguments get strings, numbers and `AS`.
    fileprivate struct DockerfileLexer {
        static let instructions = WordSet([
            "from", "run", "cmd", "label", "maintainer", "expose", "env", "add", "copy", "entrypoint", "volume",
            "user", "workdir", "arg", "onbuild", "stopsignal", "healthcheck", "shell",
        ], caseInsensitive: true)
        static let shellInstructions = WordSet(["run", "cmd", "entrypoint"], caseInsensitive: true)
        static let onbuild = WordSet(["onbuild"], caseInsensitive: true)
        static let argumentKeywords = WordSet(["as"], caseInsensitive: true)

        func run(_ w: inout MarkupWriter) {
            MarkupWriter.scan(&w) { w in
                instruction(&w)
                if w[w.position] == Bytes.newline { w.emit(nil, upTo: w.position + 1) }
            }
        }

        private func instruction(_ w: inout MarkupWriter) {
            w.emit(nil, upTo: w.skip(from: w.position, while: Bytes.isBlank))
            let index = w.position
            if w[index] == Bytes.hash { return w.emit(.comment, upTo: w.lineEnd(from: index)) }
            var end = w.skip(from: index, while: Bytes.isLetter)
            guard end > index, w.matches(index..<end, Self.instructions) else { return arguments(&w) }
            w.emit(.key, upTo: end)
            // `ONBUILD RUN …` carries a second instruction.
            if w.matches(index..<end, Self.onbuild) {
                w.emit(nil, upTo: w.skip(from: w.position, while: Bytes.isBlank))
                let next = w.position
                end = w.skip(from: next, while: Bytes.isLetter)
                guard end > next, w.matches(next..<end, Self.instructions) else { return arguments(&w) }
                w.emit(.key, upTo: end)
                if w.matches(next..<end, Self.shellInstructions) { return shell(&w) }
                return arguments(&w)
            }
            if w.matches(index..<end, Self.shellInstructions) { return shell(&w) }
            arguments(&w)
        }

        private func shell(_ w: inout MarkupWriter) {
            ShellLexer(console: false, stopAtLineEnd: true).run(&w)
        }

        /// Arguments up to the newline that is not escaped by a backslash;
        /// comment lines inside a continued instruction are skipped, as Docker does.
        private func arguments(_ w: inout MarkupWriter) {
            while !w.atEnd && w[w.position] != Bytes.newline {
                let start = w.position
                argument(&w)
                if w.position == start { w.emitCharacter() }
            }
        }

        private func argument(_ w: inout MarkupWriter) {
            let index = w.position
            let byte = w[index]
            switch byte {
            case Bytes.backslash where w[w.skip(from: index + 1, while: Bytes.isBlank)] == Bytes.newline:
                w.emit(nil, upTo: w.skip(from: index + 1, while: Bytes.isBlank) + 1)
                var textStart = w.skip(from: w.position, while: Bytes.isBlank)
                while w[textStart] == Bytes.hash {
                    w.emit(nil, upTo: textStart)
                    w.emit(.comment, upTo: w.lineEnd(from: textStart))
                    if w[w.position] == Bytes.newline { w.emit(nil, upTo: w.position + 1) }
                    textStart = w.skip(from: w.position, while: Bytes.isBlank)
                }
            case Bytes.singleQuote, Bytes.doubleQuote:
                w.emit(.string, upTo: w.quotedEnd(from: index, escapes: true, multiline: false))
            case _ where Bytes.isIdentifier(byte) || byte == UInt8(ascii: "$"):
                let end = w.skip(from: index + 1) { Bytes.isIdentifier($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
                let range = index..<end
                let standalone = index == 0 || Bytes.isWhitespace(w[index - 1]) || w[index - 1] == UInt8(ascii: "=")
                if standalone && range.allSatisfy({ Bytes.isDigit(w[$0]) }) {
                    w.emit(.number, upTo: end)
                } else {
                    w.emit(standalone && w.matches(range, Self.argumentKeywords) ? .keyword : nil, upTo: end)
                }
            default:
                w.emitCharacter()
            }
        }
    }
}

extension SyntaxHighlighter.MarkupWriter {
    /// Index of the next newline at or after `index`, or the end.
    func lineEnd(from index: Int) -> Int {
        var end = index
        while end < count && input[end] != SyntaxHighlighter.Bytes.newline { end += 1 }
        return end
    }

    func skip(from index: Int, while predicate: (UInt8) -> Bool) -> Int {
        var end = index
        while end < count && predicate(input[end]) { end += 1 }
        return end
    }

    /// End of a quoted run starting at `start` (the opening quote), past the
    /// closing quote. Backslash escapes the next byte when `escapes` is set;
    /// without `multiline` an unterminated string stops at the line end.
    func quotedEnd(from start: Int, escapes: Bool, multiline: Bool, limit: Int? = nil) -> Int {
        let quote = input[start]
        let limit = limit ?? count
        var index = start + 1
        while index < limit {
            let byte = input[index]
            if byte == quote { return index + 1 }
            if byte == SyntaxHighlighter.Bytes.newline && !multiline { return index }
            index += (escapes && byte == SyntaxHighlighter.Bytes.backslash) ? 2 : 1
        }
        return limit
    }

    /// Whether input[range] equals one of `words`.
    func matches(_ range: Range<Int>, _ words: SyntaxHighlighter.WordSet) -> Bool { words.contains(input, range) }
}
