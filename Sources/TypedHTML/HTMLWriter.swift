/// Writes HTML into one growing UTF-8 buffer (bytes, not a String: a page
/// is hundreds of small appends, and appending bytes costs half as much). Elements are opened and closed by
/// the same call (`element(_:_:content:)`), so the output is always balanced;
/// text and attribute values always pass through `HTMLEscaping`.
///
/// The Markdown renderer and the page layout stream through a writer (no
/// intermediate tree: a page is written once); generated pages compose
/// `HTML` fragments, which are written with the same writer.
public struct HTMLWriter: Sendable {
    /// The markup written so far (always whole characters: only strings
    /// and whole-character slices are appended).
    var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// The markup so far, as UTF-8 bytes (what a page file holds).
    public var utf8: [UInt8] { bytes }

    /// The markup so far, as a string.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup this module made (tags, attribute prefixes, escaped text).
    mutating func write(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// `<tag attributes>content</tag>`; a void tag ignores `content`.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [],
                                 content: (inout HTMLWriter) -> Void = { _ in }) {
        open(tag, attributes)
        guard !tag.isVoid else { return }
        content(&self)
        close(tag)
    }

    /// `<tag attributes>text</tag>` with the text escaped.
    public mutating func element(_ tag: Tag, _ attributes: [Attribute] = [], text: String) {
        open(tag, attributes)
        guard !tag.isVoid else { return }
        self.text(text)
        close(tag)
    }

    public mutating func text(_ text: String) {
        HTMLEscaping.append(text, quotes: false, to: &bytes)
    }

    /// A line break in the source (not `<br>`): keeps the output readable.
    public mutating func newline() { bytes.append(0x0A) }

    /// A fragment built elsewhere by this module (or marked trusted).
    public mutating func append(_ fragment: HTML) { write(fragment.markup) }

    /// Opens an element whose content is written by several later calls
    /// (the renderer's table cells, a page shell). Pair it with `close`.
    public mutating func open(_ tag: Tag, _ attributes: [Attribute] = []) {
        if attributes.isEmpty {
            write(tag.openMarkup)
            return
        }
        write(tag.startMarkup)
        for attribute in attributes {
            write(attribute.prefix)
            if let value = attribute.value {
                HTMLEscaping.append(value, quotes: true, to: &bytes)
                bytes.append(0x22)  // "
            }
        }
        bytes.append(0x3E)  // >
    }

    public mutating func close(_ tag: Tag) {
        write(tag.closeMarkup)
    }

    /// Drops a trailing newline (tight list items end their last paragraph without one).
    public mutating func trimTrailingNewline() {
        if bytes.last == 0x0A { bytes.removeLast() }
    }
}

/// A finished piece of HTML: escaped, balanced markup. Built with the
/// static constructors below or a writer; its text cannot be set directly
/// except through `trusted(_:)`.
public struct HTML: Sendable, Hashable, CustomStringConvertible {
    public let markup: String

    init(markup: String) { self.markup = markup }

    public var description: String { markup }
    public var isEmpty: Bool { markup.isEmpty }

    public static let empty = HTML(markup: "")
    public static let newline = HTML(markup: "\n")

    /// Escaped text.
    public static func text(_ text: String) -> HTML { HTML(markup: HTMLEscaping.text(text)) }

    /// An element around child fragments.
    public static func element(_ tag: Tag, _ attributes: [Attribute] = [], _ children: [HTML] = []) -> HTML {
        build { writer in writer.element(tag, attributes) { for child in children { $0.append(child) } } }
    }

    /// An element around escaped text.
    public static func element(_ tag: Tag, _ attributes: [Attribute] = [], text: String) -> HTML {
        build { $0.element(tag, attributes, text: text) }
    }

    /// Whatever a writer produces.
    public static func build(_ body: (inout HTMLWriter) -> Void) -> HTML {
        var writer = HTMLWriter()
        body(&writer)
        return writer.html
    }

    /// Markup produced outside this module that is already safe: page bodies
    /// from the Markdown renderer, which writes through `HTMLEscaping`.
    public static func trusted(_ markup: String) -> HTML { HTML(markup: markup) }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(markup: lhs.markup + rhs.markup) }
    public static func += (lhs: inout HTML, rhs: HTML) { lhs = lhs + rhs }
}

extension Array where Element == HTML {
    public func joined(separator: HTML = .empty) -> HTML {
        HTML(markup: map(\.markup).joined(separator: separator.markup))
    }
}
