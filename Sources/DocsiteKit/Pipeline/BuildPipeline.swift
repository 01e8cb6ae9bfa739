import Foundation

public struct BuildOptions: Sendable {
    public var root: URL
    public var out: URL

    public init(root: URL, out: URL) {
        self.root = root
        self.out = out
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var files = 0
    /// Seconds per named stage, in order.
    public var timings: [(stage: String, seconds: Double)] = []
}

/// `docsite build`: load -> render -> write, each a named stage. Errors in
/// any stage stop the build before anything is written.
public enum BuildPipeline {
    public static func run(_ options: BuildOptions,
                           beforeEachFile: ((String) throws -> Void)? = nil) throws(DiagnosticsError) -> BuildReport {
        var report = BuildReport()
        let root = options.root.standardizedFileURL
        let (content, loadDiagnostics) = try stage("load", &report) { () throws(DiagnosticsError) in
            try ContentLoader.load(root: root)
        }
        // A page that failed to load would silently vanish from the site.
        if loadDiagnostics.hasErrors { throw DiagnosticsError(loadDiagnostics) }
        report.diagnostics += loadDiagnostics
        let renderer = SiteRenderer(content: content)
        let pagefind = SearchIndex.locate()
        let tree = try stage("render", &report) { () throws(DiagnosticsError) -> SiteTree in
            let (charts, _) = ChartCatalog.load(root: root)
            let context = GenerationContext(root: root, content: content, charts: charts)
            let generated = SiteGenerators.pages(context, highlighter: renderer.highlighter)
            let targets = renderer.targets(extraPages: generated)
            var pages = renderer.markdownPages(targets: targets) + generated
            ADRLog.decorate(&pages, context)
            Backlinks.add(&pages, context)
            var tree = renderer.assemble(pages, searchEnabled: pagefind != nil)
            tree.add("sitemap.xml", Data(Sitemap.xml(pages, config: content.config).utf8))
            return tree
        }
        try stage("write", &report) { () throws(DiagnosticsError) in
            try SiteWriter(root: root, out: options.out, beforeEachFile: beforeEachFile,
                           afterWriting: pagefind.map { tool in { folder in try SearchIndex.build(tool: tool, site: folder) } }).write(tree)
        }
        if pagefind == nil {
            report.diagnostics.append(.warning("search.unavailable", file: "site-out",
                                               "Pagefind not found (set PAGEFIND or put pagefind on PATH; `make site` installs it): the site is built without search"))
        }
        report.pages = content.pages.count
        report.files = tree.count
        return report
    }

    static func stage<T>(_ name: String, _ report: inout BuildReport, _ body: () throws(DiagnosticsError) -> T) throws(DiagnosticsError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { report.timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }
}
