import Markdown

/// Build-time highlighting placeholder: returns nil so code is escaped as
/// plain text. Replaced by the real lexers in the site-features work.
public struct SyntaxHighlighter: Sendable {
    public init() {}

    public func highlight(code: String, language: String) -> String? { nil }
}
