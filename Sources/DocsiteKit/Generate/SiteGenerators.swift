import Foundation
import Markdown

/// The generate stage: pages made from charts, examples, the version
/// matrix and translation state rather than from Markdown.
public enum SiteGenerators {
    public static func pages(_ context: LoadedSite, highlighter: SyntaxHighlighter) -> [SitePage] {
        let examples = ExampleOverlay.load(context)
        return ChartPages.pages(context, examples: examples)
            + ExamplePages.pages(context, examples: examples, highlighter: highlighter)
            + MatrixPage.pages(context)
            + TranslationStatusPage.pages(context)
    }
}
