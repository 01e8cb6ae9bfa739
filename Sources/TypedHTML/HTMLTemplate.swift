/// Markup written once and written out many times with one marked piece
/// swapped: the navigation sidebar is shared by every page of a folder but
/// for the link to the page itself. Marked pieces are written through the
/// writer like the rest, and the replacement is a finished `HTML`, so the
/// result is as escaped and balanced as its parts.
public struct HTMLTemplate: Sendable {
    private var writer = HTMLWriter()
    /// Where each marked piece sits in the markup, as byte offsets.
    private var marks: [String: Range<Int>] = [:]

    public init() {}

    public var markup: String { writer.output }

    public func isMarked(_ key: String) -> Bool { marks[key] != nil }

    /// Writes markup that is the same for every use.
    public mutating func write(_ body: (inout HTMLWriter) -> Void) {
        body(&writer)
    }

    /// `<tag attributes>content</tag>`, where the content may hold marked
    /// pieces: the element is closed where it is opened.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [], content: (inout HTMLTemplate) -> Void) {
        writer.open(tag, attributes)
        content(&self)
        writer.close(tag)
    }

    public mutating func newline() { writer.newline() }

    /// Writes a piece that `append(into:replacing:with:)` can swap, under
    /// `key`; a later piece with the same key replaces the mark.
    public mutating func mark(_ key: String, _ body: (inout HTMLWriter) -> Void) {
        let start = writer.bytes.count
        body(&writer)
        marks[key] = start..<writer.bytes.count
    }

    /// Writes the template into `out`, with the piece marked `key` (if
    /// any) replaced by `replacement`.
    public func append(into out: inout HTMLWriter, replacing key: String? = nil, with replacement: HTML = .empty) {
        let markup = writer.bytes
        guard let key, let range = marks[key] else { return out.bytes += markup }
        out.bytes += markup[..<range.lowerBound]
        out.append(replacement)
        out.bytes += markup[range.upperBound...]
    }
}
