import YAML
import Foundation

/// `content/matrix.yaml`: components against Spark lines, each cell a
/// version, optionally the image it names and where a chart pins it.
public struct VersionMatrix: Sendable {
    public struct Cell: Sendable {
        public var version: String
        public var image: String?
        public var chart: String?
        public var key: String?
        public var line: Int
    }

    public struct Component: Sendable {
        public var name: String
        public var notes: [String: String]
        public var cells: [String: Cell]
        public var line: Int
    }

    public static let file = "content/matrix.yaml"
    public var lines: [String]
    public var components: [Component]

    public static func load(root: URL) -> (VersionMatrix?, [Diagnostic]) {
        guard let data = SourcePolicy.read(root: root, file: file) else { return (nil, []) }
        do {
            let text = try TextDecoding.decode(data, file: file)
            guard let node = try YAMLLoader.load(text, file: file), node.entries != nil else {
                return (nil, [.error(.yamlInvalid, file: file, line: 1, "the matrix must be a mapping with 'lines' and 'components'")])
            }
            var problems: [Diagnostic] = []
            let lines = node["lines"]?.items?.compactMap(\.string) ?? []
            if lines.isEmpty { problems.append(.error(.yamlInvalid, file: file, line: node.line, "'lines' must list the Spark lines (columns)")) }
            var components: [Component] = []
            for item in node["components"]?.items ?? [] {
                guard let name = item["name"]?.string else {
                    problems.append(.error(.yamlInvalid, file: file, line: item.line, "each component needs a 'name'"))
                    continue
                }
                var notes: [String: String] = [:]
                if let text = item["notes"]?.string { notes["*"] = text }
                for entry in item["notes"]?.entries ?? [] { notes[entry.key] = entry.value.string ?? "" }
                var cells: [String: Cell] = [:]
                for entry in item["cells"]?.entries ?? [] {
                    let value = entry.value
                    cells[entry.key] = Cell(version: value["version"]?.string ?? value.string ?? "—", image: value["image"]?.string,
                                            chart: value["chart"]?.string, key: value["key"]?.string, line: entry.line)
                }
                components.append(Component(name: name, notes: notes, cells: cells, line: item.line))
            }
            return (VersionMatrix(lines: lines, components: components), problems)
        } catch {
            return (nil, error.diagnostics)
        }
    }

    /// What the chart pins at `key`: a tag string, or an image mapping
    /// (`repository` + `tag`) rendered as `repository:tag`.
    public static func pinned(in chart: Chart, key: String) -> String? {
        guard let node = chart.value(at: key) else { return nil }
        if let text = node.string { return text }
        guard let tag = node["tag"]?.string else { return nil }
        return node["repository"]?.string.map { "\($0):\(tag)" } ?? tag
    }

    /// Compares a cell with its chart: nil when it matches (or names no chart).
    public static func drift(_ cell: Cell, charts: ChartCatalog) -> String? {
        guard let chartID = cell.chart, let key = cell.key else { return nil }
        guard let chart = charts.chart(chartID) else { return "names chart '\(chartID)', which is not under charts/" }
        guard let pinned = pinned(in: chart, key: key) else { return "\(chart.valuesFile) has no key '\(key)'" }
        let expected = cell.image ?? cell.version
        let matches = pinned == expected || expected.hasSuffix(":" + pinned) || pinned.hasSuffix(":" + expected)
            || (cell.image == nil && pinned.hasPrefix(cell.version))
        return matches ? nil : "says '\(expected)' but \(chart.valuesFile) key '\(key)' pins '\(pinned)'"
    }
}
