import Foundation
import JSONSchema

/// The custom resource definitions in the charts' `crds/` folders, read and
/// parsed once by the load stage (the CRD reference page shows them).
public struct CustomResource: Sendable {
    /// Repository-relative path of the definition file.
    public var file: String
    public var document: JSONValue

    /// Chart id -> its definitions, by file name; what could not be read or
    /// parsed is reported instead of leaving the page short without a word.
    static func load(root: URL, charts: ChartCatalog) -> ([String: [CustomResource]], [Diagnostic]) {
        var found: [String: [CustomResource]] = [:]
        var problems: [Diagnostic] = []
        for chart in charts.charts {
            let folder = "\(chart.directory)/crds"
            // No crds/ folder is the usual case, not a problem.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                do {
                    let document = try ValuesDocument.load(root: root, file: "\(folder)/\(name)")
                    found[chart.id, default: []].append(CustomResource(file: document.file, document: document.value))
                } catch {
                    problems += error.diagnostics
                }
            }
        }
        return (found, problems)
    }
}
