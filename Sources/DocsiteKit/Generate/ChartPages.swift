import TypedHTML
import Foundation
import JSONSchema
import YAML
import Markdown

/// Chart reference pages: one per chart and subchart, a chart index, the
/// Spark 3.5 / 4.1 comparison and the operator's CRD reference.
enum ChartPages {
    static func pages(_ context: LoadedSite, examples: [ExampleOverlay], highlighter: SyntaxHighlighter) -> [SitePage] {
        guard !context.charts.charts.isEmpty else { return [] }
        var pages: [SitePage] = []
        for language in context.config.languages {
            pages.append(index(context, language: language))
            for chart in context.charts.charts {
                pages.append(chartPage(chart, context, language: language, examples: examples, highlighter: highlighter))
            }
            if let comparison = ChartComparison.page(context, language: language) { pages.append(comparison) }
            if let crds = CRDReference.page(context, language: language) { pages.append(crds) }
        }
        return pages
    }

    static func url(_ language: String, _ chartID: String) -> String { "\(language)/charts/\(chartID)/" }

    static func index(_ context: LoadedSite, language: String) -> SitePage {
        let ui = context.strings(language)
        let here = "\(language)/charts/"
        var rows: [[HTML]] = []
        for chart in context.charts.charts {
            let indent: HTML = chart.id.contains("/") ? .text("↳ ") : .empty
            rows.append([indent + GeneratedHTML.link(relativeHref(from: here, to: url(language, chart.id)), chart.id),
                         .text(chart.version ?? ""), .text(chart.appVersion ?? ""),
                         .text(chart.metadata?["description"]?.string ?? "")])
        }
        var body = GeneratedHTML.paragraph(ui["charts.intro"])
        body += GeneratedHTML.table([ui["charts.chart"], ui["chart.version"], ui["chart.appVersion"], ui["chart.description"]], rows)
        return SitePage(language: language, key: "charts/index.md", title: ui["section.charts"], description: ui["charts.intro"],
                        section: "charts", weight: 0, urlPath: here, headings: [], bodyHTML: body,
                        sourceFile: nil, isSectionIndex: true)
    }

    static func chartPage(_ chart: Chart, _ context: LoadedSite, language: String, examples: [ExampleOverlay],
                          highlighter: SyntaxHighlighter) -> SitePage {
        let ui = context.strings(language)
        let here = url(language, chart.id)
        let label = ui["heading.link"]
        var headings: [Heading] = []
        var body = HTMLWriter()
        func heading(_ level: Int, _ id: String, _ text: String) {
            headings.append(Heading(level: level, text: text, id: id, line: 0))
            body.append(GeneratedHTML.heading(level, id, text, label: label))
        }
        let chartDescription = chartDescriptionText(chart, context, language: language)
        if !chartDescription.isEmpty { body.line(.p, [.class("lead")], text: chartDescription) }
        body.append(facts(chart, context, language: language, here: here))
        if !chart.id.contains("/") {
            heading(2, "install", ui["chart.install"])
            body.append(GeneratedHTML.paragraph(ui["chart.installIntro"]))
            let release = chart.id.replacingOccurrences(of: ".", with: "")
            let command = "helm install \(release) charts/\(chart.id) -n spark --create-namespace \\\n  -f charts/values-common.yaml -f my-values.yaml"
            body.append(GeneratedHTML.codeBlock(command, language: "bash", highlighter: highlighter))
            let own = examples.filter { $0.chartID == chart.id }
            if !own.isEmpty {
                heading(2, "examples", ui["chart.examples"])
                body.append(GeneratedHTML.list(own.map { GeneratedHTML.link(relativeHref(from: here, to: $0.url(language)), $0.fileName) }))
            }
        }
        heading(2, "values", ui["chart.values"])
        body.append(GeneratedHTML.paragraph(ui["chart.valuesIntro"]))
        if let documentation = context.documentation[chart.id] {
            var groups: [(String, [ChartDocumentation.Row])] = []
            for row in documentation.rows {
                if groups.last?.0 == row.key.topLevel { groups[groups.count - 1].1.append(row) } else { groups.append((row.key.topLevel, [row])) }
            }
            for (top, rows) in groups {
                heading(3, "group-" + ChartAnchor.id(forKey: top), top)
                if let subID = documentation.subchartKeys[top] {
                    body.line(.p) { $0.append(GeneratedHTML.link(relativeHref(from: here, to: url(language, subID)), "\(subID) — \(ui["chart.subchartPage"])")) }
                }
                body.append(valuesTable(rows, context, language: language))
            }
        }
        return SitePage(language: language, key: "charts/\(chart.id)", title: chart.id,
                        description: chart.metadata?["description"]?.string, section: "charts",
                        weight: chart.id.contains("/") ? 20 : 10, urlPath: here, headings: headings, bodyHTML: body.html,
                        sourceFile: chart.directory + "/Chart.yaml", isSectionIndex: false)
    }

