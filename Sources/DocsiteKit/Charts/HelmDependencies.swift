import JSONSchema

/// A chart as Helm's install sees it: its defaults, schema, the
/// `dependencies:` of Chart.yaml and the subcharts found in `charts/`.
/// Dependency processing mutates it, so each validation works on a copy.
final class HelmChartNode {
    /// The chart's name, or its alias: the key of its section in the parent's values.
    var name: String
    var values: GoMap
    let schema: SchemaValidator?
    let schemaFile: String
    /// nil when Chart.yaml has no `dependencies:` (Helm then skips conditions and tags).
    var requirements: [Requirement]?
    var dependencies: [HelmChartNode]

    struct Requirement {
        var name: String
        var alias: String?
        var condition: String
        var tags: [String]
        var enabled = true
    }

    init(name: String, values: GoMap, schema: SchemaValidator? = nil, schemaFile: String = "",
         requirements: [Requirement]? = nil, dependencies: [HelmChartNode] = []) {
        self.name = name
        self.values = values
        self.schema = schema
        self.schemaFile = schemaFile
        self.requirements = requirements
        self.dependencies = dependencies
    }

    func copy() -> HelmChartNode {
        HelmChartNode(name: name, values: values.deepCopy(), schema: schema, schemaFile: schemaFile,
                      requirements: requirements, dependencies: dependencies.map { $0.copy() })
    }
}

/// Helm v4's ProcessDependencies (pkg/chart/v2/util/dependencies.go):
/// aliases, then tags, then conditions decide which subcharts stay; the
/// others are removed before values are coalesced and schemas run.
enum HelmDependencies {
    /// Removes disabled subcharts from `chart` (recursively), then sets each
    /// parent's defaults to the merge of its own and its subcharts'.
    static func process(_ chart: HelmChartNode, user: GoMap) throws(HelmCoalesce.TypeMismatch) {
        try processEnabled(chart, user, path: "")
        importValues(chart)
    }

    static func processEnabled(_ chart: HelmChartNode, _ values: GoMap, path: String) throws(HelmCoalesce.TypeMismatch) {
        guard var requirements = resolveAliases(chart) else { return }
        let coalesced = try HelmCoalesce.coalesce(chart, values, merge: false)
        applyTags(&requirements, coalesced)
        applyConditions(&requirements, coalesced, path: path)
        let removed = Set(requirements.filter { !$0.enabled }.map(\.name))
        chart.dependencies = chart.dependencies.filter { !removed.contains($0.name) }
        chart.requirements = requirements.filter { !removed.contains($0.name) }
        for sub in chart.dependencies {
            try processEnabled(sub, coalesced, path: path + sub.name + ".")
        }
    }

    /// Subcharts that no requirement names stay as they are; each
    /// requirement gets its own copy of the chart it names, renamed to its
    /// alias, and is on until tags or conditions say otherwise. Returns the
    /// requirements under their values keys (nil without `dependencies:`).
    @discardableResult
    static func resolveAliases(_ chart: HelmChartNode) -> [HelmChartNode.Requirement]? {
        guard var requirements = chart.requirements else { return nil }
        var dependencies = chart.dependencies.filter { sub in !requirements.contains { $0.name == sub.name } }
        for index in requirements.indices {
            if let sub = chart.dependencies.first(where: { $0.name == requirements[index].name }) {
                let copy = sub.copy()
                if let alias = requirements[index].alias, !alias.isEmpty { copy.name = alias }
                dependencies.append(copy)
            }
            if let alias = requirements[index].alias, !alias.isEmpty { requirements[index].name = alias }
            requirements[index].enabled = true
        }
        chart.dependencies = dependencies
        chart.requirements = requirements
        return requirements
    }

    /// Every subchart on, aliases applied, defaults merged: which keys exist.
    static func allOn(_ chart: HelmChartNode) {
        func aliases(_ node: HelmChartNode) {
            resolveAliases(node)
            node.dependencies.forEach(aliases)
        }
        aliases(chart)
        importValues(chart)
    }

    /// A subchart is on when any of its tags is true, off when all the tags
    /// that are set are false, and on when none is set.
    static func applyTags(_ requirements: inout [HelmChartNode.Requirement], _ values: GoMap) {
        guard case .map(let tags)? = values["tags"] else { return }
        for index in requirements.indices {
            var hasTrue = false, hasFalse = false
            for tag in requirements[index].tags {
                if case .other(.bool(let on))? = tags[tag] { if on { hasTrue = true } else { hasFalse = true } }
            }
            requirements[index].enabled = hasTrue || !hasFalse
        }
    }

    /// The first path of a comma-separated `condition` that holds a boolean
    /// decides, over the tags; other values are skipped.
    static func applyConditions(_ requirements: inout [HelmChartNode.Requirement], _ values: GoMap, path: String) {
        for index in requirements.indices {
            let condition = requirements[index].condition.trimmingCharacters(in: .whitespacesAndNewlines)
            for part in condition.split(separator: ",", omittingEmptySubsequences: true) {
                if case .other(.bool(let on))? = pathValue(values, path + part) {
                    requirements[index].enabled = on
                    break
                }
            }
        }
    }

    /// Values.PathValue: a non-map value at a dotted path.
    static func pathValue(_ values: GoMap, _ dotted: String) -> GoValue? {
        var parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let last = parts.removeLast()
        var table = values
        for part in parts {
            guard case .map(let next)? = table[part] else { return nil }
            table = next
        }
        guard let value = table[last], value.map == nil else { return nil }
        return value
    }

    /// processDependencyImportValues with merge: a chart with
    /// `dependencies:` gets as defaults its values merged (nulls kept) with
    /// its enabled subcharts' defaults and globals. (`import-values` is not
    /// applied; ChartValidator warns about a chart that uses it.)
    static func importValues(_ chart: HelmChartNode) {
        for sub in chart.dependencies { importValues(sub) }
        guard chart.requirements != nil, let merged = try? HelmCoalesce.coalesce(chart, GoMap(), merge: true) else { return }
        chart.values = merged
    }
}
