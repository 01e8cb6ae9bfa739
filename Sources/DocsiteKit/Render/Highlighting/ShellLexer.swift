extension SyntaxHighlighter {
    /// POSIX shell and bash: comments, quoting, here-documents, keywords in
    /// command position. In `console` mode only lines starting with a `$`
    /// prompt (and their continuations) are commands; the rest is output.
    struct ShellLexer {
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
                w.emit(.variable, upTo: w[close] == UInt8(ascii: "}") ? close + 1 : close)
                endWord(&state)
            case UInt8(ascii: "$") where Self.isNameByte(w[index + 1]):
                w.emit(.variable, upTo: w.skip(from: index + 1, while: Self.isNameByte))
                endWord(&state)
            case UInt8(ascii: "$") where Self.specialParameters.contains(w[index + 1]):
                w.emit(.variable, upTo: index + 2)
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

        /// `$#`, `$?`, `$@`…: one-character parameters.
        static let specialParameters: Set<UInt8> = Set("#?@*!$-".utf8)

        /// A byte of a shell variable name (ASCII letters, digits, `_`).
        static func isNameByte(_ byte: UInt8) -> Bool { Bytes.isIdentifier(byte) && byte < 0x80 }

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
            } else if state.commandPosition {
                // `NAME=value` before a command sets a variable; the command comes after it.
                if let assignment = assignmentName(w, range) {
                    w.emit(.variable, upTo: assignment.upperBound)
                    w.emit(nil, upTo: end)
                    return
                }
                kind = .command
            }
            w.emit(kind, upTo: end)
            let isCommandKeyword = kind == .keyword && state.commandPosition
            endWord(&state)
            if isCommandKeyword && w.matches(range, Self.loopWords) { state.wordsSinceLoop = 0 }
            if isCommandKeyword && w.matches(range, Self.commandPrefixes) { state.commandPosition = true }
        }

        /// The name of `NAME=value`, or nil when the word is no assignment.
        private func assignmentName(_ w: MarkupWriter, _ range: Range<Int>) -> Range<Int>? {
            guard let equals = range.first(where: { w[$0] == UInt8(ascii: "=") }), equals > range.lowerBound,
                  !Bytes.isDigit(w[range.lowerBound]),
                  (range.lowerBound..<equals).allSatisfy({ Self.isNameByte(w[$0]) }) else { return nil }
            return range.lowerBound..<equals
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
}
