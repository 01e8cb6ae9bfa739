import Foundation
import YAML

/// `docsite translations charts [--sync]`: keeps the translation files of
/// values descriptions in step with the charts. New keys appear with their
/// English text for the translator and an empty `text`; `--sync` records
/// the current English hash for every key that has a translation.
public enum ChartTranslationFiles {
    public static func update(root: URL, sync: Bool) throws(DiagnosticsError) -> [String] {
        let config = try SiteConfig.load(root: root)
        let (charts, problems) = ChartCatalog.load(root: root)
        if problems.hasErrors { throw DiagnosticsError(problems) }
        var written: [String] = []
        for language in config.languages where language != config.defaultLanguage {
            let (existing, loadProblems) = ChartTranslations.load(root: root, charts: charts, language: language)
            if loadProblems.hasErrors { throw DiagnosticsError(loadProblems) }
            let documentation = ChartDocumentation.all(root: root, catalog: charts)
            let sourcesByChart = Dictionary(uniqueKeysWithValues: charts.charts.map { chart in
                (chart.id, ChartTranslationCheck.sources(of: chart, documentation: documentation[chart.id]))
            })
            // Translation memory: an English text translated once is offered
            // for every other key with the same text (the shared `global.*`).
            var memory: [String: String] = [:]
            for (chartID, sources) in sourcesByChart {
                for (key, english) in sources {
                    if let text = existing.entries[chartID]?[key]?.text, !text.isEmpty, memory[english] == nil { memory[english] = text }
                }
            }
            for chart in charts.charts {
                let sources = sourcesByChart[chart.id] ?? []
                guard !sources.isEmpty else { continue }
                let file = ChartTranslations.file(chart: chart.id, language: language)
                let text = render(chart: chart, language: language, sources: sources,
                                  entries: existing.entries[chart.id] ?? [:], memory: memory, sync: sync)
                if try SourceFileWriter.write(text, to: root.appendingPathComponent(file), shownAs: file) { written.append(file) }
            }
        }
        return written
    }

    static func render(chart: Chart, language: String, sources: [(key: String, english: String)],
                       entries: [String: ChartTranslations.Entry], memory: [String: String], sync: Bool) -> String {
        var out = "# \(language) descriptions of the values keys of \(chart.directory) (key path -> text).\n"
        out += "# `english` is the text to translate; `source_hash` records which English text `text` translates.\n"
        out += "# After translating, run: swift run docsite translations charts --sync\n"
        let known = Set(sources.map(\.key))
        for (key, english) in sources {
            let entry = entries[key]
            let own = entry?.text ?? ""
            let translated = own.isEmpty ? (memory[english] ?? "") : own
            let reused = own.isEmpty && !translated.isEmpty
            let hash = (sync || reused) && !translated.isEmpty ? ChartTranslations.hash(english) : (entry?.sourceHash ?? "")
            out += "\(quote(key)):\n  english: \(quote(english))\n  text: \(quote(translated))\n  source_hash: \(quote(hash))\n"
        }
        // Keep translations of keys that disappeared, so nothing is lost; check reports them.
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) where !known.contains(key) {
            out += "\(quote(key)):\n  text: \(quote(entry.text))\n  source_hash: \(quote(entry.sourceHash ?? ""))\n"
        }
        return out
    }

    static func quote(_ s: String) -> String { YAMLEscaping.doubleQuoted(s) }
}
