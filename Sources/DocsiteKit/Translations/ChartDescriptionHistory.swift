import Foundation
import YAML

/// `translations diff content/i18n/charts/<chart>.<lang>.yaml`: for each
/// key whose English description changed since it was translated, the
/// diff from the translated English text to today's. The old text comes
/// from the translation file's own history: every version keeps the
/// `english` text beside `source_hash`, so the version whose `english`
/// has the recorded hash holds exactly what was translated.
enum ChartDescriptionHistory {
    static let folder = "content/i18n/charts/"

    static func diff(root: URL, file: String) throws(DiagnosticsError) -> String {
        let config = try SiteConfig.load(root: root)
        let (charts, problems) = ChartCatalog.load(root: root)
        if problems.hasErrors { throw DiagnosticsError(problems) }
        let owners = config.languages.filter { $0 != config.defaultLanguage }.flatMap { language in
            charts.charts.filter { ChartTranslations.file(chart: $0.id, language: language) == file }.map { ($0, language) }
        }
        guard let (chart, language) = owners.first else {
            throw DiagnosticsError([.error(.translationSync, file: file,
                "not a chart description translation: expected \(folder)<chart>.<language>.yaml of a chart under charts/")])
        }
        let (translations, loadProblems) = ChartTranslations.load(root: root, charts: charts, language: language)
        if loadProblems.hasErrors { throw DiagnosticsError(loadProblems) }
        let documentation = ChartDocumentation.all(root: root, catalog: charts)
        let stale = ChartTranslationCheck.sources(of: chart, documentation: documentation[chart.id]).compactMap { key, english in
            translations.entry(chart: chart.id, key: key).flatMap { entry in
                !entry.text.isEmpty && entry.sourceHash != ChartTranslations.hash(english) ? (key, english, entry) : nil
            }
        }
        guard !stale.isEmpty else { return "\(file) is up to date: no English description of \(chart.id) changed since it was translated\n" }
        let versions: [GitHistory.Version]
        let shallow: Bool
        do {
            let history = try GitHistory(root: root)
            versions = try history.versions(of: [file])[file] ?? []
            shallow = history.isShallow
        } catch {
            throw DiagnosticsError([.error(.translationHistory, file: file, error.message)])
        }
        // A version that does not parse holds no usable text; later ones may.
        let documents = versions.map { version in
            (try? TextDecoding.decode(version.data, file: file)).flatMap { text in (try? YAMLLoader.load(text, file: file)) ?? nil }
        }
        var out = "--- \(file)\t(English as translated)\n+++ \(chart.schemaFile)\t(English now)\n"
        var missing: [Diagnostic] = []
        for (key, english, entry) in stale {
            let recorded = entry.sourceHash ?? ""
            let translated = documents.lazy.compactMap { $0?[key]?["english"]?.string }.first { ChartTranslations.hash($0) == recorded }
            guard let translated else {
                missing.append(.error(.translationHistory, file: file, line: entry.line,
                    "no commit of \(file) has an English description of '\(key)' with source_hash \(recorded) "
                    + "(\(versions.count) committed version(s) searched\(GitHistory.shallowHint(shallow))); compare the translation with the English text by hand"))
                continue
            }
            var hunks = LineDiff.hunks(EnglishHistory.lines(translated), EnglishHistory.lines(english))
            for index in hunks.indices { hunks[index].label = key }
            out += hunks.map(\.text).joined()
        }
        if !missing.isEmpty { throw DiagnosticsError(missing) }
        return out
    }
}
