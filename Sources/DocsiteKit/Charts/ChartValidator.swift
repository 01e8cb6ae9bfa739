import Foundation
import JSONSchema

/// Validates values the way `helm install -f …` does: user files merged,
/// coalesced over the chart's and subcharts' defaults, then the parent
/// schema checks the whole and each enabled subchart's schema its part.
public struct ChartValidator: Sendable {
    public struct Violation: Sendable, Equatable {
        /// JSON Pointer into the merged values.
        public var pointer: String
        public var keyword: String
        public var message: String
        /// Schema file and keyword location, for the reader who wants to look.
        public var schemaFile: String
        public var schemaPath: String
    }

    struct Part: Sendable {
        var key: String?            // nil for the chart itself
        var chart: Chart
        var defaults: JSONValue
        var schema: SchemaValidator?
    }

    public let chart: Chart
    let parts: [Part]
    public let defaults: JSONValue

    /// Compiles the chart's and its subcharts' schemas.
    public init(root: URL, chart: Chart, catalog: ChartCatalog) throws(DiagnosticsError) {
        self.chart = chart
        var parts: [Part] = []
        var problems: [Diagnostic] = []
        func load(_ c: Chart, key: String?) {
            do {
                let defaults = try ValuesDocument.load(root: root, file: c.valuesFile).value
                parts.append(Part(key: key, chart: c, defaults: defaults,
                                  schema: try ChartValidator.compileSchema(root: root, chart: c)))
            } catch {
                problems += error.diagnostics
            }
        }
        load(chart, key: nil)
        for dependency in chart.metadata?["dependencies"]?.items ?? [] {
            guard let name = dependency["name"]?.string else { continue }
            let key = dependency["alias"]?.string ?? name
            guard let sub = catalog.chart("\(chart.id)/\(name)") else { continue }
            load(sub, key: key)
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        self.parts = parts
        var merged = parts[0].defaults
        for part in parts.dropFirst() {
            guard let key = part.key, case .object(var object) = merged else { continue }
            object[key] = HelmValues.coalesce(part.defaults, with: object[key] ?? .object(JSONObject()))
            merged = .object(object)
        }
        defaults = merged
    }

    static func compileSchema(root: URL, chart: Chart) throws(DiagnosticsError) -> SchemaValidator? {
        guard let text = chart.schemaText else { return nil }
        do {
            return try SchemaValidator(schemaText: text, resources: otherSchemaFiles(root: root, chart: chart))
        } catch {
            throw DiagnosticsError([.error("chart.schema-invalid", file: chart.schemaFile, line: (error as? JSONParseError)?.line,
                                           "the chart's schema cannot be used: \(error)")])
        }
    }

    /// A chart's other JSON files, offered to `$ref` as `file:///<path>`;
    /// nothing outside the chart and nothing remote is ever read.
    static func otherSchemaFiles(root: URL, chart: Chart) -> [String: JSONValue] {
        var resources: [String: JSONValue] = [:]
        let base = root.appendingPathComponent(chart.directory)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [:] }
        for case let path as String in enumerator where path.hasSuffix(".json") && path != "values.schema.json" && !path.hasPrefix("charts/") {
            // A symbolic link leading out of the repository is skipped (a
            // `$ref` to it then fails as unresolvable).
            let url = base.appendingPathComponent(path)
            guard (try? RepositoryFile.refuseLinkOutside(root: root, url: url, file: path)) != nil,
                  FileWalker.kind(at: url.path) == .file else { continue }
            if let text = try? String(contentsOf: url, encoding: .utf8),
               let value = try? JSONParser.parse(text) {
                resources["file:///\(path)"] = value
            }
        }
        return resources
    }

    /// The values Helm would render with, from the user's values (already
    /// merged across `-f` files).
    public func effectiveValues(user: JSONValue) -> JSONValue {
        var merged = HelmValues.coalesce(defaults, with: user)
        // `global` flows down into every subchart (see HelmValues.pushGlobals).
        if case .object(var object) = merged {
            let global = object["global"] ?? .object(JSONObject())
            for part in parts.dropFirst() {
                guard let key = part.key, case .object(var sub)? = object[key] else { continue }
                sub["global"] = HelmValues.pushGlobals(global, into: sub["global"] ?? .object(JSONObject()))
                object[key] = .object(sub)
            }
            merged = .object(object)
        }
        return merged
    }

    public func validate(user: JSONValue) -> [Violation] {
        let values = effectiveValues(user: user)
        var found: [Violation] = []
        for part in parts {
            guard let schema = part.schema else { continue }
            var instance = values
            var prefix = ""
            if let key = part.key {
                // Disabled subcharts are validated too, as Helm's
                // validate_schema and lint do: an example that turns a
                // subchart off must still be right when someone turns it on.
                instance = values[key] ?? .object(JSONObject())
                prefix = "/" + JSONPointer.escape(key)
            }
            for violation in schema.validate(instance) {
                found.append(Violation(pointer: prefix + violation.instancePath, keyword: violation.keyword,
                                       message: ChartValidator.describe(violation), schemaFile: part.chart.schemaFile,
                                       schemaPath: violation.schemaPath))
            }
        }
        return found
    }

    /// Folds the causes of `anyOf`/`oneOf` into one readable line.
    static func describe(_ violation: SchemaViolation) -> String {
        guard !violation.causes.isEmpty else { return violation.message }
        let causes = violation.causes.prefix(3).map { cause in
            cause.instancePath == violation.instancePath ? cause.message : "at '\(JSONPointer.dotted(cause.instancePath))': \(cause.message)"
        }
        return violation.message + " (" + causes.joined(separator: "; ") + ")"
    }

    /// Keys the user set that the chart's values.yaml does not have. Maps
    /// whose default is empty (`podAnnotations: {}`) are free-form; `global`
    /// is shared by every chart.
    public func unknownKeys(user: JSONValue) -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue, _ known: JSONValue?, _ pointer: String) {
            guard case .object(let object) = value, case .object(let defaults)? = known, !defaults.isEmpty else { return }
            for member in object {
                let child = pointer + "/" + JSONPointer.escape(member.key)
                if pointer.isEmpty && member.key == "global" { continue }
                guard let defaultValue = defaults[member.key] else {
                    found.append(child)
                    continue
                }
                walk(member.value, defaultValue, child)
            }
        }
        walk(user, defaults, "")
        return found
    }
}

/// `-f a.yaml -f b.yaml`: later files win; maps merge; nulls are kept so
/// they can delete defaults afterwards.
public enum UserValues {
    public static func merge(_ documents: [ValuesDocument]) -> JSONValue {
        documents.reduce(JSONValue.object(JSONObject())) { mergeKeepingNulls($0, $1.value) }
    }

    static func mergeKeepingNulls(_ base: JSONValue, _ top: JSONValue) -> JSONValue {
        guard case .object(var merged) = base, case .object(let overlay) = top else { return top }
        for member in overlay {
            if case .object? = merged[member.key], case .object = member.value {
                merged[member.key] = mergeKeepingNulls(merged[member.key] ?? .null, member.value)
            } else {
                merged[member.key] = member.value
            }
        }
        return .object(merged)
    }
}
