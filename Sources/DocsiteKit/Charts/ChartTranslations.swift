import YAML
import Foundation

/// Translated values descriptions: `content/i18n/charts/<chart>.<lang>.yaml`
/// maps a key path to its text and the hash of the English description it
/// translates, so a changed English text shows up as stale.
///
/// ```yaml
/// replicas:
///   text: Число реплик сервера Spark Connect.
///   source_hash: 3f1c0a9e2b7d4c11
/// ```
public struct ChartTranslations: Sendable {
    public struct Entry: Sendable, Equatable {
        public var text: String
        public var sourceHash: String?
        public var line: Int
        /// The line of the translated text itself (the key's line for `key: text`).
        public var textLine: Int
    }

    /// Chart id -> key path -> entry.
    public var entries: [String: [String: Entry]] = [:]

    public static func file(chart: String, language: String) -> String {
        "content/i18n/charts/\(chart).\(language).yaml"
    }

    public static func hash(_ description: String) -> String {
        SourceHash.of(description.trimmingBlankSpace())
    }

    public static func load(root: URL, charts: ChartCatalog, language: String) -> (ChartTranslations, [Diagnostic]) {
        var result = ChartTranslations()
        var problems: [Diagnostic] = []
        for chart in charts.charts {
            let file = Self.file(chart: chart.id, language: language)
            guard let data = SourcePolicy.read(root: root, file: file) else { continue }
            do {
                let text = try TextDecoding.decode(data, file: file)
                guard let node = try YAMLLoader.load(text, file: file) else { continue }
                guard let mapping = node.entries else {
                    problems.append(.error(.yamlInvalid, file: file, line: node.line, "expected a mapping of key paths to {text, source_hash}"))
                    continue
                }
                var table: [String: Entry] = [:]
                for entry in mapping {
                    let textNode = entry.value["text"] ?? entry.value
                    table[entry.key] = Entry(text: textNode.string ?? "", sourceHash: entry.value["source_hash"]?.string,
                                             line: entry.line, textLine: textNode.line)
                }
                result.entries[chart.id] = table
            } catch {
                problems += error.diagnostics
            }
        }
        return (result, problems)
    }

    public func entry(chart: String, key: String) -> Entry? { entries[chart]?[key] }
}
