import ArgumentParser
import DocsiteKit
import Foundation

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List translation pairs, show what changed in English since a translation, mark translations as synced, exchange PO catalogs.",
        subcommands: [Status.self, Sync.self, Diff.self, Charts.self, Export.self, Import.self])

    struct Charts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add new values keys to content/i18n/charts/<chart>.<lang>.yaml; with --sync, mark translated keys current.")
        @OptionGroup var common: CommonOptions

        @Flag(help: "Record the current English hash for every key that has a translation.")
        var sync = false

        func run() throws {
            let written = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                try ChartTranslationFiles.update(root: common.rootURL, sync: sync)
            }
            for file in written { print("updated \(file)") }
            if written.isEmpty { print("chart translation files are up to date") }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every pair as up to date, stale or missing, with its forbidden glossary terms.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let pairs = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                let (content, _) = try ContentLoader.load(root: common.rootURL)
                let counted = try TranslationStatus.countingTerms(TranslationStatus.pairs(content), content: content, root: common.rootURL)
                return TranslationStatus.withEnglishChanges(counted, content: content, root: common.rootURL)
            }
            if common.format.value == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(["pairs": pairs]), as: UTF8.self))
            } else {
                print(TranslationStatus.textReport(pairs), terminator: "")
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed in the English text since a translation was synced, section by section (reads git history).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "A translated page (content/ru/guides/setup.md) or chart description file (content/i18n/charts/spark-4.1.ru.yaml).")
        var path: String

        func run() throws {
            let diff = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                try EnglishHistory.diff(root: common.rootURL, path: path)
            }
            print(diff, terminator: "")
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that translations are up to date with their originals (writes source_hash).")
        @OptionGroup var common: CommonOptions

        @Argument(help: "Translated pages, e.g. content/ru/guides/setup.md.")
        var paths: [String]

        func run() throws {
            let synced = try stoppingOnDiagnostics(common.format) { () throws(DiagnosticsError) in
                try TranslationStatus.sync(root: common.rootURL, paths: paths)
            }
            for path in synced { print("synced \(path)") }
        }
    }
}
