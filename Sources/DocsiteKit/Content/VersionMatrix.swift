import YAML
import Foundation

/// `content/matrix.yaml`: components against Spark lines, each cell a
/// version, optionally the image it names, where a chart pins it and which
/// Dockerfiles build it with that version (`dockerfile` + `arg`).
public struct VersionMatrix: Sendable {
    public struct Cell: Sendable {
        public var version: String
        public var image: String?
        public var chart: String?
        public var key: String?
        /// Dockerfiles (repository-relative) whose `ARG <arg>=…` must equal `version`.
        public var dockerfiles: [String] = []
        public var arg: String?
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
                    let dockerfiles = value["dockerfile"]?.string.map { [$0] } ?? value["dockerfile"]?.items?.compactMap(\.string) ?? []
                    cells[entry.key] = Cell(version: value["version"]?.string ?? value.string ?? "—", image: value["image"]?.string,
                                            chart: value["chart"]?.string, key: value["key"]?.string,
                                            dockerfiles: dockerfiles, arg: value["arg"]?.string, line: entry.line)
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

    /// Compares a cell with the Dockerfiles that build its image: one message per
    /// Dockerfile whose version ARG differs from the cell (or that cannot be read),
    /// and one when the cell's image tag is not `<version>-<revision>`.
    public static func dockerfileDrift(_ cell: Cell, root: URL) -> [String] {
        guard !cell.dockerfiles.isEmpty else { return [] }
        guard let arg = cell.arg else { return ["names a Dockerfile but no 'arg' (the version ARG to compare)"] }
        var found: [String] = []
        for path in cell.dockerfiles {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8) else {
                found.append("names \(path), which does not exist")
                continue
            }
            guard let value = argDefault(arg, in: text) else {
                found.append("\(path) has no 'ARG \(arg)=…'")
                continue
            }
            if value != cell.version { found.append("says '\(cell.version)' but \(path) has ARG \(arg)=\(value)") }
        }
        if let image = cell.image, let tag = image.split(separator: ":").last.map(String.init),
           tag != cell.version, !tag.hasPrefix(cell.version + "-") {
            found.append("image '\(image)' is not a build of version '\(cell.version)' (tag <version>-<revision>)")
        }
        return found
    }

    /// The default of `ARG name=value` in a Dockerfile (the first one; quotes dropped).
    static func argDefault(_ name: String, in dockerfile: String) -> String? {
        for raw in dockerfile.split(separator: "\n", omittingEmptySubsequences: true) {
            let words = raw.split(whereSeparator: \.isWhitespace)
            guard words.count >= 2, words[0].uppercased() == "ARG", words[1].hasPrefix(name + "=") else { continue }
            return String(words[1].dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }
}
