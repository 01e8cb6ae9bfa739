import Foundation
import Markdown

/// The repository as loaded once (the load stage): content, charts (with
/// what loading them found), their values references, translated
/// descriptions and the example overlays' verdicts. `check` runs every check
/// over it and `build` every generator, so both commands see the same model
/// and no later stage reads these files again.
public struct LoadedSite: Sendable {
    public var root: URL
    public var content: SiteContent
    public var charts: ChartCatalog
    /// What loading the charts found (reported by `check` and `build`).
    public var chartProblems: [Diagnostic]
    /// Values references per chart id (keys, defaults, descriptions).
    public var documentation: [String: ChartDocumentation]
    /// Language -> translated values descriptions.
    public var translations: [String: ChartTranslations]
    /// What loading the translations found (reported by `check` and `build`).
    public var translationProblems: [Diagnostic] = []
    /// The example overlays with their validation verdicts.
    public var overlays: [ExampleOverlay]
    /// Chart id -> the custom resource definitions in its `crds/` folder.
    public var customResources: [String: [CustomResource]]
    /// What reading the custom resource definitions found.
    public var customResourceProblems: [Diagnostic]

    public var config: SiteConfig { content.config }

    public init(root: URL, content: SiteContent, charts: ChartCatalog, chartProblems: [Diagnostic] = []) {
        self.root = root
        self.content = content
        self.charts = charts
        self.chartProblems = chartProblems
        documentation = ChartDocumentation.all(root: root, catalog: charts)
        var translations: [String: ChartTranslations] = [:]
        for language in content.config.languages where language != content.config.defaultLanguage {
            let (loaded, problems) = ChartTranslations.load(root: root, charts: charts, language: language)
            translations[language] = loaded
            translationProblems += problems
        }
        self.translations = translations
        overlays = ExampleOverlay.load(root: root, charts: charts)
        (customResources, customResourceProblems) = CustomResource.load(root: root, charts: charts)
    }

    /// What loading the charts, their translations and definitions found.
    public var problems: [Diagnostic] { chartProblems + translationProblems + customResourceProblems }

    public func fileExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    public func strings(_ language: String) -> UIStrings {
        content.strings[language] ?? UIStrings(language: language, table: [:])
    }

    /// The description of a values key in `language`, and whether it is a
    /// real translation (false: English shown in its place).
    public func description(of row: ChartDocumentation.Row, language: String) -> (text: String, translated: Bool) {
        let english = row.key.description
        guard language != config.defaultLanguage, !english.isEmpty else { return (english, true) }
        guard let entry = translations[language]?.entry(chart: row.ownerChart, key: row.ownerPath), !entry.text.isEmpty else {
            return (english, false)
        }
        return (entry.text, true)
    }
}
