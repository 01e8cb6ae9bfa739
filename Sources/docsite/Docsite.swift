import ArgumentParser
import DocsiteKit
import Foundation

@main
struct Docsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docsite",
        abstract: "Builds and checks the bilingual documentation site.",
        subcommands: [Build.self, Check.self, Validate.self, Translations.self, New.self, Serve.self])

    /// Exit codes: 0 success, 1 findings, 2 usage or internal failure
    /// (ArgumentParser's own default for usage errors is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct CommonOptions: ParsableArguments {
    @Option(help: "Repository root holding content/ and charts/.")
    var root: String = "."

    @Option(help: "Diagnostics format: text, json, github or junit.")
    var format: OutputFormatArgument = .text

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }
}

struct OutputFormatArgument: ExpressibleByArgument {
    var value: OutputFormat
    init?(argument: String) {
        guard let value = OutputFormat(rawValue: argument) else { return nil }
        self.value = value
    }
    static let text = OutputFormatArgument(argument: "text")!
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}

/// Prints diagnostics: text goes to standard error (it is a log), the
/// machine formats to standard output (they are the result).
func emit(_ diagnostics: [Diagnostic], format: OutputFormat, checks: [String] = [], quietWhenEmpty: Bool = false) {
    if quietWhenEmpty && diagnostics.isEmpty && format == .text { return }
    let text = DiagnosticPrinter.render(diagnostics, format: format, checks: checks)
    if format == .text {
        FileHandle.standardError.write(Data(text.utf8))
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the static site into the output folder.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Output folder, replaced as a whole only when the build succeeds.")
    var out: String = "site-out"

    @Flag(help: "Skip the Pagefind search index (quicker local builds of large sites; the site has no search box).")
    var noSearch = false

    func run() throws {
        let outURL = URL(fileURLWithPath: out, relativeTo: common.rootURL).standardizedFileURL
        do {
            // The process ends after this build: no need to free the site.
            let report = try BuildPipeline.run(BuildOptions(root: common.rootURL, out: outURL, releasesMemory: false,
                                                            search: !noSearch))
            emit(report.diagnostics, format: common.format.value, quietWhenEmpty: true)
            let timings = report.timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
            print("built \(report.pages) pages (\(report.files) files, \(report.reusedPages) pages unchanged) into \(out) [\(timings)]")
        } catch {
            emit(error.diagnostics, format: common.format.value)
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check translations, links, anchors, ADRs, overlays and the version matrix (the CI gate).",
        discussion: "Exit status: 0 without errors, 1 with errors, 2 for usage or internal failure.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let result: CheckRunner.Result
        do {
            result = try CheckRunner.run(root: common.rootURL, strict: strict)
        } catch {
            emit(error.diagnostics, format: common.format.value)
            throw ExitCode(1)
        }
        emit(result.diagnostics, format: common.format.value, checks: result.checkNames)
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List translation pairs or mark translations as synced.",
        subcommands: [Status.self, Sync.self, Charts.self])

    struct Charts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add new values keys to content/i18n/charts/<chart>.<lang>.yaml; with --sync, mark translated keys current.")
        @OptionGroup var common: CommonOptions

        @Flag(help: "Record the current English hash for every key that has a translation.")
        var sync = false

        func run() throws {
            do {
                let written = try ChartTranslationFiles.update(root: common.rootURL, sync: sync)
                for file in written { print("updated \(file)") }
                if written.isEmpty { print("chart translation files are up to date") }
            } catch {
                emit(error.diagnostics, format: common.format.value)
                throw ExitCode(1)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every pair as up to date, stale or missing.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            do {
                let (content, _) = try ContentLoader.load(root: common.rootURL)
                let pairs = TranslationStatus.pairs(content)
                if common.format.value == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(["pairs": pairs]), as: UTF8.self))
                } else {
                    for pair in pairs {
                        print("\(pair.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(pair.language)  content/\(pair.language)/\(pair.path)")
                    }
                    let counts = Dictionary(grouping: pairs, by: \.state).mapValues(\.count)
                    print("\(counts[.upToDate] ?? 0) up to date, \(counts[.stale] ?? 0) stale, \(counts[.missing] ?? 0) missing")
                }
            } catch let error as DiagnosticsError {
                emit(error.diagnostics, format: common.format.value)
                throw ExitCode(1)
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that translations are up to date with their originals (writes source_hash).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "Translated pages, e.g. content/ru/guides/setup.md.")
        var paths: [String]

        func run() throws {
            do {
                for path in try TranslationStatus.sync(root: common.rootURL, paths: paths) { print("synced \(path)") }
            } catch {
                emit(error.diagnostics, format: common.format.value)
                throw ExitCode(1)
            }
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create new content from a template.", subcommands: [ADR.self])

    struct ADR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adr", abstract: "Create the next-numbered ADR in every language (translations start as stubs).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "The decision's title.")
        var title: String

        func run() throws {
            do {
                for path in try NewADR.create(root: common.rootURL, title: title) { print("created \(path)") }
            } catch {
                emit(error.diagnostics, format: common.format.value)
                throw ExitCode(1)
            }
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate values files against a chart's schema, as `helm install -f FILE` would.",
        discussion: """
            Each FILE (read from the current directory, like any command) is checked on its own over the chart's \
            defaults: its values decide which subcharts are on, as in Helm, and only those are validated. \
            Exit status 1 when any file is invalid.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "The chart: a path to its folder (charts/spark-4.1, ./x, /abs/path) or a chart name under --root.")
    var chart: String

    @Argument(help: "Values files (YAML or JSON).")
    var files: [String]

    func run() throws {
        let located: ChartLocation
        do {
            located = try ChartLocation.resolve(chart, root: common.rootURL)
        } catch {
            emit(error.diagnostics, format: common.format.value)
            throw ExitCode(1)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let paths = files.map { (url: URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL, file: $0) }
        let found = located.problems + OverlayValidation(root: located.root, catalog: located.catalog)
            .validate(paths: paths, chart: located.chart)
        emit(found, format: common.format.value)
        if found.hasErrors { throw ExitCode(1) }
    }
}
