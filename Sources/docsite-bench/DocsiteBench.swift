import DocsiteKit
import Foundation
#if canImport(Glibc)
import Glibc
import SystemIO
#endif

/// `swift run -c release docsite-bench [--pages 1000,5000] [--runs 3]`:
/// builds a generated bilingual corpus with docsite (cold, after a one-page
/// edit, with nothing changed; without search and, when Pagefind is found,
/// with it) and with Hugo when installed, alternating runs, and prints
/// medians, ratios and peak memory. Figures are printed, never asserted.
/// `docsite-bench hostile` times the issue-17 budget attacks (HostileBench);
/// `docsite-bench serve CORPUS OUT` times `docsite serve` alone (ServeBench).
@main
struct DocsiteBench {
    /// A usage or measurement error is a message and exit status 1, not a crash report.
    static func main() {
        do { try run() } catch {
            FileHandle.standardError.write(Data("docsite-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "hostile" {
            try HostileBench.run(arguments: Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "schema" {
            try SchemaBench.run(arguments: Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "merge-index" {
            try MergeBench.run(arguments: Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "index-pages" {
            try IndexBench.run(arguments: Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "serve" {
            try ServeBench.run(arguments: Array(arguments.dropFirst()))
            return
        }
        let options = try BenchOptions(arguments: arguments)
        let hugo = which("hugo")
        say("docsite-bench: pages per language \(options.pages), \(options.runs) runs each, hugo: \(hugo ?? "not installed"), "
            + "pagefind: \(options.pagefind ?? "not found, builds with search not measured"), load average \(loadAverage())")
        var results: [BenchResult] = []
        Retired.waitForFreedInodes(options.workDirectory)
        for pages in options.pages {
            results.append(try benchmark(pages: pages, options: options, hugo: hugo))
        }
        // Deleted only now, after every measurement (see `Retired`).
        Retired.empty(options.workDirectory)
        say("")
        let table = BenchResult.table(results)
        say(table)
        try Data(("load average at the end: \(loadAverage())\n\n" + table).utf8).write(to: options.workDirectory.appendingPathComponent("results.md"))
        say("load average at the end: \(loadAverage())")
        let data = try JSONEncoder.pretty.encode(results)
        try data.write(to: options.workDirectory.appendingPathComponent("results.json"))
        say("results: \(options.workDirectory.appendingPathComponent("results.json").path)")
    }

    static func benchmark(pages: Int, options: BenchOptions, hugo: String?) throws -> BenchResult {
        let corpus = options.workDirectory.appendingPathComponent("corpus-\(pages)")
        let hugoCorpus = options.workDirectory.appendingPathComponent("corpus-\(pages)-hugo")
        try Corpus.make(pages: pages, at: corpus, layout: "plain", generator: options.generator)
        if hugo != nil { try Corpus.make(pages: pages, at: hugoCorpus, layout: "hugo", generator: options.generator) }
        let out = options.workDirectory.appendingPathComponent("site-\(pages)")
        let searchOut = options.workDirectory.appendingPathComponent("site-\(pages)-search")
        let hugoOut = options.workDirectory.appendingPathComponent("hugo-\(pages)")
        var result = BenchResult(pagesPerLanguage: pages, documents: Corpus.countPages(corpus))
        // Without search, like Hugo here: the figures compare the same work.
        let docsiteBuild = [options.docsite, "build", "--root", corpus.path, "--out", out.path, "--no-search"]
        // With search, as `make site` and `docsite serve` build (Pagefind on PATH).
        let searchBuild = options.pagefind.map { _ in [options.docsite, "build", "--root", corpus.path, "--out", searchOut.path] }
        let taskset = ProcessInfo.processInfo.activeProcessorCount > 1 ? which("taskset") : nil
        let hugoBuild = [hugo ?? "hugo", "--quiet", "--source", hugoCorpus.path, "--destination", hugoOut.path]
        // One untimed build of each tool first, so the timed runs do not
        // read the tools themselves from disk.
        _ = try Measure.run(docsiteBuild)
        if let searchBuild { _ = try Measure.run(searchBuild) }
        if hugo != nil { _ = try Measure.run(hugoBuild) }
        say("  N=\(pages): warm-up builds done")
        /// A docsite build without output or cache, the corpus freshly read.
        func coldDocsite(_ command: [String], out: URL = out) throws -> Sample {
            Retired.retire(out, in: options.workDirectory)
            Retired.retire(BuildCache.location(out: out), in: options.workDirectory)
            Retired.retire(SiteWriter(root: corpus, out: out).mirror, in: options.workDirectory)
            Retired.retire(SearchIndex.workFolder(out: out), in: options.workDirectory)
            Corpus.warm(corpus)
            return try Measure.run(command)
        }
        // Cold builds, alternating tools so machine noise hits both alike.
        for run in 1...options.runs {
            let d = try coldDocsite(docsiteBuild)
            result.docsiteCold.append(d)
            say("  N=\(pages) run \(run): docsite cold \(d.formatted)")
            // The same cold build held to one core shows how it scales.
            if let taskset {
                let one = try coldDocsite([taskset, "--cpu-list", "0"] + docsiteBuild)
                result.docsiteOneCore.append(one)
                say("  N=\(pages) run \(run): docsite cold on 1 core \(one.formatted)")
            }
            if hugo != nil {
                Retired.retire(hugoOut, in: options.workDirectory)
                Retired.retire(hugoCorpus.appendingPathComponent("resources"), in: options.workDirectory)
                Corpus.warm(hugoCorpus)
                let h = try Measure.run(hugoBuild)
                result.hugoCold.append(h)
                say("  N=\(pages) run \(run): hugo cold    \(h.formatted)")
            }
            if let searchBuild {
                let d = try coldDocsite(searchBuild, out: searchOut)
                result.searchCold.append(d)
                say("  N=\(pages) run \(run): docsite cold with search \(d.formatted)")
            }
        }
        /// One incremental docsite build without search, then one with it.
        func rebuildBoth(_ label: String, run: Int, into plain: inout [Sample], withSearch: inout [Sample]) throws {
            let d = try Measure.run(docsiteBuild)
            plain.append(d)
            say("  N=\(pages) run \(run): docsite \(label) \(d.formatted)")
            guard let searchBuild else { return }
            let w = try Measure.run(searchBuild)
            withSearch.append(w)
            say("  N=\(pages) run \(run): docsite \(label) with search \(w.formatted)")
        }
        // Rebuilds after editing one page (a different line each run).
        for run in 1...options.runs {
            try Corpus.editOnePage(corpus, run: run)
            Corpus.warm(corpus)
            try rebuildBoth("rebuild", run: run, into: &result.docsiteRebuild, withSearch: &result.searchRebuild)
            if hugo != nil {
                try Corpus.editOnePage(hugoCorpus, run: run)
                Corpus.warm(hugoCorpus)
                let h = try Measure.run(hugoBuild)
                result.hugoRebuild.append(h)
                say("  N=\(pages) run \(run): hugo rebuild    \(h.formatted)")
            }
        }
        // Rebuilds with nothing changed since the last build.
        for run in 1...options.runs {
            Corpus.warm(corpus)
            try rebuildBoth("unchanged", run: run, into: &result.docsiteUnchanged, withSearch: &result.searchUnchanged)
        }
        if searchBuild != nil {
            Corpus.warm(corpus)
            result.serveEdit = try ServeBench.measure(docsite: options.docsite, corpus: corpus, out: searchOut, runs: options.runs)
        }
        for _ in 1...options.runs {
            Corpus.warm(corpus)
            // `check` exits 1 on this corpus (its ADR file names are not NNNN-slug.md); only time counts.
            result.docsiteCheck.append(try Measure.run([options.docsite, "check", "--root", corpus.path, "--format", "json"], acceptExit: [0, 1]))
        }
        return result
    }

    /// The 1, 5 and 15 minute load averages: the figures of a shared machine need them beside.
    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "unknown" }
        return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }

    static func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

struct BenchOptions {
    var pages = [1000, 5000]
    var runs = 3
    var workDirectory = URL(fileURLWithPath: "bench-out")
    var docsite = ".build/release/docsite"
    var generator: String?
    /// Pagefind (PAGEFIND or PATH, as docsite finds it): builds with search are measured when it is there.
    var pagefind = SearchIndex.locate()

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--pages": pages = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--runs": runs = max(1, Int(iterator.next() ?? "") ?? 3)
            case "--work": workDirectory = URL(fileURLWithPath: iterator.next() ?? "bench-out")
            case "--docsite": docsite = iterator.next() ?? docsite
            case "--generator": generator = iterator.next()
            default:
                throw BenchError("unknown argument \(argument); use --pages 1000,5000 --runs 3 --work DIR --docsite PATH --generator gen-corpus.py")
            }
        }
        if generator == nil {
            let shared = URL(fileURLWithPath: "../shared/bench/gen-corpus.py")
            if FileManager.default.fileExists(atPath: shared.path) { generator = shared.path }
        }
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    }
}

/// Outputs of earlier cold runs are moved aside, not deleted, until the end.
/// On ext4 without a journal (this kind of machine) the inode allocator skips
/// inodes freed in the last minutes and scans for others: deleting 10,000
/// files just before a build made the next build's file creation several
/// times slower, and the figure depended on the gap, not on the tool.
/// Both tools are measured the same way.
enum Retired {
    static func folder(in work: URL) -> URL { work.appendingPathComponent("retired") }

    static func retire(_ item: URL, in work: URL) {
        guard FileManager.default.fileExists(atPath: item.path) else { return }
        let bin = folder(in: work)
        try? FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let target = bin.appendingPathComponent("\(item.lastPathComponent)-\(UUID().uuidString)")
        if (try? FileManager.default.moveItem(at: item, to: target)) == nil { try? FileManager.default.removeItem(at: item) }
    }

    static func empty(_ work: URL) {
        try? FileManager.default.removeItem(at: folder(in: work))
        FileManager.default.createFile(atPath: marker(in: work).path, contents: Data())
    }

    static func marker(in work: URL) -> URL { work.appendingPathComponent("retired.emptied") }

    /// The kernel skips freed inodes for up to six minutes; a run started
    /// sooner after the last one emptied its outputs would measure that.
    static func waitForFreedInodes(_ work: URL, window: TimeInterval = 400) {
        guard let emptied = (try? FileManager.default.attributesOfItem(atPath: marker(in: work).path))?[.modificationDate] as? Date
        else { return }
        let remaining = window - Date().timeIntervalSince(emptied)
        guard remaining > 0 else { return }
        say("waiting \(Int(remaining.rounded(.up))) s: the last run deleted its outputs \(Int(window - remaining)) s ago, and file creation is slower until the file system reuses those inodes")
        Thread.sleep(forTimeInterval: remaining)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One measured process: wall time and peak resident memory. `peakMiB` is
/// the process's own maximum resident set; with the search indexer, a child
/// of docsite, `treePeakMiB` adds the indexer's (docsite reports both on its
/// last line; the indexer's is the largest sum of the Pagefind runs' own
/// peaks running side by side, see `ChildProcess`), an upper bound of what
/// the two held together.
struct Sample: Codable {
    var seconds: Double
    var peakMiB: Double
    var treePeakMiB: Double?
    var formatted: String {
        String(format: "%.2f s, %.0f MiB", seconds, treePeakMiB ?? peakMiB) + (treePeakMiB == nil ? "" : " (docsite + indexer)")
    }
}

enum Measure {
    /// Runs a command to completion; the peak memory is this child's own
    /// (`ChildProcess`: getrusage of all children would mix runs, and Linux
    /// starts a child's `ru_maxrss` at its parent's peak). Its standard
    /// output is kept for docsite's last line (`treePeak`).
    static func run(_ command: [String], acceptExit: Set<Int32> = [0]) throws -> Sample {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-bench-\(getpid()).out").path
        defer { unlink(output) }
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = try ChildProcess.run(command[0], Array(command.dropFirst()), standardOutput: output)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard acceptExit.contains(outcome.status) else {
            throw BenchError("\(command.joined(separator: " ")) exited with \(outcome.status): \(outcome.standardError.suffix(2000))")
        }
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return Sample(seconds: seconds, peakMiB: Double(outcome.peakBytes) / 1_048_576, treePeakMiB: treePeak(printed))
    }

    /// The sum of the two peaks in docsite's `peak memory: docsite A MiB, indexer B MiB`.
    static func treePeak(_ printed: String) -> Double? {
        guard let range = printed.range(of: "peak memory: docsite ") else { return nil }
        let numbers = printed[range.upperBound...].split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Double($0) }
        // No indexer ran (a build without search, or an unchanged site): the process's own peak stands.
        return numbers.count == 2 && numbers[1] > 0 ? numbers[0] + numbers[1] : nil
    }
}

struct BenchResult: Codable {
    var pagesPerLanguage: Int
    var documents: Int
    var docsiteCold: [Sample] = []
    /// Cold builds pinned to one core (`taskset`), for the scaling figure.
    var docsiteOneCore: [Sample] = []
    var cores = ProcessInfo.processInfo.activeProcessorCount
    var docsiteRebuild: [Sample] = []
    var docsiteCheck: [Sample] = []
    var hugoCold: [Sample] = []
    var hugoRebuild: [Sample] = []
    var docsiteUnchanged: [Sample] = []
    /// Builds with search: cold, after the one-page edit, with nothing changed.
    var searchCold: [Sample] = []
    var searchRebuild: [Sample] = []
    var searchUnchanged: [Sample] = []
    /// `docsite serve`: from saving an edit to the page and index served (ServeBench).
    var serveEdit: [Sample] = []

    static func median(_ samples: [Sample]) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(\.seconds).sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func peak(_ samples: [Sample]) -> Double? { samples.map { $0.treePeakMiB ?? $0.peakMiB }.max() }

    /// Cells of the tables: seconds, MiB, a ratio; a dash where nothing was measured.
    static func s(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "—" }
    static func m(_ value: Double?) -> String { value.map { String(format: "%.0f MiB", $0) } ?? "—" }
    static func r(_ a: Double?, _ b: Double?) -> String {
        guard let a, let b, b > 0 else { return "—" }
        return String(format: "%.2f", a / b)
    }

    static func table(_ results: [BenchResult]) -> String {
        var out = "| N per language (documents) | docsite cold | Hugo cold | ratio | docsite rebuild | Hugo rebuild | docsite peak | Hugo peak | memory ratio | docsite check |\n"
        out += "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for x in results {
            let dc = median(x.docsiteCold), hc = median(x.hugoCold)
            let dp = peak(x.docsiteCold + x.docsiteRebuild), hp = peak(x.hugoCold + x.hugoRebuild)
            out += "| \(x.pagesPerLanguage) (\(x.documents)) | \(s(dc)) | \(s(hc)) | \(r(dc, hc)) | \(s(median(x.docsiteRebuild))) | \(s(median(x.hugoRebuild))) | \(m(dp)) | \(m(hp)) | \(r(dp, hp)) | \(s(median(x.docsiteCheck))) |\n"
        }
        out += searchTable(results)
        out += goalTable(results)
        guard results.contains(where: { !$0.docsiteOneCore.isEmpty }) else { return out }
        out += "\n| N per language | docsite cold, 1 core | docsite cold, all cores | cores | speed-up |\n| ---: | ---: | ---: | ---: | ---: |\n"
        for x in results where !x.docsiteOneCore.isEmpty {
            let one = median(x.docsiteOneCore), all = median(x.docsiteCold)
            out += "| \(x.pagesPerLanguage) | \(s(one)) | \(s(all)) | \(x.cores) | \(r(one, all)) |\n"
        }
        return out
    }
}

extension BenchResult {
    /// Builds with search against Hugo's cold build (Hugo builds no index).
    static func searchTable(_ results: [BenchResult]) -> String {
        var out = "\n| N per language | unchanged, no search | cold with search | ratio to Hugo cold | one-page rebuild with search | unchanged with search "
        out += "| peak with search (docsite + indexer) | memory ratio to Hugo |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for x in results {
            let cold = median(x.searchCold), hugo = median(x.hugoCold)
            let memory = peak(x.searchCold + x.searchRebuild + x.searchUnchanged), hugoMemory = peak(x.hugoCold + x.hugoRebuild)
            out += "| \(x.pagesPerLanguage) | \(s(median(x.docsiteUnchanged))) | \(s(cold)) | \(r(cold, hugo)) | \(s(median(x.searchRebuild))) "
            out += "| \(s(median(x.searchUnchanged))) | \(m(memory)) | \(r(memory, hugoMemory)) |\n"
        }
        return out
    }
}

extension BenchResult {
    /// Issue 21's goals, each against its measured median (or peak).
    static func goalTable(_ results: [BenchResult]) -> String {
        var out = "\n| N per language | goal | target | measured | met? |\n| ---: | --- | --- | ---: | --- |\n"
        for x in results {
            let hugo = median(x.hugoCold), hugoMemory = peak(x.hugoCold + x.hugoRebuild)
            let searchMemory = peak(x.searchCold + x.searchRebuild + x.searchUnchanged)
            let plainMemory = peak(x.docsiteCold + x.docsiteRebuild)
            let rows: [(String, String, Double?, Double?, String)] = [
                ("cold with search", "≤ 0.5× Hugo", median(x.searchCold), hugo.map { $0 * 0.5 }, "s"),
                ("one-page rebuild with search", "< 2 s", median(x.searchRebuild), 2, "s"),
                ("unchanged with search", "< 0.5 s", median(x.searchUnchanged), 0.5, "s"),
                ("peak with search (docsite + indexer)", "≤ 0.5× Hugo's peak", searchMemory, hugoMemory.map { $0 * 0.5 }, "MiB"),
                ("cold without search", "≤ 0.2× Hugo", median(x.docsiteCold), hugo.map { $0 * 0.2 }, "s"),
                ("one-page rebuild without search", "< 1 s", median(x.docsiteRebuild), 1, "s"),
                ("peak without search", "≤ 0.2× Hugo's peak", plainMemory, hugoMemory.map { $0 * 0.2 }, "MiB"),
                ("serve: edit served with search updated", "< 2 s", median(x.serveEdit), 2, "s"),
            ]
            for (goal, target, measured, limit, unit) in rows {
                let figure = unit == "s" ? s(measured) : m(measured)
                let met = measured.flatMap { value in limit.map { value <= $0 ? "yes" : "no" } } ?? "—"
                out += "| \(x.pagesPerLanguage) | \(goal) | \(target) | \(figure) | \(met) |\n"
            }
        }
        return out
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}

/// Writes a line straight to standard output (unbuffered), so progress shows
/// as it happens also when the output is piped to a file.
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
