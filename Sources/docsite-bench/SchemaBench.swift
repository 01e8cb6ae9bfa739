import DocsiteKit
import Foundation

/// `docsite-bench schema [--chart charts/spark-4.1] [--overlay FILE] [--seconds 5]`:
/// validations per second of one overlay against a chart (merge over the
/// chart's and subcharts' defaults, then every schema), the work
/// `docsite check` does per example overlay.
enum SchemaBench {
    static func run(arguments: [String]) throws {
        var chartPath = "charts/spark-4.1"
        var overlay = "content/examples/values-spark-4.1-production.yaml"
        var seconds = 5.0
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--chart": chartPath = iterator.next() ?? chartPath
            case "--overlay": overlay = iterator.next() ?? overlay
            case "--seconds": seconds = Double(iterator.next() ?? "") ?? seconds
            default: throw BenchError("unknown argument \(argument); use --chart DIR --overlay FILE --seconds N")
            }
        }
        let root = URL(fileURLWithPath: ".").standardizedFileURL
        let (catalog, _) = ChartCatalog.load(root: root)
        let id = chartPath.hasPrefix("charts/") ? String(chartPath.dropFirst(7)) : chartPath
        guard let chart = catalog.chart(id) else { throw BenchError("no chart \(chartPath)") }
        let schemaBytes = catalog.charts.filter { $0.id == id || $0.id.hasPrefix(id + "/") }.compactMap(\.schemaText).map(\.utf8.count).reduce(0, +)
        let start = Date()
        let validator = try ChartValidator(root: root, chart: chart, catalog: catalog)
        let compile = Date().timeIntervalSince(start)
        let common = try ValuesDocument.load(root: root, file: OverlayValidation.commonValuesFile)
        let document = try ValuesDocument.load(root: root, file: overlay)
        let user = UserValues.merge([common, document])
        var count = 0
        var violations = 0
        let began = Date()
        while Date().timeIntervalSince(began) < seconds {
            violations = validator.validate(user: user).count
            count += 1
        }
        let elapsed = Date().timeIntervalSince(began)
        say("schema benchmark: \(chartPath) with subcharts (\(schemaBytes / 1024) KiB of schema), \(overlay) over values-common.yaml")
        say(String(format: "  compile: %.1f ms; %d validations in %.1f s = %.0f validations/s (%.2f ms each, %d violations)",
                   compile * 1000, count, elapsed, Double(count) / elapsed, elapsed / Double(count) * 1000, violations))
    }
}
