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
    /// about 40 s of CPU, which a writer iterating locally may not want to wait for.
    public var search: Bool
    /// Shards Pagefind indexes the site in before they are merged into one
    /// index (`SearchIndex`); nil: by the number of pages (`SearchIndex.shardCount`).
    /// The results are the same for any count; an edit re-indexes its shard.
    public var searchShards: Int?
    /// Called once the new site is in place, before the build cache is
    /// saved: `docsite serve` reloads open pages from here, so a reader does
    /// not wait for the cache (0.2 s at 10,000 pages) to see an edit.
    public var published: (@Sendable () -> Void)?

    public init(root: URL, out: URL, incremental: Bool = true, releasesMemory: Bool = true, search: Bool = true, searchShards: Int? = nil,
                published: (@Sendable () -> Void)? = nil) {
        self.root = root
        self.out = out
        self.incremental = incremental
        self.releasesMemory = releasesMemory
        self.search = search
        self.searchShards = searchShards
        self.published = published
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var files = 0
    /// Pages carried over from the previous output by the build cache.
    public var reusedPages = 0
    /// Nothing the build reads changed and the output is as the last build
    /// left it: nothing was loaded, written or saved (`BuildInputs`); the
    /// figures and diagnostics are the last build's.
    public var nothingChanged = false

    static func displayPath(_ url: URL, root: URL) -> String {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
    /// Seconds per named stage, in order.
    public var timings: [(stage: String, seconds: Double)] = []
}

/// `docsite build`: the load, render and write stages (`Stage`). Errors in
/// any stage stop the build before anything is written.
public enum BuildPipeline {
    public static func run(_ options: BuildOptions, load: LoadStage = LoadStage(),
                           beforeEachFile: ((String) throws -> Void)? = nil) throws(DiagnosticsError) -> BuildReport {
        var report = BuildReport()
        let root = options.root.standardizedFileURL
        // Keyed by the real path: two spellings of one folder are one output.
        let out = OutputFolder.realPath(options.out)
        let pagefind = options.search ? SearchIndex.locate() : nil
        let cache = BuildCache.Ahead(out: out, enabled: options.incremental)
        // Scanned before anything is read, so an edit made while this build
        // reads the files shows in the next build's scan.
        let inputs = try timed("inputs", LoadStage.self, &report) {
            BuildInputs.scan(root: root, settings: settings(options, out: out, pagefind: pagefind), tools: pagefind.map { [$0] } ?? [])
        }
        let standing = try timed("cache", LoadStage.self, &report) { () -> BuildSummary? in
            guard let head = cache.bytes.value.flatMap(CacheCodec.decodeHead) else { return nil }
            // Most likely nothing changed: then the pages are not needed.
            if head.0.inputs == inputs.digest { cache.stopDecoding() }
            return BuildCache.unchangedBuild(head, inputs: inputs, out: out)
        }
        if let summary = standing {
            report.nothingChanged = true
            report.diagnostics = summary.diagnostics
            report.pages = summary.pages
            report.reusedPages = summary.pages
            report.files = summary.files
            return report
        }
        let history = LastUpdated.walk(root: root)
        let previous = try timed("decode", LoadStage.self, &report) { cache.decoded }
        let (site, contentProblems) = try timed("load", LoadStage.self, &report) { () throws(DiagnosticsError) in
            try load.run(root: root, cache: previous?.pages ?? [:], stamps: inputs.settledStamps)
        }
        // A page that failed to load would silently vanish from the site.
        if contentProblems.hasErrors { throw DiagnosticsError(contentProblems) }
        report.diagnostics += contentProblems
        // Worked out on another thread while the pages are rendered.
        let highlighter = SyntaxHighlighter()
        let generated = Pending { SiteGenerators.pages(site, highlighter: highlighter) }
        let cachedPages = Pending { WriteStage.encodePages(site.content, previous: previous) }
        let indexing = SearchTimings()
        let shards = SearchShards(count: options.searchShards ?? SearchIndex.shardCount(pages: site.content.pages.count),
                                  ownShard: Set(site.config.languages.map { TranslationStatusPage.folder($0) + "index.html" }))
        let write = WriteStage(writer: SiteWriter(root: root, out: out, beforeEachFile: beforeEachFile,
                                                  afterWriting: pagefind.map { tool in { folder, changed in
                                                      indexing.value = try SearchIndex.build(tool: tool, site: folder, shards: shards, changed: changed,
                                                                                             work: SearchIndex.workFolder(out: out),
                                                                                             published: FileManager.default.fileExists(atPath: out.path) ? out : nil)
                                                  } },
                                                  derived: DerivedFolder(folder: SearchIndex.folder,
                                                                         previousStamps: previous?.outputStamps ?? [:], shards: shards),
                                                  recorded: previous?.recordedOutput, recordedMirror: previous?.mirror),
                               out: out)
        // Only once `prepare` accepted the output is anything beside it touched.
        try timed("prepare", WriteStage.self, &report) { () throws(DiagnosticsError) in try write.prepare() }
        let rendered: RenderStage.Output
        do {
            rendered = try timed("render", RenderStage.self, &report) { () throws(DiagnosticsError) in
                try RenderStage(previous: previous, searchEnabled: pagefind != nil, history: history, generated: generated).run(site, writer: write.writer, out: out)
            }
        } catch {
            write.abort()
            throw error
        }
        try timed("write", WriteStage.self, &report) { () throws(DiagnosticsError) in try write.commit() }
        indexing.split(&report)
        options.published?()
        // Reported, not dropped: the same findings `check` shows for the charts.
        report.diagnostics += site.problems + rendered.warnings.reported(by: RenderStage.name)
        if options.search && pagefind == nil {
            report.diagnostics += [.warning(.searchUnavailable, file: BuildReport.displayPath(out, root: root),
                                            "Pagefind not found (set PAGEFIND or put pagefind on PATH; `make site` installs it): the site is built without search")]
                .reported(by: WriteStage.name)
        }
        report.reusedPages = rendered.reusedPages
        report.pages = site.content.pages.count
        report.files = rendered.files
        // A scan that proves nothing is not recorded: the next build is a real one.
        let summary = BuildSummary(inputs: inputs.provable ? inputs.digest : "",
                                   pages: report.pages, files: report.files, diagnostics: report.diagnostics)
        try timed("save", WriteStage.self, &report) { write.saveCache(pages: cachedPages.value, fingerprints: rendered.fingerprints, summary: summary) }
        if !options.releasesMemory { KeptUntilExit.keep(site) }
        return report
    }

    /// The options a build's result depends on, for `BuildInputs`: this
    /// executable (`BuildCache.formatVersion`), search on or off and the
    /// Pagefind it runs (its path; the scan stamps the file) and the
    /// output. Not the shard count: the merged index does not depend on it.
    static func settings(_ options: BuildOptions, out: URL, pagefind: String?) -> [String] {
        let search = options.search ? "pagefind \(pagefind ?? "missing")" : "search off"
        return [BuildCache.formatVersion, search, "out \(out.path)"]
    }

    /// Runs one step of `kind`, timed under `label` (the figures `build`
    /// prints); what it throws is claimed for the stage.
    static func timed<T>(_ label: String, _ kind: any Stage.Type, _ report: inout BuildReport,
                         _ body: () throws(DiagnosticsError) -> T) throws(DiagnosticsError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { report.timings.append((label, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        do { return try body() } catch { throw error.reported(by: kind.name) }
    }
}

/// What the search index took inside the write stage, shown as stages of
/// their own ("index", "merge") taken out of "write".
final class SearchTimings: @unchecked Sendable {
    var value: SearchIndex.Timings?

    func split(_ report: inout BuildReport) {
        guard let value, let last = report.timings.last, last.stage == "write" else { return }
        report.timings.removeLast()
        report.timings += [("write", max(0, last.seconds - value.indexing - value.merging)),
                           ("index \(value.shards) shard\(value.shards == 1 ? "" : "s")" + (value.byPagefind > 0 ? " (\(value.byPagefind) by Pagefind)" : ""),
                            value.indexing), ("merge", value.merging)]
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
