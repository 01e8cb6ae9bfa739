import Foundation

/// One string docsite translates outside the pages: a values description
/// (`chart:spark-4.1#hiveMetastore.image.tag`) or a UI string
/// (`ui:search.label`), with its English text and today's translation.
public struct TranslationUnit: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        case chart(id: String, key: String)
        case ui(key: String)
    }

    public var origin: Origin
    public var english: String
    /// Where the English text comes from (a `#:` reference).
    public var reference: String
    /// Empty when not translated.
    public var translation: String
    /// Values descriptions only: the hash of the English text `translation`
    /// was made from. UI strings record none, so they are never stale.
    public var recordedHash: String?

    /// The stable key a PO entry carries as msgctxt.
    public var context: String {
        switch origin {
        case .chart(let id, let key): return "chart:\(id)#\(key)"
        case .ui(let key): return "ui:\(key)"
        }
    }

    public var isStale: Bool {
        guard case .chart = origin, !translation.isEmpty else { return false }
        return recordedHash != ChartTranslations.hash(english)
    }
}

/// Every unit of one language, and what the import needs to write them back.
public struct TranslationUnits: Sendable {
    public var language: String
    public var units: [TranslationUnit]
    var charts: ChartCatalog
    var chartSources: [String: [(key: String, english: String)]]
    var chartEntries: [String: [String: ChartTranslations.Entry]]
    /// `content/i18n/<language>.yaml` as it is (nil: no file).
    var uiFile: [(key: String, value: String, line: Int)]?

    /// `language` must be one of the site's languages other than the first.
    public static func load(root: URL, language: String) throws(DiagnosticsError) -> TranslationUnits {
        let config = try SiteConfig.load(root: root)
        guard config.languages.contains(language), language != config.defaultLanguage else {
            let others = config.languages.filter { $0 != config.defaultLanguage }
            throw DiagnosticsError([.error(.configInvalid, file: SiteConfig.file, line: 1,
                                           "'\(language)' is not a translation language of this site (\(others.isEmpty ? "it has none" : others.joined(separator: ", ")))")])
        }
        let (catalog, problems) = ChartCatalog.load(root: root)
        if problems.hasErrors { throw DiagnosticsError(problems) }
        let (translations, loadProblems) = ChartTranslations.load(root: root, charts: catalog, language: language)
        if loadProblems.hasErrors { throw DiagnosticsError(loadProblems) }
        let documentation = ChartDocumentation.all(root: root, catalog: catalog)
        var result = TranslationUnits(language: language, units: [], charts: catalog, chartSources: [:],
                                      chartEntries: translations.entries, uiFile: nil)
        for chart in catalog.charts {
            let sources = ChartTranslationCheck.sources(of: chart, documentation: documentation[chart.id])
            result.chartSources[chart.id] = sources
            for (key, english) in sources {
                let entry = translations.entry(chart: chart.id, key: key)
                result.units.append(TranslationUnit(
                    origin: .chart(id: chart.id, key: key), english: english,
                    reference: key == "_description" ? "\(chart.directory)/Chart.yaml" : chart.schemaFile,
                    translation: entry?.text ?? "", recordedHash: entry?.sourceHash))
            }
        }
        result.uiFile = try UIStrings.fileEntries(root: root, language: language)
        result.units += try uiUnits(root: root, language: language, file: result.uiFile ?? [])
        return result
    }

    /// UI strings by key: English from the built-in table and
    /// `content/i18n/en.yaml`, the translation from the language's file or,
    /// failing that, its built-in table.
    static func uiUnits(root: URL, language: String, file: [(key: String, value: String, line: Int)]) throws(DiagnosticsError) -> [TranslationUnit] {
        var english = (UIStrings.builtIn["en"] ?? [:]).mapValues { (text: $0, reference: "Sources/DocsiteKit/Workspace/UIStrings.swift") }
        for item in try UIStrings.fileEntries(root: root, language: "en") ?? [] {
            english[item.key] = (item.value, "\(UIStrings.file(for: "en")):\(item.line)")
        }
        let own = Dictionary(file.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        return english.sorted { $0.key < $1.key }.map { key, source in
            TranslationUnit(origin: .ui(key: key), english: source.text, reference: source.reference,
                            translation: own[key] ?? UIStrings.builtIn[language]?[key] ?? "", recordedHash: nil)
        }
    }
}
