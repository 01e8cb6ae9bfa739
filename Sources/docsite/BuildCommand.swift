import ArgumentParser
import DocsiteKit
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the static site into the output folder.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Output folder, replaced as a whole only when the build succeeds.")
    var out: String = "site-out"

    @Flag(help: "Skip the Pagefind search index (quicker local builds of large sites; the site has no search box).")
    var noSearch = false

    @Option(help: "Shards Pagefind indexes the site in before they are merged into one index (the results do not depend on it; an edit re-indexes its page's shard); 0: about one per 100 pages, at most 128.")
    var searchShards = 0

    func run() throws {
        let outURL = URL(fileURLWithPath: out, relativeTo: common.rootURL).standardizedFileURL
        // The process ends after this build: no need to free the site.
        let options = BuildOptions(root: common.rootURL, out: outURL, releasesMemory: false, search: !noSearch, searchShards: searchShards == 0 ? nil : searchShards)
        let report = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in try BuildPipeline.run(options) }
        emit(report.diagnostics, format: common.format.value, quietWhenEmpty: true)
        let timings = report.timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
        let counts = "\(report.pages) pages (\(report.files) files, \(report.reusedPages) pages unchanged)"
        // Nothing loaded, written or saved: the figures are the last build's.
        let summary = report.nothingChanged ? "nothing changed: \(counts) already in \(out)" : "built \(counts) into \(out)"
        print("\(summary) [\(timings)]; \(Self.peakMemory())")
    }

    /// This process's peak resident memory and the search indexer's:
    /// `docsite-bench` adds the two for the build's peak. The indexer's is
    /// measured on each Pagefind run (`SearchIndex.peakBytes`), not with
    /// `RUSAGE_CHILDREN`, which on Linux starts every child at its parent's
    /// peak.
    static func peakMemory() -> String {
        var own = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        return "peak memory: docsite \(own.ru_maxrss / 1024) MiB, indexer \(SearchIndex.peakBytes / 1_048_576) MiB"
    }
}
