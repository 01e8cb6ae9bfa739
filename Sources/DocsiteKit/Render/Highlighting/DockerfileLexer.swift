extension SyntaxHighlighter {
    /// Instructions are keys; `RUN`, `CMD` and `ENTRYPOINT` arguments are
    /// lexed as shell; other arguments get strings, numbers and `AS`.
    struct DockerfileLexer {
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
