import JSONSchema
import Markdown

/// Sibling charts compared key by key: the page to read before moving a
/// workload from spark-3.5 to spark-4.1.
enum ChartComparison {
    static let older = "spark-3.5"
    static let newer = "spark-4.1"
    static let base = "spark-base"

    struct Leaf { var types: String; var defaultText: String }

    static func leaves(_ documentation: ChartDocumentation?) -> [String: Leaf] {
        var result: [String: Leaf] = [:]
        for row in documentation?.rows ?? [] where !row.key.hasChildren {
            result[row.key.path] = Leaf(types: row.key.types.joined(separator: " | "),
                                        defaultText: row.key.defaultValue.map(YAMLText.inline) ?? "—")
        }
        return result
    }

    static func page(_ context: GenerationContext, language: String) -> SitePage? {
        guard context.documentation[older] != nil, context.documentation[newer] != nil else { return nil }
        let ui = context.strings(language)
        let here = "\(language)/charts/compare/"
        let a = leaves(context.documentation[older]), b = leaves(context.documentation[newer])
        var headings: [Heading] = []
        var body = HTML.paragraph(ui["compare.intro"])
        func section(_ id: String, _ title: String, _ headers: [String], _ rows: [[String]]) {
            headings.append(Heading(level: 2, text: title, id: id, line: 0))
            body += HTML.heading(2, id, title, label: ui["heading.link"])
            body += rows.isEmpty ? HTML.paragraph(ui["compare.nothing"]) : HTML.table(headers, rows)
        }
        func keyCell(_ chart: String, _ key: String) -> String {
            HTML.link(relativeHref(from: here, to: ChartPages.url(language, chart), fragment: ChartAnchor.id(forKey: key)), key)
        }
        let onlyOlder = a.keys.filter { b[$0] == nil }.sorted()
        let onlyNewer = b.keys.filter { a[$0] == nil }.sorted()
        let shared = a.keys.filter { b[$0] != nil }.sorted()
        section("only-in-spark-35", "\(ui["compare.onlyIn"]) \(older)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyOlder.map { [keyCell(older, $0), escapeText(a[$0]?.types ?? ""), HTML.code(a[$0]?.defaultText ?? "")] })
        section("only-in-spark-41", "\(ui["compare.onlyIn"]) \(newer)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyNewer.map { [keyCell(newer, $0), escapeText(b[$0]?.types ?? ""), HTML.code(b[$0]?.defaultText ?? "")] })
        section("type-differs", ui["compare.typeDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.types != b[$0]?.types }.map { [keyCell(newer, $0), escapeText(a[$0]?.types ?? ""), escapeText(b[$0]?.types ?? "")] })
        section("default-differs", ui["compare.defaultDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.defaultText != b[$0]?.defaultText }.map { [keyCell(newer, $0), HTML.code(a[$0]?.defaultText ?? ""), HTML.code(b[$0]?.defaultText ?? "")] })
        if context.documentation[base] != nil {
            let c = leaves(context.documentation[base])
            for (chart, leavesOfChart, id) in [(older, a, "shared-35-base"), (newer, b, "shared-41-base")] {
                let common = leavesOfChart.keys.filter { c[$0] != nil }.sorted()
                section(id, "\(chart): \(ui["compare.sharedWith"]) \(base)", [ui["chart.key"], chart, base],
                        common.map { key in
                            let mine = leavesOfChart[key], theirs = c[key]
                            let same = mine?.types == theirs?.types && mine?.defaultText == theirs?.defaultText
                            return [keyCell(chart, key), HTML.code("\(mine?.types ?? "") = \(mine?.defaultText ?? "")"),
                                    same ? "=" : HTML.code("\(theirs?.types ?? "") = \(theirs?.defaultText ?? "")")]
                        })
            }
        }
        return SitePage(language: language, key: "charts/compare", title: ui["compare.title"], description: ui["compare.intro"],
                        section: "charts", weight: 5, urlPath: here, headings: headings, bodyHTML: body,
                        sourceFile: nil, isSectionIndex: false)
    }
}

/// The Spark Operator's custom resources, from the chart's `crds/` folder.
enum CRDReference {
    static let chartID = "spark-operator"

    static func page(_ context: GenerationContext, language: String) -> SitePage? {
        guard let chart = context.charts.chart(chartID) else { return nil }
        let folder = context.root.appendingPathComponent(chart.directory + "/crds")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else { return nil }
        let ui = context.strings(language)
        let here = "\(language)/charts/\(chartID)/crds/"
        var headings: [Heading] = []
        var body = HTML.paragraph(ui["crd.intro"])
        for file in files {
            let path = "\(chart.directory)/crds/\(file)"
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                  let document = try? ValuesDocument.parse(text, file: path).value else { continue }
            let kind = document["spec"]?["names"]?["kind"]?.stringValue ?? file
            let group = document["spec"]?["group"]?.stringValue ?? ""
            let versions = document["spec"]?["versions"]?.arrayValue ?? []
            let id = "crd-" + Slug.make(kind)
            headings.append(Heading(level: 2, text: kind, id: id, line: 0))
            body += HTML.heading(2, id, kind, label: ui["heading.link"])
            body += "<p>\(HTML.code("\(group)")) · \(escapeText(ui["crd.versions"])): \(versions.compactMap { $0["name"]?.stringValue }.map(HTML.code).joined(separator: ", ")) · \(HTML.code(path))</p>\n"
            for version in versions {
                guard let name = version["name"]?.stringValue else { continue }
                let versionID = "\(id)-\(Slug.make(name))"
                headings.append(Heading(level: 3, text: "\(kind) \(name)", id: versionID, line: 0))
                body += HTML.heading(3, versionID, "\(kind) \(name)", label: ui["heading.link"])
                var rows: [[String]] = []
                var ids: [String?] = []
                fields(version["schema"]?["openAPIV3Schema"]?["properties"]?["spec"], path: "spec", depth: 0) { field, type, description in
                    rows.append([HTML.code(field), escapeText(type), escapeText(description)])
                    ids.append("\(versionID)-\(Slug.make(field.replacingOccurrences(of: ".", with: "-")))")
                }
                body += HTML.table([ui["crd.field"], ui["chart.type"], ui["chart.description"]], rows, rowIDs: ids)
            }
        }
        body += "<p>\(escapeText(ui["crd.example"])): \(HTML.link(relativeHref(from: here, to: ChartPages.url(language, chartID), fragment: ChartAnchor.id(forKey: "examples")), "examples.sparkPi"))</p>\n"
        return SitePage(language: language, key: "charts/\(chartID)/crds", title: ui["crd.title"], description: ui["crd.intro"],
                        section: "charts", weight: 15, urlPath: here, headings: headings, bodyHTML: body,
                        sourceFile: nil, isSectionIndex: false)
    }

    /// Depth-first over an OpenAPI schema's properties (bounded depth).
    static func fields(_ schema: JSONValue?, path: String, depth: Int, _ visit: (String, String, String) -> Void) {
        guard let schema, depth < 12 else { return }
        visit(path, schema["type"]?.stringValue ?? "", schema["description"]?.stringValue ?? "")
        if case .object(let properties)? = schema["properties"] {
            for member in properties { fields(member.value, path: "\(path).\(member.key)", depth: depth + 1, visit) }
        }
        if let items = schema["items"], case .object(let properties)? = items["properties"] {
            for member in properties { fields(member.value, path: "\(path)[].\(member.key)", depth: depth + 1, visit) }
        }
    }
}
import Foundation
