import SystemIO
import YAML
import Foundation
import JSONSchema

/// Validates values the way `helm install -f …` does: the user's values
/// decide which subcharts are on (conditions, tags, aliases), the rest are
/// removed, the values are coalesced over the defaults of what remains, and
/// the chart's schema checks the whole, each enabled subchart's its section.
public struct ChartValidator: Sendable {
    public struct Violation: Sendable, Equatable {
        /// JSON Pointer into the coalesced values.
        public var pointer: String
        public var keyword: String
        public var message: String
        /// Schema file and keyword location, for the reader who wants to look.
        public var schemaFile: String
        public var schemaPath: String
    }

    public let chart: Chart
    /// The chart tree before dependency processing (copied per validation).
    /// Its classes are never mutated after init.
    nonisolated(unsafe) let tree: HelmChartNode
    /// Every subchart's defaults merged in, as if all were on: what keys exist.
    public let defaults: JSONValue
    /// What Helm would do that this validator does not (import-values,
    /// packaged subcharts): warnings, so a verdict is never silently wrong.
    public let limitations: [Diagnostic]

    /// Compiles the chart's and its subcharts' schemas.
    public init(root: URL, chart: Chart, catalog: ChartCatalog) throws(DiagnosticsError) {
        self.chart = chart
        var problems: [Diagnostic] = []
        var limitations: [Diagnostic] = []
        func load(_ c: Chart) -> HelmChartNode? {
            limitations += ChartValidator.unsupported(root: root, chart: c)
            do {
                let defaults = try ValuesDocument.load(root: root, file: c.valuesFile).value
                let schema = try ChartValidator.compileSchema(root: root, chart: c)
                let subcharts = c.subcharts.compactMap { catalog.chart($0) }.compactMap(load)
                let requirements = c.metadata?["dependencies"].map { list in
                    (list.items ?? []).compactMap { item -> HelmChartNode.Requirement? in
                        guard let name = item["name"]?.string else { return nil }
                        return HelmChartNode.Requirement(name: name, alias: item["alias"]?.string,
                                                         condition: item["condition"]?.string ?? "",
                                                         tags: (item["tags"]?.items ?? []).compactMap(\.string))
                    }
                }
                return HelmChartNode(name: c.name, values: GoMap(defaults.objectValue ?? JSONObject()), schema: schema,
                                     schemaFile: c.schemaFile, requirements: requirements, dependencies: subcharts)
            } catch {
                problems += error.diagnostics
                return nil
            }
        }
        let tree = load(chart)
        guard let tree, problems.isEmpty else { throw DiagnosticsError(problems) }
        self.tree = tree
        self.limitations = limitations
        let all = tree.copy()
        HelmDependencies.allOn(all)
        defaults = (try? HelmCoalesce.coalesce(all, GoMap(), merge: true).json) ?? .object(JSONObject())
    }

    static func unsupported(root: URL, chart: Chart) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let file = "\(chart.directory)/Chart.yaml"
        for dependency in chart.metadata?["dependencies"]?.items ?? [] where dependency["import-values"] != nil {
            found.append(.warning(.overlayUnsupported, file: file, line: dependency.line,
                                  "import-values of '\(dependency["name"]?.string ?? "?")' is not applied by docsite; Helm's verdict may differ"))
        }
        let packaged = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("\(chart.directory)/charts").path))?
            .filter { $0.hasSuffix(".tgz") }.sorted() ?? []
        for archive in packaged {
            found.append(.warning(.overlayUnsupported, file: "\(chart.directory)/charts/\(archive)",
                                  "packaged subcharts are not read by docsite (unpack it); Helm's verdict may differ"))
        }
        return found
    }

    static func compileSchema(root: URL, chart: Chart) throws(DiagnosticsError) -> SchemaValidator? {
        guard let text = chart.schemaText else { return nil }
        do {
            return try SchemaValidator(schemaText: text, resources: otherSchemaFiles(root: root, chart: chart))
        } catch {
            throw DiagnosticsError([.error(.chartSchemaInvalid, file: chart.schemaFile, line: (error as? JSONParseError)?.line,
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

    /// What Helm's install does with the user's values (already merged
    /// across `-f` files): dependency processing on a copy of the chart
    /// tree, coalescing, then the schemas of the chart and of the subcharts
    /// left on. A subchart section that is not a map stops Helm; it is the
    /// one violation then.
    public struct Outcome: Sendable {
        public var violations: [Violation]
        /// The coalesced values the schemas saw.
        public var values: JSONValue
    }

    public func check(user: JSONValue) -> Outcome {
        let chart = tree.copy()
        let userMap = GoMap(user.objectValue ?? JSONObject())
        do {
            try HelmDependencies.process(chart, user: userMap)
            let values = try HelmCoalesce.coalesce(chart, userMap, merge: false).json
            return Outcome(violations: validate(values, chart, prefix: ""), values: values)
        } catch {
            let violation = Violation(pointer: error.pointer, keyword: "type",
                                      message: "must be a mapping: it holds the values of the subchart '\(error.key)' (Helm stops with 'type mismatch on \(error.key)')",
                                      schemaFile: chart.schemaFile, schemaPath: "")
            return Outcome(violations: [violation], values: user)
        }
    }

    public func validate(user: JSONValue) -> [Violation] { check(user: user).violations }

    /// ValidateAgainstSchema: the chart's schema on its values, then each
    /// subchart that is still there on its section (when it has one).
    func validate(_ values: JSONValue, _ chart: HelmChartNode, prefix: String) -> [Violation] {
        var found: [Violation] = []
        for violation in chart.schema?.validate(values) ?? [] {
            found.append(Violation(pointer: prefix + violation.instancePath, keyword: violation.keyword,
                                   message: ChartValidator.describe(violation), schemaFile: chart.schemaFile,
                                   schemaPath: violation.schemaPath))
        }
        for sub in chart.dependencies {
            guard let section = values[sub.name], section != .null else { continue }
            found += validate(section, sub, prefix: prefix + "/" + JSONPointer.escape(sub.name))
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
    /// whose default is empty (`podAnnotations: {}`) are free-form.
    public func unknownKeys(user: JSONValue) -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue, _ known: JSONValue?, _ pointer: String) {
            guard case .object(let object) = value, case .object(let defaults)? = known, !defaults.isEmpty else { return }
            for member in object {
                let child = pointer + "/" + JSONPointer.escape(member.key)
                // `global` (the chart's, or one handed to a subchart) is shared by every chart.
                if member.key == "global" && !pointer.dropFirst().contains("/") { continue }
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

/// `-f a.yaml -f b.yaml`: Helm's MergeMaps, later files win, maps merge,
/// nulls are kept so they can delete defaults afterwards.
public enum UserValues {
    public static func merge(_ documents: [ValuesDocument]) -> JSONValue {
        .object(documents.reduce(JSONObject()) { HelmYAML.mergeMaps($0, $1.value.objectValue ?? JSONObject()) })
    }
}
