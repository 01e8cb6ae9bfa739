import ArgumentParser
import DocsiteKit
import Foundation

@main
struct Docsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docsite",
        abstract: "Builds and checks the bilingual documentation site.",
        subcommands: [Build.self])
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

    func run() throws {
        let outURL = URL(fileURLWithPath: out, relativeTo: common.rootURL).standardizedFileURL
        do {
            let report = try BuildPipeline.run(BuildOptions(root: common.rootURL, out: outURL))
            emit(report.diagnostics, format: common.format.value, quietWhenEmpty: true)
            let timings = report.timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
            print("built \(report.pages) pages (\(report.files) files) into \(out) [\(timings)]")
        } catch {
            emit(error.diagnostics, format: common.format.value)
            throw ExitCode(1)
        }
    }
}
