/// Admonitions in GitHub's alert syntax: a block quote whose first line is
/// `[!NOTE]` (or TIP, IMPORTANT, WARNING, CAUTION, in any case). The same
/// source renders as an alert on GitHub, so pages read right in both places.
/// Words after the marker on its line are a custom title
/// (`> [!WARNING] Data loss`), which GitHub shows as an ordinary quote.
public enum AdmonitionKind: String, CaseIterable, Sendable {
    case note, tip, important, warning, caution

    /// The title shown when the page names none and the site has no words for the language.
    public var englishTitle: String {
        switch self {
        case .note: return "Note"
        case .tip: return "Tip"
        case .important: return "Important"
        case .warning: return "Warning"
        case .caution: return "Caution"
        }
    }
}

public struct Admonition: Sendable, Equatable {
    public var kind: AdmonitionKind
    /// The custom title; empty when the page gives none (the kind's title is shown).
    public var title: [Inline]
    public var blocks: [Block]
    public var position: SourcePosition
}

/// The `[!NAME]` that opens a block quote, split from what follows it.
public struct AlertMarker: Sendable, Equatable {
    /// NAME as written (`NOTE`, `Tip`, `FOO`).
    public var name: String
    /// What follows the marker on its line.
    public var title: [Inline]
    /// The quote's blocks without the marker line.
    public var blocks: [Block]

    /// The known kind NAME names, or nil for any other name.
    public var kind: AdmonitionKind? { AdmonitionKind(rawValue: name.lowercased()) }

    /// The marker at the start of a block quote's `blocks`, or nil when the
    /// first paragraph does not start with `[!` letters `]` and a space or line end.
    public init?(opening blocks: [Block]) {
        guard case .paragraph(let inlines, let position)? = blocks.first else { return nil }
        let lineEnd = inlines.firstIndex { $0 == .softBreak || $0 == .lineBreak } ?? inlines.endIndex
        // cmark may split the marker's text at `[` and `!`: join the leading text nodes.
        var textEnd = inlines.startIndex
        var text = ""
        while textEnd < lineEnd, case .text(let piece) = inlines[textEnd] {
            text += piece
            textEnd += 1
        }
        // `[!NOTE]*x*`: markup glued to the marker makes no marker.
        guard let (name, rest) = Self.split(text), !(rest.isEmpty && text.hasSuffix("]") && textEnd < lineEnd) else {
            return nil
        }
        self.name = name
        title = (rest.isEmpty ? [] : [Inline.text(rest)]) + inlines[textEnd..<lineEnd]
        var remaining = Array(blocks.dropFirst())
        let body = Array(inlines[min(lineEnd + 1, inlines.endIndex)...])
        if !body.isEmpty {
            // The body starts on the line after the marker.
            remaining.insert(.paragraph(body, at: SourcePosition(line: position.line + 1, column: position.column)), at: 0)
        }
        self.blocks = remaining
    }

    /// `[!NAME] rest` -> (NAME, rest without leading blanks); nil when the text is no marker.
    static func split(_ text: String) -> (name: String, rest: String)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 4, scalars[0] == "[", scalars[1] == "!" else { return nil }
        var end = 2
        while end < scalars.count, isASCIILetter(scalars[end]) { end += 1 }
        guard end > 2, end < scalars.count, scalars[end] == "]" else { return nil }
        let after = scalars[(end + 1)...]
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        let rest = after.drop { $0 == " " || $0 == "\t" }
        return (String(String.UnicodeScalarView(scalars[2..<end])), String(String.UnicodeScalarView(rest)))
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

extension Admonition {
    /// A block quote's content as an admonition, or nil when it opens with no
    /// marker or one of an unknown kind (it then stays a quote; `docsite check` reports it).
    static func recognize(_ blocks: [Block], at position: SourcePosition) -> Admonition? {
        guard let marker = AlertMarker(opening: blocks), let kind = marker.kind else { return nil }
        return Admonition(kind: kind, title: marker.title, blocks: marker.blocks, position: position)
    }
}
