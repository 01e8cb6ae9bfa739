import ArgumentParser
import DocsiteKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check translations, links, anchors, ADRs, overlays and the version matrix (the CI gate).",
        discussion: "Exit status: 0 without errors, 1 with errors, 2 for usage or internal failure.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let result = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
            try CheckRunner.run(root: common.rootURL, strict: strict)
        }
        emit(result.diagnostics, format: common.format.value, checks: result.checkNames)
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
