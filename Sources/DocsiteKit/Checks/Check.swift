import Foundation

/// A check is a small type that returns diagnostics; adding one is adding a
/// file and a line in `CheckRunner.all`.
public protocol Check: Sendable {
    /// Name shown in JUnit reports; the first part of the check's codes.
    var name: String { get }
    func run(_ context: LoadedSite) -> [Diagnostic]
}

public enum CheckRunner {
    public static let all: [any Check] = [
        TranslationParityCheck(),
        UIStringsParityCheck(),
        LinkCheck(),
        ADRCheck(),
        OverlayCheck(),
        ChartSchemaCheck(),
        ChartTranslationCheck(),
        TranslationTermCheck(),
        MatrixCheck(),
        HeadingIDCheck(),
        MarkdownNestingCheck(),
    ]

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var checkNames: [String]
    }

    /// `docsite check`: load, then every check; loader problems are
    /// reported alongside, never hidden.
    public static func run(root: URL, checks: [any Check] = all, strict: Bool = false) throws(DiagnosticsError) -> Result {
        let (content, loadProblems) = try ContentLoader.load(root: root)
        let site = LoadedSite.load(root: root, content: content)
        let found = checks.concurrentMap { $0.run(site) }
        var diagnostics = loadProblems + site.chartProblems + found.flatMap { $0 }
        diagnostics = Array(Set(diagnostics))
        if strict { diagnostics = diagnostics.promotingWarnings() }
        let names = Set(checks.map(\.name) + ["frontmatter", "content"])
        return Result(diagnostics: diagnostics.sortedStably(), checkNames: names.sorted())
    }
}
