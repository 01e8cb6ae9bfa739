import Foundation
import Markdown

/// Containers nested deeper than the parser's limit are flattened to text
/// so hostile pages cannot exhaust the stack; the reader then sees lists
/// or quotes as plain text, so the author is told where.
public struct MarkdownNestingCheck: Check {
    public let name = "markdown"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        context.content.pages.compactMap { page -> Diagnostic? in
            guard let start = page.document.flattened else { return nil }
            return .warning(.markdownFlattened, file: page.file, line: start.line, column: start.column,
                            "lists, quotes or emphasis nest deeper than \(MarkdownParser.maximumNesting) levels here; "
                                + "the deeper part is shown as plain text")
        }
    }
}
