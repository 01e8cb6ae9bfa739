import Foundation

/// The load stage: `content/`, the charts (schemas, values references,
/// translations, custom resources) and the example overlays' verdicts, read
/// once into a `LoadedSite` that every later stage reads instead of the disk.
public struct LoadStage: Stage, Sendable {
    public static let name = "load"

    /// Reads the chart catalog; a test passes a counting one to prove
    /// that nothing after this stage reads the charts again.
    public var loadCharts: @Sendable (URL) -> (ChartCatalog, [Diagnostic])

    public init(loadCharts: @escaping @Sendable (URL) -> (ChartCatalog, [Diagnostic]) = { ChartCatalog.load(root: $0) }) {
        self.loadCharts = loadCharts
    }

    /// The site (with what loading its charts found, `LoadedSite.problems`)
    /// and the content's problems (a page that failed to load is left out).
    /// Throws only when the site configuration itself is unusable.
    /// `stamps`: the settled stamps of the files (`BuildInputs.settledStamps`).
    public func run(root: URL, cache: [String: Page.Metadata] = [:],
                    stamps: [String: String] = [:]) throws(DiagnosticsError) -> (site: LoadedSite, content: [Diagnostic]) {
        let (content, problems) = try Self.claiming { () throws(DiagnosticsError) in
            try ContentLoader.load(root: root, cache: cache, stamps: stamps)
        }
        let (charts, chartProblems) = loadCharts(root)
        var site = LoadedSite(root: root, content: content, charts: charts, chartProblems: chartProblems)
        site.problems = site.problems.reported(by: Self.name)
        return (site, problems.reported(by: Self.name))
    }
}
