import Foundation
import Markdown

/// The render stage's generated pages: made from charts, examples, the version
/// matrix, translation state and the diagnostic codes rather than from Markdown.
public enum SiteGenerators {
    public static func pages(_ context: LoadedSite, highlighter: SyntaxHighlighter) -> [SitePage] {
        ChartPages.pages(context, examples: context.overlays, highlighter: highlighter)
            + ExamplePages.pages(context, examples: context.overlays, highlighter: highlighter)
            + MatrixPage.pages(context)
            + TranslationStatusPage.pages(context)
            + DiagnosticCodesPage.pages(context)
    }
}
