extension SyntaxHighlighter {
    /// Line-oriented: indentation, sequence dashes, an optional key, then a
    /// value. Block scalars (`|`, `>`) make the more-indented lines after them
    /// string content, where `#` is not a comment.
    struct YAMLLexer {
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
}
