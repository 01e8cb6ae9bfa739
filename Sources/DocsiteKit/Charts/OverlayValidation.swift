import YAML
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

    /// Validates each of `files` (relative to the root, or absolute) on its
    /// own over the chart's defaults, with `extraFirst` (values-common.yaml)
    /// applied before it.
    public func validate(files: [String], chart: Chart, extraFirst: [String] = [],
                         code: DiagnosticCode = .overlayInvalid, unknownKeyCode: DiagnosticCode? = .overlayUnknownKey) -> [Diagnostic] {
        validate(paths: files.map { (url($0), $0) }, chart: chart, extraFirst: extraFirst, code: code, unknownKeyCode: unknownKeyCode)
    }

    func url(_ file: String) -> URL { file.hasPrefix("/") ? URL(fileURLWithPath: file) : root.appendingPathComponent(file) }

    /// Values files named on the command line: read from `currentDirectory`
    /// (like any command's file arguments, not from `--root`), and named in
    /// diagnostics as they were typed.
    /// The base is a folder whether or not it exists (URL would otherwise
    /// resolve against its parent).
    public static func commandLinePaths(_ files: [String], currentDirectory: URL) -> [(url: URL, file: String)] {
        let base = URL(fileURLWithPath: currentDirectory.path, isDirectory: true)
        return files.map { (url: URL(fileURLWithPath: $0, relativeTo: base).standardizedFileURL, file: $0) }
    }

    /// As above, for files read from `url` and named `file` in diagnostics
    /// (the command line resolves them from the current directory).
    public func validate(paths: [(url: URL, file: String)], chart: Chart, extraFirst: [String] = [],
                         code: DiagnosticCode = .overlayInvalid, unknownKeyCode: DiagnosticCode? = .overlayUnknownKey) -> [Diagnostic] {
        let validator: ChartValidator
        do {
            validator = try ChartValidator(root: root, chart: chart, catalog: catalog)
        } catch {
            return error.diagnostics
        }
        var found = validator.limitations
        var shared: [ValuesDocument] = []
        for file in extraFirst {
            do { shared.append(try ValuesDocument.load(root: root, url: url(file), file: file)) } catch { return error.diagnostics }
        }
        for path in paths {
            let overlay: ValuesDocument
            do { overlay = try ValuesDocument.load(root: root, url: path.url, file: path.file) } catch {
                found += error.diagnostics.map { var d = $0; if d.code == DiagnosticCode.yamlInvalid.rawValue { d.code = code.rawValue }; return d }
                continue
            }
            found += overlay.notes
            let documents = shared + [overlay]
            let outcome = validator.check(user: UserValues.merge(documents))
            for violation in outcome.violations {
                found.append(diagnostic(for: violation, documents: documents, values: outcome.values, chart: chart, code: code))
            }
            if let unknownKeyCode {
                for pointer in validator.unknownKeys(user: overlay.value) where !outcome.violations.contains(where: { rejects($0, pointer) }) {
                    let position = overlay.position(of: pointer)
                    found.append(.warning(unknownKeyCode, file: path.file, line: position?.line, column: position?.column,
                                          "\(KeyPath.display(pointer)) is not a key of \(chart.valuesFile) (a typo?); \(chart.id) ignores it\(suggestion(for: pointer, validator: validator))"))
                }
            }
        }
        return found
    }

    /// True when `violation` is about the key at `pointer` (or inside it),
    /// or rejects it as an extra property of its parent: Helm refuses such
    /// a key, so it must not also be called ignored.
    func rejects(_ violation: ChartValidator.Violation, _ pointer: String) -> Bool {
        if violation.pointer == pointer || violation.pointer.hasPrefix(pointer + "/") { return true }
        let parent = String(pointer[..<(pointer.lastIndex(of: "/") ?? pointer.startIndex)])
        return violation.pointer == parent && ["additionalProperties", "unevaluatedProperties", "propertyNames"].contains(violation.keyword)
    }

    func diagnostic(for violation: ChartValidator.Violation, documents: [ValuesDocument], values: JSONValue, chart: Chart,
                    code: DiagnosticCode) -> Diagnostic {
        // A required key that a `null` removed is blamed on that `null`.
        let nulled = nulledRequired(violation, documents)
        var (file, position) = blame(nulled ?? violation.pointer, documents: documents, chart: chart)
        var message = "\(violation.pointer.isEmpty ? "the top level" : KeyPath.display(violation.pointer)): \(violation.message)"
        if let source = subchartGlobal(violation.pointer, documents: documents) {
            (file, position) = (source.file, source.position)
            message += " (set under \(KeyPath.display(source.pointer)): Helm merges a subchart's nested global maps into the parent's)"
        }
        if let nulled {
            message += " (\(KeyPath.display(nulled)) is set to null here, which removes the chart's default)"
        } else if violation.keyword != "required", let value = JSONPointer.value(at: violation.pointer, in: values),
                  !value.isContainer, !violation.message.contains(value.description) {
            message += " (value: \(value))"
        }
        if let respelled = documents.lazy.compactMap({ $0.respelledKey(in: violation.pointer) }).first {
            message += " (YAML 1.1 reads the key '\(respelled.text)' as the boolean \(respelled.key): quote it, \"\(respelled.text)\":)"
        }
        let rule = violation.schemaPath.isEmpty ? "" : " [\(violation.keyword) in \(violation.schemaFile)#\(violation.schemaPath)]"
        return .error(code, file: file, line: position?.line, column: position?.column, message + rule)
    }

    /// The last file that sets `pointer` and where; a subchart's `global` is
    /// the parent's `global` passed down, so that is looked for too. Else
    /// the nearest enclosing key in the last file.
    func blame(_ pointer: String, documents: [ValuesDocument], chart: Chart) -> (file: String, position: (line: Int, column: Int)?) {
        var candidates = [pointer]
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false)
        if tokens.count > 2, tokens[2] == "global" { candidates.append("/" + tokens.dropFirst(2).joined(separator: "/")) }
        for candidate in candidates {
            if let document = documents.last(where: { $0.positions[candidate] != nil }) {
                return (document.file, document.positions[candidate])
            }
        }
        return (documents.last?.file ?? chart.valuesFile, documents.last?.position(of: pointer))
    }

    /// A value under the parent's `global` that no file sets there but one
    /// sets under a subchart's `global` (`/web/global/…`): Helm's coalescing
    /// shares nested global maps, so it lands in the parent's too.
    func subchartGlobal(_ pointer: String, documents: [ValuesDocument]) -> (file: String, position: (line: Int, column: Int)?, pointer: String)? {
        guard pointer.hasPrefix("/global/"), !documents.contains(where: { $0.positions[pointer] != nil }) else { return nil }
        for document in documents.reversed() {
            if let key = document.positions.keys.sorted().first(where: { $0.hasSuffix(pointer) && $0.split(separator: "/").count == pointer.split(separator: "/").count + 1 }) {
                return (document.file, document.positions[key], key)
            }
        }
        return nil
    }

    /// For `required`: the pointer of a missing property that the user's
    /// values set to null (Helm deleted the default it would have had).
    func nulledRequired(_ violation: ChartValidator.Violation, _ documents: [ValuesDocument]) -> String? {
        guard violation.keyword == "required" else { return nil }
        let user = UserValues.merge(documents)
        guard case .object(let object)? = JSONPointer.value(at: violation.pointer, in: user) else { return nil }
        return object.first { $0.value == .null && violation.message.contains(JSONValue.string($0.key).description) }
            .map { violation.pointer + "/" + JSONPointer.escape($0.key) }
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
