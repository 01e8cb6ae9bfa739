/// A link or image found in a document, with where it starts in the file.
public struct LinkReference: Sendable, Equatable {
    public var destination: String
    public var position: SourcePosition
    public var isImage: Bool

    public init(destination: String, position: SourcePosition, isImage: Bool) {
        self.destination = destination
        self.position = position
        self.isImage = isImage
    }

    public var line: Int { position.line }
    public var column: Int { position.column }
}

extension MarkdownDocument {
    /// Every link and image in document order, headings and tables included.
    public func links() -> [LinkReference] {
        var collector = LinkCollector()
        walk(&collector)
        return collector.found
    }
}

private struct LinkCollector: MarkdownVisitor {
    var found: [LinkReference] = []

    mutating func enter(_ inline: Inline) -> Descent {
        switch inline {
        case .link(let destination, _, _, let position):
            found.append(LinkReference(destination: destination, position: position, isImage: false))
        case .image(let source, _, _, let position):
            found.append(LinkReference(destination: source, position: position, isImage: true))
            // A link in an image's description is shown as alt text, never
            // as a link, so it is not the page's to check.
            return .skipChildren
        case .text, .code, .emphasis, .strong, .strikethrough, .softBreak, .lineBreak, .html:
            break
        }
        return .children
    }
}
