import ArgumentParser
import DocsiteKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create new content from a template.", subcommands: [ADR.self])

    struct ADR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adr", abstract: "Create the next-numbered ADR in every language (translations start as stubs).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "The decision's title.")
        var title: String

        func run() throws {
            let created = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                try NewADR.create(root: common.rootURL, title: title)
            }
            for path in created { print("created \(path)") }
        }
    }
}
