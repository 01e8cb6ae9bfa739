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
