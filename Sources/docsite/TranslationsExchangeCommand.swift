import ArgumentParser
import DocsiteKit
import Foundation

/// `translations export` and `import`: the PO round trip for translation
/// tools. The work is in DocsiteKit (TranslationExport, TranslationImport).
extension Translations {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write values descriptions and UI strings as a gettext PO catalog per language.")

        enum FileFormat: String, ExpressibleByArgument, CaseIterable { case po }

        @Option(help: "Repository root holding content/ and charts/.")
        var root: String = "."

        @Option(help: "Catalog format (only po).")
        var format: FileFormat = .po

        @Option(help: "One language (default: every language but the first).")
        var language: String?

        @Option(help: "A .po file, or a folder that gets <language>.po (default: standard output).")
        var out: String?

        func run() throws {
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let rootURL = URL(fileURLWithPath: root).standardizedFileURL
            let result = try stoppingOnDiagnostics(.text) { () throws(DiagnosticsError) in
                try TranslationExport.run(root: rootURL, languages: language.map { [$0] },
                                          to: TranslationExport.Target(out: out, relativeTo: here))
            }
            print(result.standardOutput, terminator: "")
            for file in result.written { FileHandle.standardError.write(Data("wrote \(file)\n".utf8)) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the translations of a PO catalog into content/i18n/ (stale ones stay marked stale).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "The PO file, e.g. ru.po exported by 'translations export' and translated.")
        var file: String

        func run() throws {
            let result = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                try TranslationImport.run(root: common.rootURL, poFile: URL(fileURLWithPath: file), path: file)
            }
            emit(result.diagnostics, format: common.format.value, quietWhenEmpty: true)
            for written in result.written { FileHandle.standardError.write(Data("updated \(written)\n".utf8)) }
            FileHandle.standardError.write(Data("\(result.summary)\n".utf8))
        }
    }
}
