import TypedHTML
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

    static func page(_ context: LoadedSite, language: String) -> SitePage? {
        guard context.documentation[older] != nil, context.documentation[newer] != nil else { return nil }
        let ui = context.strings(language)
        let here = "\(language)/charts/compare/"
        let a = leaves(context.documentation[older]), b = leaves(context.documentation[newer])
        var headings: [Heading] = []
        var body = HTMLWriter()
        body.append(GeneratedHTML.paragraph(ui["compare.intro"]))
        func section(_ id: String, _ title: String, _ headers: [String], _ rows: [[HTML]]) {
            headings.append(Heading(level: 2, text: title, id: id, line: 0))
            body.append(GeneratedHTML.heading(2, id, title, label: ui["heading.link"]))
            body.append(rows.isEmpty ? GeneratedHTML.paragraph(ui["compare.nothing"]) : GeneratedHTML.table(headers, rows))
        }
        func keyCell(_ chart: String, _ key: String) -> HTML {
            GeneratedHTML.link(relativeHref(from: here, to: ChartPages.url(language, chart), fragment: ChartAnchor.id(forKey: key)), key)
        }
        let onlyOlder = a.keys.filter { b[$0] == nil }.sorted()
        let onlyNewer = b.keys.filter { a[$0] == nil }.sorted()
        let shared = a.keys.filter { b[$0] != nil }.sorted()
        section("only-in-spark-35", "\(ui["compare.onlyIn"]) \(older)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyOlder.map { [keyCell(older, $0), HTML.text(a[$0]?.types ?? ""), GeneratedHTML.code(a[$0]?.defaultText ?? "")] })
        section("only-in-spark-41", "\(ui["compare.onlyIn"]) \(newer)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyNewer.map { [keyCell(newer, $0), HTML.text(b[$0]?.types ?? ""), GeneratedHTML.code(b[$0]?.defaultText ?? "")] })
        section("type-differs", ui["compare.typeDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.types != b[$0]?.types }.map { [keyCell(newer, $0), HTML.text(a[$0]?.types ?? ""), HTML.text(b[$0]?.types ?? "")] })
        section("default-differs", ui["compare.defaultDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.defaultText != b[$0]?.defaultText }.map { [keyCell(newer, $0), GeneratedHTML.code(a[$0]?.defaultText ?? ""), GeneratedHTML.code(b[$0]?.defaultText ?? "")] })
        if context.documentation[base] != nil {
            let c = leaves(context.documentation[base])
            for (chart, leavesOfChart, id) in [(older, a, "shared-35-base"), (newer, b, "shared-41-base")] {
                let common = leavesOfChart.keys.filter { c[$0] != nil }.sorted()
                section(id, "\(chart): \(ui["compare.sharedWith"]) \(base)", [ui["chart.key"], chart, base],
                        common.map { key in
                            let mine = leavesOfChart[key], theirs = c[key]
                            let same = mine?.types == theirs?.types && mine?.defaultText == theirs?.defaultText
                            return [keyCell(chart, key), GeneratedHTML.code("\(mine?.types ?? "") = \(mine?.defaultText ?? "")"),
                                    same ? .text("=") : GeneratedHTML.code("\(theirs?.types ?? "") = \(theirs?.defaultText ?? "")")]
                        })
            }
        }
        return SitePage(language: language, key: "charts/compare", title: ui["compare.title"], description: ui["compare.intro"],
                        section: "charts", weight: 5, urlPath: here, headings: headings, bodyHTML: body.html,
                        sourceFile: nil, isSectionIndex: false)
    }
}
