import Foundation
import JSONSchema

/// A chart's values reference: its own keys and, under each subchart's key,
/// the subchart's keys with the defaults the parent sets for them.
public struct ChartDocumentation: Sendable {
    public struct Row: Sendable {
        public var key: ValuesKey
        /// The chart whose schema documents this key, and the key's path there.
        public var ownerChart: String
        public var ownerPath: String
    }

    public var chart: Chart
    public var rows: [Row]
    /// Subchart key in the parent's values -> subchart id.
    public var subchartKeys: [String: String]
    /// A values.yaml that Helm's reading refuses although the catalog read
    /// it (`.inf`, say): the reference shows no defaults, and says why.
    public var problems: [Diagnostic] = []

    /// The values reference of every chart and subchart, by chart id.
    public static func all(root: URL, catalog: ChartCatalog) -> [String: ChartDocumentation] {
        Dictionary(uniqueKeysWithValues: catalog.charts.map { ($0.id, build(root: root, chart: $0, catalog: catalog)) })
    }

    public static func build(root: URL, chart: Chart, catalog: ChartCatalog) -> ChartDocumentation {
        let (defaults, problems) = Self.defaults(of: chart, root: root)
        let schema = chart.schemaText.flatMap { try? JSONParser.parse($0) }
        var subchartKeys: [String: String] = [:]
        for dependency in chart.metadata?["dependencies"]?.items ?? [] {
            guard let name = dependency["name"]?.string, catalog.chart("\(chart.id)/\(name)") != nil else { continue }
            subchartKeys[dependency["alias"]?.string ?? name] = "\(chart.id)/\(name)"
        }
        var rows: [Row] = []
        for key in ValuesReference.keys(schema: schema, defaults: defaults) {
            let top = key.topLevel
            guard let subID = subchartKeys[top], let sub = catalog.chart(subID) else {
                rows.append(Row(key: key, ownerChart: chart.id, ownerPath: key.path))
                continue
            }
            guard key.path == top else { continue }  // the subchart's own rows follow
            var heading = key
            heading.hasChildren = true
            rows.append(Row(key: heading, ownerChart: chart.id, ownerPath: key.path))
            // The subchart's own reference reports its values file's problems.
            let subDefaults = Self.defaults(of: sub, root: root).value
            let merged = HelmValues.coalesce(subDefaults, with: defaults[top] ?? .object(JSONObject())) ?? subDefaults
            let subSchema = sub.schemaText.flatMap { try? JSONParser.parse($0) }
            for subKey in ValuesReference.keys(schema: subSchema, defaults: merged) where subKey.path != "global" && !subKey.path.hasPrefix("global.") {
                var nested = subKey
                nested.path = "\(top).\(subKey.path)"
                nested.depth += 1
                rows.append(Row(key: nested, ownerChart: subID, ownerPath: subKey.path))
            }
        }
        return ChartDocumentation(chart: chart, rows: rows, subchartKeys: subchartKeys, problems: problems)
    }

    /// The chart's defaults as Helm reads them. A file the catalog could
    /// not read at all (missing, not YAML) is reported by the catalog, so
    /// only what Helm's stricter reading refuses is returned here.
    static func defaults(of chart: Chart, root: URL) -> (value: JSONValue, problems: [Diagnostic]) {
        do {
            return (try ValuesDocument.load(root: root, file: chart.valuesFile).value, [])
        } catch {
            return (.object(JSONObject()), chart.values == nil ? [] : error.diagnostics)
        }
    }
}