    static func chartDescriptionText(_ chart: Chart, _ context: LoadedSite, language: String) -> String {
        let english = chart.metadata?["description"]?.string ?? ""
        if language != context.config.defaultLanguage, let translated = context.translations[language]?.entry(chart: chart.id, key: "_description"), !translated.text.isEmpty {
            return translated.text
        }
        return english
    }

    static func facts(_ chart: Chart, _ context: LoadedSite, language: String, here: String) -> HTML {
        let ui = context.strings(language)
        return .build { w in
            w.line(.dl, [.class("chart-facts"), .ariaLabel(ui["chart.meta"])]) { list in
                list.newline()
                func item(_ term: String, _ value: HTML) {
                    // A line each: Pagefind indexes `dt` and `dd` glued ("Chart version0.1.0") otherwise.
                    list.line(.dt, text: term)
                    list.line(.dd) { $0.append(value) }
                }
                item(ui["chart.version"], GeneratedHTML.code(chart.version ?? "—"))
                item(ui["chart.appVersion"], GeneratedHTML.code(chart.appVersion ?? "—"))
                if let kube = chart.metadata?["kubeVersion"]?.string { item(ui["chart.kubeVersion"], GeneratedHTML.code(kube)) }
                let dependencies = chart.metadata?["dependencies"]?.items ?? []
                if !dependencies.isEmpty {
                    let entries = dependencies.compactMap { dependency(chart, $0, context, language: language, here: here) }
                    item(ui["chart.dependencies"], entries.joined(separator: .element(.br)))
                }
                // "Maintainers: none" tells a reader nothing: the row shows only names.
                let maintainers = (chart.metadata?["maintainers"]?.items ?? []).compactMap { $0["name"]?.string }
                if !maintainers.isEmpty { item(ui["chart.maintainers"], .text(maintainers.joined(separator: ", "))) }
            }
        }
    }

    /// A dependency of `chart`: its name (linked when it is a subchart with
    /// a page), version and condition.
    static func dependency(_ chart: Chart, _ dependency: YAMLNode, _ context: LoadedSite, language: String, here: String) -> HTML? {
        guard let name = dependency["name"]?.string else { return nil }
        let ui = context.strings(language)
        var html: HTML = context.charts.chart("\(chart.id)/\(name)") != nil
            ? GeneratedHTML.link(relativeHref(from: here, to: url(language, "\(chart.id)/\(name)")), name) : .text(name)
        if let version = dependency["version"]?.string { html += .text(" ") + GeneratedHTML.code(version) }
        if let condition = dependency["condition"]?.string {
            html += .text(" (\(ui["chart.condition"]) ") + GeneratedHTML.code(condition) + .text(")")
        }
        return html
    }

    static func valuesTable(_ rows: [ChartDocumentation.Row], _ context: LoadedSite, language: String) -> HTML {
        let ui = context.strings(language)
        let table = rows.map { row -> GeneratedHTML.Row in
            let key = row.key
            var keyCell = HTML.element(.a, [.class("key-link"), .href("#" + key.anchor)], [GeneratedHTML.code(key.path)])
            if key.required { keyCell += .text(" ") + .element(.small, text: "(\(ui["chart.required"]))") }
            let defaultCell: HTML
            if key.hasChildren {
                defaultCell = .empty
            } else if let value = key.defaultValue {
                defaultCell = GeneratedHTML.code(YAMLText.inline(value))
            } else {
                defaultCell = .element(.span, [.class("not-set")], text: ui["values.notSet"])
            }
            let (text, translated) = context.description(of: row, language: language)
            var descriptionCell = HTML.text(text)
            if !translated {
                descriptionCell = .element(.span, [.lang(context.config.defaultLanguage)], [descriptionCell])
                    + .text(" ") + GeneratedHTML.badge("warning", ui["chart.untranslated"])
            }
            return GeneratedHTML.Row([keyCell, .text(key.types.joined(separator: " | ")), defaultCell, descriptionCell,
                                      .text(key.allowed.map { $0.text(ui) }.joined(separator: "; "))], attributes: [.id(key.anchor)])
        }
        return valuesLegend(ui) + GeneratedHTML.table([ui["chart.key"], ui["chart.type"], ui["chart.default"], ui["chart.description"], ui["chart.allowed"]],
                                   table, className: "values")
    }

    /// What the three kinds of Default cell mean, above the table.
    static func valuesLegend(_ ui: UIStrings) -> HTML {
        .build { w in
            // The same legend above every group's table: left out of the search
            // index, it would be the excerpt of every search for "default" or "empty".
            w.line(.dl, [.class("values-legend"), .ariaLabel(ui["values.legend"]), .flag("data-pagefind-ignore")]) { list in
                list.newline()
                let entries: [(HTML, String)] = [(GeneratedHTML.code("\"\""), "values.legend.emptyString"),
                                                 (.text(ui["values.emptyCell"]), "values.legend.group"),
                                                 (.element(.span, [.class("not-set")], text: ui["values.notSet"]), "values.legend.notSet")]
                for (term, key) in entries {
                    list.line(.dt) { $0.append(term) }
                    list.line(.dd, text: ui[key])
                }
            }
        }
    }
}
