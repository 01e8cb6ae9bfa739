import Foundation

public struct BuildOptions: Sendable {
    public var root: URL
    public var out: URL
    /// Use the build cache beside the output to skip unchanged pages.
    public var incremental: Bool
    /// Free the loaded site when the build ends. A command that exits right
    /// after the build turns this off: taking apart the syntax trees of
    /// 10,000 pages cost a quarter of a second the process would give back
    /// at exit anyway (compilers skip this for the same reason).
    public var releasesMemory: Bool

    /// Build the search index when Pagefind is installed. Off, the site
    /// has no search box and no warning: indexing 10,000 pages takes Pagefind
    /// about 20 s, which a writer iterating locally may not want to wait for.
    public var search: Bool

    public init(root: URL, out: URL, incremental: Bool = true, releasesMemory: Bool = true, search: Bool = true) {
        self.root = root
        self.out = out
        self.incremental = incremental
        self.releasesMemory = releasesMemory
        self.search = search
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var files = 0
    /// Pages carried over from the previous output by the build cache.
    public var reusedPages = 0

    static func displayPath(_ url: URL, root: URL) -> String {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
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
        // Keyed by the real path: two spellings of one folder are one output.
        let out = OutputFolder.realPath(options.out)
        let previous = try stage("cache", &report) { options.incremental ? BuildCache.load(out: out) : nil }
        let (content, loadDiagnostics) = try stage("load", &report) { () throws(DiagnosticsError) in
            try ContentLoader.load(root: root, cache: previous?.pages ?? [:])
        }
        // A page that failed to load would silently vanish from the site.
        if loadDiagnostics.hasErrors { throw DiagnosticsError(loadDiagnostics) }
        report.diagnostics += loadDiagnostics
        let renderer = SiteRenderer(content: content)
        let pagefind = options.search ? SearchIndex.locate() : nil
        var fingerprints: [String: String] = [:]
        var reusedPages = 0
        var chartProblems: [Diagnostic] = []
        var files = 0
        let writer = SiteWriter(root: root, out: out, beforeEachFile: beforeEachFile,
                                afterWriting: pagefind.map { tool in { folder in try SearchIndex.build(tool: tool, site: folder) } },
                                derived: DerivedFolder(folder: SearchIndex.folder, previousStamps: previous?.outputStamps ?? [:]))
        try stage("prepare", &report) { () throws(DiagnosticsError) in try writer.begin() }
        // The cache is rewritten after a successful write; a failed build
        // must not leave one that describes output that was never published.
        // (Only once `begin` accepted the output: nothing beside a refused
        // --out is touched.)
        BuildCache.discard(out: out)
        do {
            try stage("render", &report) { () throws(DiagnosticsError) in
                let context = LoadedSite.load(root: root, content: content)
                chartProblems = context.chartProblems
                let generated = SiteGenerators.pages(context, highlighter: renderer.highlighter)
                var pages = renderer.markdownPages() + generated
                ADRLog.decorate(&pages, context)
                Backlinks.add(&pages, context)
                let site = Fingerprint.site(pages, content: content, searchEnabled: pagefind != nil)
                let pageFingerprints = pages.concurrentMap { Fingerprint.page($0, site: site) }
                for (page, fingerprint) in zip(pages, pageFingerprints) { fingerprints[page.outputFile] = fingerprint }
                // Reuse needs the file still published as the file the cache
                // recorded (its stamp), not only a matching fingerprint: a page
                // edited by hand in the output is written again.
                let unchanged = BuildCache.verifiedReuse(pages.map(\.outputFile), fingerprints: fingerprints,
                                                        previous: previous, published: writer.published, out: out)
                do {
                    var tree = try renderer.assemble(pages, searchEnabled: pagefind != nil, root: root,
                                                     reuse: { unchanged.contains($0.outputFile) },
                                                     writer: writer)
                    tree.add("sitemap.xml", Data(Sitemap.xml(pages, config: content.config).utf8))
                    try writer.stage(tree)
                    files = pages.count + tree.files.count
                } catch let error as DiagnosticsError {
                    throw error
                } catch {
                    throw DiagnosticsError([.error(.outputWrite, file: BuildReport.displayPath(out, root: root),
                                                   "writing the site failed, previous output kept: \(error)")])
                }
                reusedPages = unchanged.count
            }
        } catch {
            writer.abort()
            throw error
        }
        try stage("write", &report) { () throws(DiagnosticsError) in try writer.commit() }
        // Reported, not dropped: the same findings `check` shows for the charts.
        report.diagnostics += chartProblems
        try stage("save", &report) {
            BuildCache(version: BuildCache.formatVersion,
                       pages: Dictionary(content.pages.map { ($0.file, $0.metadata) }, uniquingKeysWith: { a, _ in a }),
                       outputs: fingerprints, outputStamps: writer.stamps()).save(out: out)
        }
        if options.search && pagefind == nil {
            report.diagnostics.append(.warning(.searchUnavailable, file: BuildReport.displayPath(out, root: root),
                                               "Pagefind not found (set PAGEFIND or put pagefind on PATH; `make site` installs it): the site is built without search"))
        }
        if !options.releasesMemory { KeptUntilExit.keep(content) }
        report.reusedPages = reusedPages
        report.pages = content.pages.count
        report.files = files
        return report
    }

    static func stage<T>(_ name: String, _ report: inout BuildReport, _ body: () throws(DiagnosticsError) -> T) throws(DiagnosticsError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { report.timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }
}

/// Holds values the process never frees (see `BuildOptions.releasesMemory`).
enum KeptUntilExit {
    private final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
