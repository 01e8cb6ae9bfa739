import Foundation

/// Every example overlay in `content/examples/` validates against the chart
/// its file name names, with `charts/values-common.yaml` applied first, and
/// says when to use it in every language of the site (`# when:` lines).
public struct OverlayCheck: Check {
    public let name = "overlay"
    public init() {}

    public static let folder = "content/examples"

    /// Reports the verdicts the load stage reached (`LoadedSite.overlays`).
    public func run(_ context: LoadedSite) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for overlay in context.overlays {
            guard overlay.chartID != nil else {
                let known = context.charts.charts.filter { !$0.id.contains("/") }.map(\.id)
                found.append(.error(.overlayUnknownChart, file: overlay.file, line: 1,
                                    "no chart under charts/ matches this file name; name overlays values-<chart>-<variant>.yaml with one of: \(known.joined(separator: ", "))"))
                continue
            }
            found += overlay.problems
            found += overlay.whenProblems(languages: context.config.languages)
        }
        return found
    }

    static func overlayNames(_ root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasPrefix("values-") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")) }.sorted()
    }
}

/// Each chart's own values.yaml passes its schema, and every schema
/// property says what it is for.
public struct ChartSchemaCheck: Check {
    public let name = "chart"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let validation = OverlayValidation(root: context.root, catalog: context.charts)
        var found: [Diagnostic] = []
        for chart in context.charts.charts {
            if !chart.id.contains("/") {
                found += validation.validate(files: [chart.valuesFile], chart: chart, code: .chartValuesInvalid, unknownKeyCode: nil)
            }
            if let text = chart.schemaText {
                found += SchemaDocumentation.undocumented(schemaText: text, file: chart.schemaFile)
            }
        }
        return found
    }
}
