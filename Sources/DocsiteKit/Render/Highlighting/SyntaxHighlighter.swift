import TypedHTML

/// Build-time syntax highlighting for the languages the docs use: YAML,
/// shell (bash, sh, shell, zsh; console and shell-session with `$` prompts),
/// Python, Dockerfile and JSON.
///
/// Every lexer is a hand-written single pass over the UTF-8 bytes, so the
/// cost is linear in the code size and there is no regex to blow up. All
/// output goes through `MarkupWriter`, which only ever emits the bytes from
/// its current position up to a later one: characters cannot be dropped or
/// reordered, and every byte is written by an `HTMLWriter` (so escaped by
/// TypedHTML's one escaper).
public struct SyntaxHighlighter: Sendable {
    public init() {}

    /// The code with `<span class="tok-…">` tokens, or nil for a language
    /// without a lexer (the caller then writes plain text).
    public func highlight(code: String, language: String) -> HTML? {
        guard let lexer = Lexer(language: language) else { return nil }
        var code = code
        return code.withUTF8 { bytes in
            var writer = MarkupWriter(input: bytes)
            lexer.run(&writer)
            writer.finish()
            return writer.html.html
        }
    }

    /// A link around one mapping key of a YAML block (an example overlay's
    /// key to its row in the values reference).
    public struct KeyLink: Sendable, Equatable {
        public var href: String
        /// The key's full dotted path, shown as the link's tooltip.
        public var title: String

        public init(href: String, title: String) {
            self.href = href
            self.title = title
        }
    }

    /// YAML highlighted as `highlight(code:language:)` does, with the keys
    /// that start at the byte offsets in `keyLinks` written as links.
    public func highlight(yaml code: String, keyLinks: [Int: KeyLink]) -> HTML {
        var code = code
        return code.withUTF8 { bytes in
            var writer = MarkupWriter(input: bytes)
            writer.keyLinks = keyLinks
            YAMLLexer().run(&writer)
            writer.finish()
            return writer.html.html
        }
    }

    /// The language names (and aliases) that get highlighted.
    public static let languages: Set<String> = [
        "yaml", "yml", "bash", "sh", "shell", "zsh", "console", "shell-session", "python", "py", "dockerfile", "docker", "json",
    ]
}

// Helper types are nested so their short names cannot clash with the
// rest of the module.
extension SyntaxHighlighter {
    enum Lexer {
        case yaml, shell, console, python, dockerfile, json

        init?(language: String) {
            // Info strings may carry more words (`yaml title=x`); the first names the language.
            let name = language.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," })
                .first.map { $0.lowercased() } ?? ""
            switch name {
            case "yaml", "yml": self = .yaml
            case "bash", "sh", "shell", "zsh": self = .shell
            case "console", "shell-session": self = .console
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

    enum TokenKind {
        case key, string, comment, number, keyword
        /// Shell: the command a line runs (`helm`, `kubectl`) and `$VAR` expansions.
        case command, variable

        // One array per kind, made once: writing a token allocates nothing for them.
        static let keyClass = [Attribute.class("tok-key")], stringClass = [Attribute.class("tok-str")]
        static let commentClass = [Attribute.class("tok-com")], numberClass = [Attribute.class("tok-num")]
        static let keywordClass = [Attribute.class("tok-kw")], commandClass = [Attribute.class("tok-cmd")]
        static let variableClass = [Attribute.class("tok-var")]

        /// The `class` of the token's `<span>` (styled in docsite.css).
        var attributes: [Attribute] {
            switch self {
            case .key: return Self.keyClass
            case .string: return Self.stringClass
            case .comment: return Self.commentClass
            case .number: return Self.numberClass
            case .keyword: return Self.keywordClass
            case .command: return Self.commandClass
            case .variable: return Self.variableClass
            }
        }
    }

    /// Writes the input, in order, through an `HTMLWriter`. Lexers read ahead
    /// freely but can only write by moving `position` forward.
    struct MarkupWriter {
        let input: UnsafeBufferPointer<UInt8>
        private(set) var position = 0
        private(set) var html: HTMLWriter
        /// Key tokens to write as links, by the byte offset they start at.
        var keyLinks: [Int: KeyLink] = [:]

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            html = HTMLWriter(reservingCapacity: input.count + input.count / 2 + 64)
        }

        var count: Int { input.count }
        var atEnd: Bool { position >= input.count }

        /// The byte at `index`, or 0 past the end (0 matches no lexer rule).
        subscript(index: Int) -> UInt8 { index >= 0 && index < input.count ? input[index] : 0 }

        /// Writes input[position..<end] as plain text or as one token.
        mutating func emit(_ kind: TokenKind?, upTo end: Int) {
            // Each piece is decoded on its own, so none may end inside a
            // character (the rest of it would become U+FFFD).
            let end = min(end, input.count)
            guard end > position else { return }
            let stop = scalarStart(atOrAfter: end)
            let text = UnsafeBufferPointer(rebasing: input[position..<stop])
            if kind == .key, !keyLinks.isEmpty, let link = keyLinks[position] {
                html.element(.a, [.class("values-key-link"), .href(link.href), .title(link.title)]) { link in
                    link.element(.span, TokenKind.keyClass) { $0.text(utf8: text) }
                }
            } else if let kind {
                html.element(.span, kind.attributes) { $0.text(utf8: text) }
            } else {
                html.text(utf8: text)
            }
            position = stop
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

        func scalarEnd(from index: Int) -> Int { scalarStart(atOrAfter: index + 1) }

        /// The first index at or after `index` that starts a character (or the end).
        func scalarStart(atOrAfter index: Int) -> Int {
            var end = index
            while end < input.count && input[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }

        mutating func finish() { emit(nil, upTo: input.count) }
    }

    // MARK: - Shared scanning helpers

    /// Byte classes. Every byte >= 0x80 belongs to the same classes, so a run
    /// never ends inside a multi-byte character.
    enum Bytes {
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
    struct WordSet {
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
