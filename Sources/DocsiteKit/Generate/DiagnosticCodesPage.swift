import Foundation
import Markdown

/// Every diagnostic code with its severities, what it means and how to fix
/// it, made from `DiagnosticCode` (whose English and Russian texts sit side
/// by side), so the published list cannot miss a code.
enum DiagnosticCodesPage {
    /// Where the texts live; a guide links here to reach the page in its reader's language.
    static let sourceFile = "Sources/Diagnostics/DiagnosticCodeReference.swift"

    static func url(_ language: String) -> String { "\(language)/diagnostic-codes/" }

    /// `link.broken` -> `code-link-broken`, so a code can be linked to.
    static func anchor(_ code: DiagnosticCode) -> String { "code-" + code.rawValue.replacingOccurrences(of: ".", with: "-") }

    static func pages(_ context: LoadedSite) -> [SitePage] {
        context.config.languages.map { language in
            let ui = context.strings(language)
            let rows = DiagnosticCode.allCases.map { code -> [String] in
                let text = code.explanation(language)
                return [HTML.code(code.rawValue), escapeText(code.severities.map(\.rawValue).joined(separator: ", ")),
                        inline(text.meaning), inline(text.fix)]
            }
            let body = HTML.paragraph(ui["codes.intro"])
                + HTML.table([ui["codes.code"], ui["codes.severity"], ui["codes.meaning"], ui["codes.fix"]], rows,
                             rowIDs: DiagnosticCode.allCases.map(anchor))
            return SitePage(language: language, key: "diagnostic-codes", title: ui["codes.title"], description: ui["codes.intro"],
                            section: nil, weight: 96, urlPath: url(language), headings: [], bodyHTML: body,
                            sourceFile: sourceFile, isSectionIndex: false)
        }
    }

    /// The reference's text as HTML: spans in backticks become code, the
    /// rest is escaped (an odd backtick leaves the rest as text).
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 2 == 1 else { return escapeText(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? HTML.code($0.element) : escapeText($0.element) }.joined()
    }
}
