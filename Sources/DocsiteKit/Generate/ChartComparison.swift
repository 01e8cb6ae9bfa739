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

    static func leaves(_ documentation: ChartDocumentation?, notSet: String) -> [String: Leaf] {
        var result: [String: Leaf] = [:]
        for row in documentation?.rows ?? [] where !row.key.hasChildren {
            result[row.key.path] = Leaf(types: row.key.types.joined(separator: " | "),
                                        defaultText: row.key.defaultValue.map(YAMLText.inline) ?? notSet)
        }
        return result
    }

    static func page(_ context: LoadedSite, language: String) -> SitePage? {
        guard context.documentation[older] != nil, context.documentation[newer] != nil else { return nil }
        let ui = context.strings(language)
        let here = "\(language)/charts/compare/"
        let notSet = ui["values.notSet"]
        let a = leaves(context.documentation[older], notSet: notSet), b = leaves(context.documentation[newer], notSet: notSet)
        var sections: [Section] = []
        func section(_ id: String, _ title: String, _ headers: [String], _ rows: [[HTML]]) {
            sections.append(Section(id: id, title: title, headers: headers, rows: rows))
        }
        func keyCell(_ chart: String, _ key: String) -> HTML {
            GeneratedHTML.link(relativeHref(from: here, to: ChartPages.url(language, chart), fragment: ChartAnchor.id(forKey: key)), key)
        }
        let onlyOlder = a.keys.filter { b[$0] == nil }.sorted()
        let onlyNewer = b.keys.filter { a[$0] == nil }.sorted()
        let shared = a.keys.filter { b[$0] != nil }.sorted()
        section("default-differs", ui["compare.defaultDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.defaultText != b[$0]?.defaultText }.map { [keyCell(newer, $0), GeneratedHTML.code(a[$0]?.defaultText ?? ""), GeneratedHTML.code(b[$0]?.defaultText ?? "")] })
        section("only-in-spark-35", "\(ui["compare.onlyIn"]) \(older)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyOlder.map { [keyCell(older, $0), HTML.text(a[$0]?.types ?? ""), GeneratedHTML.code(a[$0]?.defaultText ?? "")] })
        section("only-in-spark-41", "\(ui["compare.onlyIn"]) \(newer)", [ui["chart.key"], ui["chart.type"], ui["chart.default"]],
                onlyNewer.map { [keyCell(newer, $0), HTML.text(b[$0]?.types ?? ""), GeneratedHTML.code(b[$0]?.defaultText ?? "")] })
        section("type-differs", ui["compare.typeDiffers"], [ui["chart.key"], older, newer],
                shared.filter { a[$0]?.types != b[$0]?.types }.map { [keyCell(newer, $0), HTML.text(a[$0]?.types ?? ""), HTML.text(b[$0]?.types ?? "")] })
        if context.documentation[base] != nil {
            let c = leaves(context.documentation[base], notSet: notSet)
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
        let body = GeneratedHTML.paragraph(ui["compare.intro"]) + counts(sections, ui: ui)
            + sections.map { $0.html(ui) }.joined(separator: .empty)
        return SitePage(language: language, key: "charts/compare", title: ui["compare.title"], description: ui["compare.intro"],
                        section: "charts", weight: 5, urlPath: here,
                        headings: sections.map { Heading(level: 2, text: $0.title, id: $0.id, line: 0) }, bodyHTML: body,
                        sourceFile: nil, isSectionIndex: false)
    }

    /// One part of the comparison: a heading and its table.
    struct Section {
        var id: String
        var title: String
        var headers: [String]
        var rows: [[HTML]]

        func html(_ ui: UIStrings) -> HTML {
            GeneratedHTML.heading(2, id, title, label: ui["heading.link"])
                + (rows.isEmpty ? GeneratedHTML.paragraph(ui["compare.nothing"]) : GeneratedHTML.table(headers, rows))
        }
    }

    /// The number of keys in each section, linked to it, before the tables.
    static func counts(_ sections: [Section], ui: UIStrings) -> HTML {
        .build { w in
            w.line(.ul, [.class("compare-counts"), .ariaLabel(ui["compare.counts"])]) { list in
                list.newline()
                for section in sections {
                    list.line(.li) { item in
                        item.append(GeneratedHTML.link("#" + section.id, section.title))
                        item.text(": \(section.rows.count)")
                    }
                }
            }
        }
    }
}
