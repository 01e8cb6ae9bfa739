import SystemIO
import YAML
import Foundation

/// One Helm chart of the repository (or a vendored subchart).
public struct Chart: Sendable {
    /// `spark-4.1`, or `spark-4.1/spark-connect` for a subchart.
    public var id: String
    /// Repository-relative folder: `charts/spark-4.1/charts/spark-connect`.
    public var directory: String
    public var metadata: YAMLNode?
    public var values: YAMLNode?
    /// Raw text of values.schema.json, when the chart has one.
    public var schemaText: String?
    public var subcharts: [String]

    public var name: String { metadata?["name"]?.string ?? String(id.split(separator: "/").last ?? "") }
    public var version: String? { metadata?["version"]?.string }
    public var appVersion: String? { metadata?["appVersion"]?.string }
    public var valuesFile: String { "\(directory)/values.yaml" }
    public var schemaFile: String { "\(directory)/values.schema.json" }

    /// The node at a dotted key path of values.yaml (`connect.replicas`).
    public func value(at keyPath: String) -> YAMLNode? {
        var node = values
        for part in keyPath.split(separator: ".") {
            node = node?[String(part)]
            if node == nil { return nil }
        }
        return node
    }
}

/// Every chart under `charts/`, including subcharts in `charts/<x>/charts/`.
public struct ChartCatalog: Sendable {
    public var charts: [Chart]

    public func chart(_ id: String) -> Chart? { charts.first { $0.id == id } }

    /// Every chart under `root`/charts; or, with `only`, the one chart in
    /// the folder `root`/`only` (and its subcharts).
    public static func load(root: URL, only: String? = nil) -> (ChartCatalog, [Diagnostic]) {
        var charts: [Chart] = []
        var problems: [Diagnostic] = []
        func scan(folder: String, prefix: String) {
            let url = root.appendingPathComponent(folder)
            let listed = folder.isEmpty ? only.map { [$0] } : try? FileManager.default.contentsOfDirectory(atPath: url.path)
            guard let names = listed else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let directory = folder.isEmpty ? name : "\(folder)/\(name)"
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent("\(directory)/Chart.yaml").path) else { continue }
                let id = prefix.isEmpty ? name : "\(prefix)/\(name)"
                var chart = Chart(id: id, directory: directory, metadata: nil, values: nil, schemaText: nil, subcharts: [])
                chart.metadata = loadYAML(root: root, "\(directory)/Chart.yaml", &problems)
                // A library chart holds named templates only: no values to document, check or translate.
                if chart.metadata?["type"]?.string == "library" { continue }
                chart.values = loadYAML(root: root, "\(directory)/values.yaml", &problems)
                do {
                    chart.schemaText = try readSchema(root: root, file: chart.schemaFile)
                } catch {
                    problems += error.diagnostics
                }
                charts.append(chart)
                let before = charts.count
                scan(folder: "\(directory)/charts", prefix: id)
                charts[before - 1].subcharts = charts[before...].filter { !$0.id.dropFirst(id.count + 1).contains("/") }.map(\.id)
            }
        }
        scan(folder: only == nil ? "charts" : "", prefix: "")
        return (ChartCatalog(charts: charts), problems)
    }

    /// The schema's text, nil when the chart has none. One that is not UTF-8
    /// or cannot be read is an error: it used to count as no schema.
    static func readSchema(root: URL, file: String) throws(DiagnosticsError) -> String? {
        let url = root.appendingPathComponent(file)
        try RepositoryFile.refuseLinkOutside(root: root, url: url, file: file)
        guard let bytes = PlainFile.read(url.path) else {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            throw DiagnosticsError([.error(.contentUnreadable, file: file, "cannot read the chart's schema")])
        }
        return try TextDecoding.decode(bytes: bytes, file: file)
    }

    static func loadYAML(root: URL, _ file: String, _ problems: inout [Diagnostic]) -> YAMLNode? {
        do {
            try RepositoryFile.refuseLinkOutside(root: root, url: root.appendingPathComponent(file), file: file)
        } catch {
            problems += error.diagnostics
            return nil
        }
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { return nil }
        do {
            let text = try TextDecoding.decode(data, file: file)
            return try YAMLLoader.load(text, file: file)
        } catch {
            problems += error.diagnostics
            return nil
        }
    }
}

/// A chart named on the command line, with the catalog it is read from.
public struct ChartLocation {
    public var root: URL
    public var catalog: ChartCatalog
    public var chart: Chart
    public var problems: [Diagnostic]

    /// `argument` is a path to a chart folder (absolute, or relative to the
    /// current directory), else a chart name or folder under `root`
    /// (`spark-4.1`, `charts/spark-4.1`, `spark-4.1/spark-connect`). A folder
    /// under `root`/charts keeps the repository's catalog; any other folder
    /// is read on its own, its parent serving as the root.
    public static func resolve(_ argument: String, root: URL) throws(DiagnosticsError) -> ChartLocation {
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
        let candidates = [URL(fileURLWithPath: argument, relativeTo: cwd), root.appendingPathComponent(argument),
                          root.appendingPathComponent("charts").appendingPathComponent(argument),
                          root.appendingPathComponent("charts").appendingPathComponent(argument.replacingOccurrences(of: "/", with: "/charts/"))]
        guard let folder = candidates.map({ $0.standardizedFileURL })
            .first(where: { fm.fileExists(atPath: $0.appendingPathComponent("Chart.yaml").path) }) else {
            throw DiagnosticsError([.error(.overlayUnknownChart, file: argument,
                                           "no chart at \(argument): expected a folder with Chart.yaml (a path, or a chart name under \(root.path)/charts)")])
        }
        if let found = inRepository(folder, root: root) { return found }
        // A chart in another repository's charts/ folder is read with that repository's catalog, so
        // its links to sibling charts (a library chart) stay inside charts/ as the source policy asks.
        let parent = folder.deletingLastPathComponent()
        if parent.lastPathComponent == "charts", let found = inRepository(folder, root: parent.deletingLastPathComponent()) {
            return found
        }
        let (catalog, problems) = ChartCatalog.load(root: parent, only: folder.lastPathComponent)
        guard let chart = catalog.chart(folder.lastPathComponent) else {
            throw DiagnosticsError(problems + [.error(.overlayUnknownChart, file: argument, "cannot read the chart at \(folder.path)")])
        }
        return ChartLocation(root: parent, catalog: catalog, chart: chart, problems: problems)
    }

    /// The chart at `folder` from the catalog of the repository at `root`, when it is one of its charts.
    static func inRepository(_ folder: URL, root: URL) -> ChartLocation? {
        let chartsFolder = root.standardizedFileURL.appendingPathComponent("charts").path + "/"
        guard folder.path.hasPrefix(chartsFolder) else { return nil }
        let (catalog, problems) = ChartCatalog.load(root: root)
        let id = String(folder.path.dropFirst(chartsFolder.count)).replacingOccurrences(of: "/charts/", with: "/")
        return catalog.chart(id).map { ChartLocation(root: root, catalog: catalog, chart: $0, problems: problems) }
    }
}
