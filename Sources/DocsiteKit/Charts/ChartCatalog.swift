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

    public static func load(root: URL) -> (ChartCatalog, [Diagnostic]) {
        var charts: [Chart] = []
        var problems: [Diagnostic] = []
        func scan(folder: String, prefix: String) {
            let url = root.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let directory = "\(folder)/\(name)"
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent("\(directory)/Chart.yaml").path) else { continue }
                let id = prefix.isEmpty ? name : "\(prefix)/\(name)"
                var chart = Chart(id: id, directory: directory, metadata: nil, values: nil, schemaText: nil, subcharts: [])
                chart.metadata = loadYAML(root: root, "\(directory)/Chart.yaml", &problems)
                // A library chart holds named templates only: no values to document, check or translate.
                if chart.metadata?["type"]?.string == "library" { continue }
                chart.values = loadYAML(root: root, "\(directory)/values.yaml", &problems)
                let schemaURL = root.appendingPathComponent("\(directory)/values.schema.json")
                do {
                    try RepositoryFile.refuseLinkOutside(root: root, url: schemaURL, file: "\(directory)/values.schema.json")
                    chart.schemaText = try? String(contentsOf: schemaURL, encoding: .utf8)
                } catch {
                    problems += error.diagnostics
                }
                charts.append(chart)
                let before = charts.count
                scan(folder: "\(directory)/charts", prefix: id)
                charts[before - 1].subcharts = charts[before...].filter { !$0.id.dropFirst(id.count + 1).contains("/") }.map(\.id)
            }
        }
        scan(folder: "charts", prefix: "")
        return (ChartCatalog(charts: charts), problems)
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
