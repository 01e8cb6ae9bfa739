import ArgumentParser
import DocsiteKit
import Foundation

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
        let located = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
            try ChartLocation.resolve(chart, root: common.rootURL)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let paths = OverlayValidation.commandLinePaths(files, currentDirectory: cwd)
        let found = located.problems + OverlayValidation(root: located.root, catalog: located.catalog)
            .validate(paths: paths, chart: located.chart)
        emit(found, format: common.format.value)
        if found.hasErrors { throw ExitCode(1) }
    }
}
