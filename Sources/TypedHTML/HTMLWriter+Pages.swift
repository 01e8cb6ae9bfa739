extension HTMLWriter {
    /// `<!DOCTYPE html>`, the first line of a page.
    public mutating func doctype() { write("<!DOCTYPE html>") }

    /// An element and a line break after it: pages keep one block a line,
    /// so the output stays readable and diffs stay small.
    public mutating func line(_ tag: Tag, _ attributes: [Attribute] = [],
                              content: (inout HTMLWriter) -> Void = { _ in }) {
        element(tag, attributes, content: content)
        newline()
    }

    /// An element around escaped text, then a line break.
    public mutating func line(_ tag: Tag, _ attributes: [Attribute] = [], text: String) {
        element(tag, attributes, text: text)
        newline()
    }

    /// Escaped text from UTF-8 bytes (a slice of a larger buffer, such as a
    /// token of a code block). The bytes must be whole characters.
    public mutating func text(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        HTMLEscaping.append(utf8: bytes, quotes: false, to: &self.bytes)
    }

    /// What has been written, as a fragment.
    public var html: HTML { HTML(markup: output) }
}
