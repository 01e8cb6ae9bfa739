import Foundation
import Markdown
import TypedHTML

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
            let rows = DiagnosticCode.allCases.map { code -> GeneratedHTML.Row in
                let text = code.explanation(language)
                return GeneratedHTML.Row([GeneratedHTML.code(code.rawValue), .text(code.severities.map(\.rawValue).joined(separator: ", ")),
                                          inline(text.meaning), inline(text.fix)], attributes: [.id(anchor(code))])
            }
            let body = GeneratedHTML.paragraph(ui["codes.intro"])
                + GeneratedHTML.table([ui["codes.code"], ui["codes.severity"], ui["codes.meaning"], ui["codes.fix"]], rows)
            return SitePage(language: language, key: "diagnostic-codes", title: ui["codes.title"], description: ui["codes.intro"],
                            section: nil, weight: 96, urlPath: url(language), headings: [], bodyHTML: body,
                            sourceFile: sourceFile, isSectionIndex: false)
        }
    }

    /// The reference's text as HTML: spans in backticks become code, the
    /// rest is escaped (an odd backtick leaves the rest as text).
    static func inline(_ text: String) -> HTML {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 2 == 1 else { return .text(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? GeneratedHTML.code($0.element) : .text($0.element) }.joined()
    }
}
