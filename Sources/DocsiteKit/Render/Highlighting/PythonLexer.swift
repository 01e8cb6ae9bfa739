extension SyntaxHighlighter {
    struct PythonLexer {
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
}
