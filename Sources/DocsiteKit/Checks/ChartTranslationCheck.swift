import Foundation

/// Values descriptions have a current translation in every language:
/// `content/i18n/charts/<chart>.<lang>.yaml`.
public struct ChartTranslationCheck: Check {
    public let name = "translation"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let config = context.content.config
        var found: [Diagnostic] = []
        for language in config.languages where language != config.defaultLanguage {
            // Loaded once by the load stage, which reports what loading found.
            let translations = context.translations[language] ?? ChartTranslations()
            for chart in context.charts.charts {
                found += check(chart, language: language, translations: translations, context: context)
            }
        }
        return found
    }

    /// The English texts a chart owns: its description and its keys'.
    public static func sources(of chart: Chart, documentation: ChartDocumentation?) -> [(key: String, english: String)] {
        var result: [(String, String)] = []
        if let description = chart.metadata?["description"]?.string, !description.isEmpty { result.append(("_description", description)) }
        for row in documentation?.rows ?? [] where row.ownerChart == chart.id && !row.key.description.isEmpty {
            result.append((row.ownerPath, row.key.description))
        }
        return result
    }

    func check(_ chart: Chart, language: String, translations: ChartTranslations, context: LoadedSite) -> [Diagnostic] {
        let file = ChartTranslations.file(chart: chart.id, language: language)
        let sources = Self.sources(of: chart, documentation: context.documentation[chart.id])
        var found: [Diagnostic] = []
        var missing: [String] = []
        for (key, english) in sources {
            guard let entry = translations.entry(chart: chart.id, key: key), !entry.text.isEmpty else {
                missing.append(key)
                continue
            }
            if entry.sourceHash != ChartTranslations.hash(english) {
                found.append(.warning(.translationStale, file: file, line: entry.line,
                                      "the English description of '\(key)' in \(chart.schemaFile) changed since this translation (see what changed with 'docsite translations diff \(file)'; run 'docsite translations charts --sync' after updating it)"))
            }
        }
        // One finding per key would bury everything else; name them all in one line per file.
        if !missing.isEmpty {
            let exists = context.fileExists(file)
            found.append(.error(.translationMissing, file: exists ? file : chart.schemaFile, line: 1,
                                "\(missing.count) values description(s) of \(chart.id) have no \(language) translation\(exists ? "" : " (expected \(file))"): \(missing.prefix(12).joined(separator: ", "))\(missing.count > 12 ? ", …" : ""); run 'docsite translations charts' to add them"))
        }
        let known = Set(sources.map(\.key))
        for (key, entry) in (translations.entries[chart.id] ?? [:]).sorted(by: { $0.value.line < $1.value.line }) where !known.contains(key) {
            found.append(.warning(.translationOrphan, file: file, line: entry.line,
                                  "'\(key)' is not a documented key of \(chart.id) any more"))
        }
        return found
    }
}
