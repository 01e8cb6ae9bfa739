import Foundation

/// What every check sees: the loaded repository.
public struct CheckContext: Sendable {
    public var root: URL
    public var content: SiteContent
    public var charts: ChartCatalog
    /// Values references per chart id (keys, defaults, descriptions).
    public var documentation: [String: ChartDocumentation]

    public init(root: URL, content: SiteContent, charts: ChartCatalog) {
        self.root = root
        self.content = content
        self.charts = charts
        documentation = ChartDocumentation.all(root: root, catalog: charts)
    }

    public func fileExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }
}

/// A check is a small type that returns diagnostics; adding one is adding a
/// file and a line in `CheckRunner.all`.
public protocol Check: Sendable {
    /// Name shown in JUnit reports; the first part of the check's codes.
    var name: String { get }
    func run(_ context: CheckContext) -> [Diagnostic]
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
        let (charts, chartProblems) = ChartCatalog.load(root: root)
        let context = CheckContext(root: root, content: content, charts: charts)
        let found = checks.concurrentMap { $0.run(context) }
        var diagnostics = loadProblems + chartProblems + found.flatMap { $0 }
        diagnostics = Array(Set(diagnostics))
        if strict { diagnostics = diagnostics.promotingWarnings() }
        let names = Set(checks.map(\.name) + ["frontmatter", "content"])
        return Result(diagnostics: diagnostics.sortedStably(), checkNames: names.sorted())
    }
}
