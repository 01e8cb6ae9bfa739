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
    /// What loading the charts, their schemas, translations and custom
    /// resources found (reported by `check` and `build` alike).
    public var problems: [Diagnostic]
    /// Values references per chart id (keys, defaults, descriptions).
    public var documentation: [String: ChartDocumentation]
    /// Language -> translated values descriptions.
    public var translations: [String: ChartTranslations]
    /// The example overlays with their validation verdicts.
    public var overlays: [ExampleOverlay]
    /// Chart id -> the custom resource definitions in its `crds/` folder.
    public var customResources: [String: [CustomResource]]

    public var config: SiteConfig { content.config }

    public init(root: URL, content: SiteContent, charts: ChartCatalog, chartProblems: [Diagnostic] = []) {
        self.root = root
        self.content = content
        self.charts = charts
        problems = chartProblems + Self.schemaProblems(root: root, charts: charts)
        let documentation = ChartDocumentation.all(root: root, catalog: charts)
        self.documentation = documentation
        problems += documentation.keys.sorted().flatMap { documentation[$0]?.problems ?? [] }
        var translations: [String: ChartTranslations] = [:]
        for language in content.config.languages where language != content.config.defaultLanguage {
            let (loaded, found) = ChartTranslations.load(root: root, charts: charts, language: language)
            translations[language] = loaded
            problems += found
        }
        self.translations = translations
        overlays = ExampleOverlay.load(root: root, charts: charts)
        let (resources, found) = CustomResource.load(root: root, charts: charts)
        customResources = resources
        problems += found
    }

    /// A schema that cannot be used leaves its chart's reference page without
    /// types and limits; `build` used to say nothing. The diagnostic is the
    /// one validation gives, so `check` reports it once.
    static func schemaProblems(root: URL, charts: ChartCatalog) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for chart in charts.charts {
            do { _ = try ChartValidator.compileSchema(root: root, chart: chart) } catch { found += error.diagnostics }
        }
        return found
    }

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
