import ArgumentParser
import DocsiteKit
import Foundation

struct CommonOptions: ParsableArguments {
    @Option(help: "Repository root holding content/ and charts/.")
    var root: String = "."

    @Option(help: "Diagnostics format: text, json, github or junit.")
    var format: OutputFormatArgument = .text

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }
}

/// `--format`; its description is what the help text shows as the default.
struct OutputFormatArgument: ExpressibleByArgument, CustomStringConvertible {
    var value: OutputFormat
    init?(argument: String) {
        guard let value = OutputFormat(rawValue: argument) else { return nil }
        self.value = value
    }
    static let text = OutputFormatArgument(argument: "text")!
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    var description: String { value.rawValue }
    var defaultValueDescription: String { value.rawValue }
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

/// The one failure path of every command: the diagnostics that stopped
/// `body` are printed in the chosen format and the process exits 1.
func stoppingOnDiagnostics<T>(_ format: OutputFormatArgument, _ body: () throws(DiagnosticsError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        emit(error.diagnostics, format: format.value)
        throw ExitCode(1)
    }
}
