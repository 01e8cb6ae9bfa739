extension SyntaxHighlighter {
    struct JSONLexer {
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
}
