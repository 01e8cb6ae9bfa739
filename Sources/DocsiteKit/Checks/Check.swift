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
        MarkdownBlocksCheck(),
    ]

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var checkNames: [String]
    }

    /// `docsite check`: the load stage, then the check stage; what loading
    /// found is reported alongside, never hidden.
    public static func run(root: URL, checks: [any Check] = all, strict: Bool = false,
                           load: LoadStage = LoadStage()) throws(DiagnosticsError) -> Result {
        let (site, contentProblems) = try load.run(root: root)
        let found = CheckStage(checks: checks).run(site)
        // Stages and checks may meet one problem (a broken schema is seen by
        // the overlay and the chart check alike): report it once.
        var diagnostics = (contentProblems + site.problems + found).uniqueFindings()
        if strict { diagnostics = diagnostics.promotingWarnings() }
        let names = Set(checks.map(\.name) + ["frontmatter", "content"])
        return Result(diagnostics: diagnostics.sortedStably(), checkNames: names.sorted())
    }
}
