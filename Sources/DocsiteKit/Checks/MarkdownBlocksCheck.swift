import Markdown

/// Content blocks the renderer could not read as the author meant: a quote
/// opened by `[!NAME]` for an unknown kind (shown as a quote, marker and
/// all) and a code fence whose attributes are malformed (shown untitled).
public struct MarkdownBlocksCheck: Check {
    public let name = "markdown"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        context.content.pages.flatMap { page in
            var finder = Finder(file: page.file)
            page.document.walk(&finder)
            return finder.found
        }
    }

    struct Finder: MarkdownVisitor {
        let file: String
        var found: [Diagnostic] = []

        init(file: String) { self.file = file }

        mutating func enter(_ block: Block) -> Descent {
            switch block {
            case .blockQuote(let blocks, let position):
                // Known kinds became admonitions when parsed: a marker left here names another.
                if let marker = AlertMarker(opening: blocks) {
                    let kinds = AdmonitionKind.allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ")
                    found.append(.warning(.markdownAdmonition, file: file, line: position.line, column: position.column,
                                          "'[!\(marker.name)]' is not an admonition kind (\(kinds)); the block is shown as a plain quote"))
                }
            case .codeBlock(let info, _, let position):
                if let problem = info.problem {
                    found.append(.warning(.markdownFenceInfo, file: file, line: position.line, column: position.column,
                                          problem + "; the block is shown without a title"))
                }
                return .skipChildren
            case .paragraph, .heading, .table, .html, .thematicBreak:
                return .skipChildren  // inlines only: no block inside
            case .list, .admonition:
                break
            }
            return .children
        }
    }
}
