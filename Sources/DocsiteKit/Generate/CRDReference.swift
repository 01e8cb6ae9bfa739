import TypedHTML
import JSONSchema
import Markdown
import Foundation

/// The Spark Operator's custom resources, from the chart's `crds/` folder.
enum CRDReference {
    static let chartID = "spark-operator"

    static func page(_ context: LoadedSite, language: String) -> SitePage? {
        guard let chart = context.charts.chart(chartID) else { return nil }
        let resources = context.customResources[chart.id] ?? []
        guard !resources.isEmpty else { return nil }
        let ui = context.strings(language)
        let here = "\(language)/charts/\(chartID)/crds/"
        var headings: [Heading] = []
        var body = HTMLWriter()
        body.append(GeneratedHTML.paragraph(ui["crd.intro"]))
        for resource in resources {
            let (path, document) = (resource.file, resource.document)
            let kind = document["spec"]?["names"]?["kind"]?.stringValue ?? (path as NSString).lastPathComponent
            let group = document["spec"]?["group"]?.stringValue ?? ""
            let versions = document["spec"]?["versions"]?.arrayValue ?? []
            let id = "crd-" + Slug.make(kind)
            headings.append(Heading(level: 2, text: kind, id: id, line: 0))
            body.append(GeneratedHTML.heading(2, id, kind, label: ui["heading.link"]))
            let names = versions.compactMap { $0["name"]?.stringValue }.map(GeneratedHTML.code)
            body.line(.p) { p in
                p.append(GeneratedHTML.code(group))
                p.text(" · \(ui["crd.versions"]): ")
                p.append(names.joined(separator: .text(", ")))
                p.text(" · ")
                p.append(GeneratedHTML.code(path))
            }
            for version in versions {
                guard let name = version["name"]?.stringValue else { continue }
                let versionID = "\(id)-\(Slug.make(name))"
                headings.append(Heading(level: 3, text: "\(kind) \(name)", id: versionID, line: 0))
                body.append(GeneratedHTML.heading(3, versionID, "\(kind) \(name)", label: ui["heading.link"]))
                var rows: [GeneratedHTML.Row] = []
                fields(version["schema"]?["openAPIV3Schema"]?["properties"]?["spec"], path: "spec", depth: 0) { field, type, description in
                    let rowID = "\(versionID)-\(Slug.make(field.replacingOccurrences(of: ".", with: "-")))"
                    rows.append(GeneratedHTML.Row([GeneratedHTML.code(field), .text(type), .text(description)], attributes: [.id(rowID)]))
                }
                body.append(GeneratedHTML.table([ui["crd.field"], ui["chart.type"], ui["chart.description"]], rows))
            }
        }
        let example = relativeHref(from: here, to: ChartPages.url(language, chartID), fragment: ChartAnchor.id(forKey: "examples"))
        body.line(.p) { p in
            p.text("\(ui["crd.example"]): ")
            p.append(GeneratedHTML.link(example, "examples.sparkPi"))
        }
        return SitePage(language: language, key: "charts/\(chartID)/crds", title: ui["crd.title"], description: ui["crd.intro"],
                        section: "charts", weight: 15, urlPath: here, headings: headings, bodyHTML: body.html,
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
