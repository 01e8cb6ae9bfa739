/// A code fence's info string: the language, then attributes as MkDocs
/// Material and Docusaurus read them (```` ```yaml title="values-prod.yaml" ````).
/// `title` is the only attribute docsite uses; others (`linenums="1"`,
/// `{1,3}`, `showLineNumbers`) are skipped so pages written for those tools still render.
public struct FenceInfo: Sendable, Equatable {
    /// The first word, unless it is an attribute; the highlighter's language.
    public var language: String
    /// The block's caption (a file name), nil without a `title`.
    public var title: String?
    /// What is wrong with the attributes, for `docsite check`; the block still renders.
    public var problem: String?

    public init(language: String = "", title: String? = nil, problem: String? = nil) {
        self.language = language
        self.title = title
        self.problem = problem
    }

    public init(parsing info: String) {
        var scanner = Scanner(Array(info.unicodeScalars))
        self.init()
        var first = true
        while let token = scanner.next() {
            defer { first = false }
            switch token {
            case .word(let word) where first:
                language = word
            case .word, .group:
                continue
            case .attribute(let name, let value):
                guard name == "title" else { continue }
                if value.isEmpty {
                    problem = "the code block's title=\"\" is empty"
                } else {
                    title = value
                }
            case .unclosed(let name, let quote):
                problem = "the quote (\(quote)) opened after \(name)= in the code fence's info string is not closed"
                return
            }
        }
    }

    private enum Token {
        case word(String)
        case group
        case attribute(name: String, value: String)
        case unclosed(name: String, quote: Character)
    }

    /// Splits an info string at blanks, keeping quoted values and `{…}` groups whole.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Token? {
            while index < scalars.count, isBlank(scalars[index]) { index += 1 }
            guard index < scalars.count else { return nil }
            if scalars[index] == "{" {
                while index < scalars.count, scalars[index] != "}" { index += 1 }
                index += 1
                return .group
            }
            let start = index
            while index < scalars.count, !isBlank(scalars[index]), scalars[index] != "=" { index += 1 }
            let name = text(start..<index)
            guard index < scalars.count, scalars[index] == "=" else { return .word(name) }
            index += 1
            guard index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" else {
                let valueStart = index
                while index < scalars.count, !isBlank(scalars[index]) { index += 1 }
                return .attribute(name: name, value: text(valueStart..<index))
            }
            let quote = scalars[index]
            index += 1
            let valueStart = index
            while index < scalars.count, scalars[index] != quote { index += 1 }
            guard index < scalars.count else { return .unclosed(name: name, quote: Character(quote)) }
            defer { index += 1 }
            return .attribute(name: name, value: text(valueStart..<index))
        }

        func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
    }
}
