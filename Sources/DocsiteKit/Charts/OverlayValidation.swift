import Foundation
import JSONSchema

/// Validates values files against a chart and turns violations into
/// diagnostics that name the file and line a reader has to edit.
public struct OverlayValidation: Sendable {
    public var root: URL
    public var catalog: ChartCatalog

    public init(root: URL, catalog: ChartCatalog) {
        self.root = root
        self.catalog = catalog
    }

    public static let commonValuesFile = "charts/values-common.yaml"

    /// `values-spark-4.1-minimal.yaml` -> `spark-4.1`: the longest chart name
    /// that prefixes the variant wins (so `spark-4.1` beats `spark`).
    public func chartForOverlay(fileName: String) -> Chart? {
        guard fileName.hasPrefix("values-") else { return nil }
        let stem = fileName.dropFirst("values-".count)
        return catalog.charts.filter { !$0.id.contains("/") }
            .filter { stem.hasPrefix($0.id + "-") || stem == $0.id + ".yaml" || stem == $0.id + ".yml" || stem == $0.id + ".json" }
            .max { $0.id.count < $1.id.count }
    }

    /// Validates each of `files` on its own over the chart's defaults, with
    /// `extraFirst` (values-common.yaml) applied before it.
    public func validate(files: [String], chart: Chart, extraFirst: [String] = [],
                         code: String = "overlay.invalid", unknownKeyCode: String? = "overlay.unknown-key") -> [Diagnostic] {
        let validator: ChartValidator
        do {
            validator = try ChartValidator(root: root, chart: chart, catalog: catalog)
        } catch {
            return error.diagnostics
        }
        var found: [Diagnostic] = []
        var shared: [ValuesDocument] = []
        for file in extraFirst {
            do { shared.append(try ValuesDocument.load(root: root, file: file)) } catch { return error.diagnostics }
        }
        for file in files {
            let overlay: ValuesDocument
            do { overlay = try ValuesDocument.load(root: root, file: file) } catch {
                found += error.diagnostics.map { var d = $0; if d.code == "yaml.invalid" { d.code = code }; return d }
                continue
            }
            let documents = shared + [overlay]
            let user = UserValues.merge(documents)
            let violations = validator.validate(user: user)
            for violation in violations {
                found.append(diagnostic(for: violation, documents: documents, chart: chart, code: code))
            }
            if let unknownKeyCode {
                let flagged = Set(violations.map(\.pointer))
                for pointer in validator.unknownKeys(user: overlay.value) where !flagged.contains(pointer) {
                    let position = overlay.position(of: pointer)
                    found.append(.warning(unknownKeyCode, file: file, line: position?.line, column: position?.column,
                                          "'\(JSONPointer.dotted(pointer))' is not a key of \(chart.valuesFile) (a typo?); \(chart.id) ignores it\(suggestion(for: pointer, validator: validator))"))
                }
            }
        }
        return found
    }

    func diagnostic(for violation: ChartValidator.Violation, documents: [ValuesDocument], chart: Chart, code: String) -> Diagnostic {
        // Blame the last file that sets the value (or the nearest enclosing key).
        // A subchart's `global` is the parent's `global`, passed down.
        var candidates = [violation.pointer]
        let tokens = violation.pointer.split(separator: "/", omittingEmptySubsequences: false)
        if tokens.count > 2, tokens[2] == "global" { candidates.append("/" + tokens.dropFirst(2).joined(separator: "/")) }
        var file = documents.last?.file ?? chart.valuesFile
        var position = documents.last?.position(of: violation.pointer)
        search: for candidate in candidates {
            for document in documents.reversed() where document.positions[candidate] != nil {
                file = document.file
                position = document.positions[candidate]
                break search
            }
        }
        let location = violation.pointer.isEmpty ? "the top level" : "'\(JSONPointer.dotted(violation.pointer))'"
        return .error(code, file: file, line: position?.line, column: position?.column,
                      "\(location): \(violation.message) [\(violation.keyword) in \(violation.schemaFile)#\(violation.schemaPath)]")
    }

    func suggestion(for pointer: String, validator: ChartValidator) -> String {
        let parts = pointer.split(separator: "/").map(JSONPointer.unescape)
        guard let last = parts.last else { return "" }
        var parent: JSONValue? = validator.defaults
        for part in parts.dropLast() { parent = parent?[part] }
        guard case .object(let siblings)? = parent else { return "" }
        let best = siblings.keys.map { ($0, editDistance($0, last)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, last.count / 3) else { return "" }
        return "; did you mean '\(best.0)'?"
    }
}
