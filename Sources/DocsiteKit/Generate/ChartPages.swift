import TypedHTML
import Foundation
import JSONSchema
import Markdown

/// Chart reference pages: one per chart and subchart, a chart index, the
/// Spark 3.5 / 4.1 comparison and the operator's CRD reference.
enum ChartPages {
    static func pages(_ context: LoadedSite, examples: [ExampleOverlay]) -> [SitePage] {
        guard !context.charts.charts.isEmpty else { return [] }
        var pages: [SitePage] = []
        for language in context.config.languages {
            pages.append(index(context, language: language))
            for chart in context.charts.charts {
                pages.append(chartPage(chart, context, language: language, examples: examples))
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
        var rows: [[String]] = []
        for chart in context.charts.charts {
            let indent = chart.id.contains("/") ? "↳ " : ""
            rows.append([indent + HTML.link(relativeHref(from: here, to: url(language, chart.id)), chart.id),
                         escapeText(chart.version ?? ""), escapeText(chart.appVersion ?? ""),
                         escapeText(chart.metadata?["description"]?.string ?? "")])
        }
        var body = HTML.paragraph(ui["charts.intro"])
        body += HTML.table([ui["charts.chart"], ui["chart.version"], ui["chart.appVersion"], ui["chart.description"]], rows)
        return SitePage(language: language, key: "charts/index.md", title: ui["section.charts"], description: ui["charts.intro"],
                        section: "charts", weight: 0, urlPath: here, headings: [], bodyHTML: body,
                        sourceFile: nil, isSectionIndex: true)
    }

    static func chartPage(_ chart: Chart, _ context: LoadedSite, language: String, examples: [ExampleOverlay]) -> SitePage {
        let ui = context.strings(language)
        let here = url(language, chart.id)
        let label = ui["heading.link"]
        var headings: [Heading] = []
        func heading(_ level: Int, _ id: String, _ text: String) -> String {
            headings.append(Heading(level: level, text: text, id: id, line: 0))
            return HTML.heading(level, id, text, label: label)
        }
        var body = ""
        let chartDescription = chartDescriptionText(chart, context, language: language)
        if !chartDescription.isEmpty { body += "<p class=\"lead\">\(escapeText(chartDescription))</p>\n" }
        body += facts(chart, context, language: language, here: here)
        if !chart.id.contains("/") {
            body += heading(2, "install", ui["chart.install"])
            body += HTML.paragraph(ui["chart.installIntro"])
            let release = chart.id.replacingOccurrences(of: ".", with: "")
            let command = "helm install \(release) charts/\(chart.id) -n spark --create-namespace \\\n  -f charts/values-common.yaml -f my-values.yaml"
            body += "<div class=\"code\"><pre><code class=\"language-bash\">\(escapeText(command))</code></pre></div>\n"
            let own = examples.filter { $0.chartID == chart.id }
            if !own.isEmpty {
                body += heading(2, "examples", ui["chart.examples"])
                body += "<ul>\n" + own.map { "<li>\(HTML.link(relativeHref(from: here, to: $0.url(language)), $0.fileName))</li>" }.joined(separator: "\n") + "\n</ul>\n"
            }
        }
        body += heading(2, "values", ui["chart.values"])
        body += HTML.paragraph(ui["chart.valuesIntro"])
        if let documentation = context.documentation[chart.id] {
            var groups: [(String, [ChartDocumentation.Row])] = []
            for row in documentation.rows {
                if groups.last?.0 == row.key.topLevel { groups[groups.count - 1].1.append(row) } else { groups.append((row.key.topLevel, [row])) }
            }
            for (top, rows) in groups {
                body += heading(3, "group-" + ChartAnchor.id(forKey: top), top)
                if let subID = documentation.subchartKeys[top] {
                    body += "<p>\(HTML.link(relativeHref(from: here, to: url(language, subID)), "\(subID) — \(ui["chart.subchartPage"])"))</p>\n"
                }
                body += valuesTable(rows, context, language: language)
            }
        }
        return SitePage(language: language, key: "charts/\(chart.id)", title: chart.id,
                        description: chart.metadata?["description"]?.string, section: "charts",
                        weight: chart.id.contains("/") ? 20 : 10, urlPath: here, headings: headings, bodyHTML: body,
                        sourceFile: chart.directory + "/Chart.yaml", isSectionIndex: false)
    }

    static func chartDescriptionText(_ chart: Chart, _ context: LoadedSite, language: String) -> String {
        let english = chart.metadata?["description"]?.string ?? ""
        if language != context.config.defaultLanguage, let translated = context.translations[language]?.entry(chart: chart.id, key: "_description"), !translated.text.isEmpty {
            return translated.text
        }
        return english
    }

    static func facts(_ chart: Chart, _ context: LoadedSite, language: String, here: String) -> String {
        let ui = context.strings(language)
        var out = "<dl class=\"chart-facts\" aria-label=\"\(escapeAttribute(ui["chart.meta"]))\">\n"
        func item(_ term: String, _ value: String) { out += "<dt>\(escapeText(term))</dt><dd>\(value)</dd>\n" }
        item(ui["chart.version"], HTML.code(chart.version ?? "—"))
        item(ui["chart.appVersion"], HTML.code(chart.appVersion ?? "—"))
        if let kube = chart.metadata?["kubeVersion"]?.string { item(ui["chart.kubeVersion"], HTML.code(kube)) }
        let dependencies = chart.metadata?["dependencies"]?.items ?? []
        if !dependencies.isEmpty {
            let list = dependencies.compactMap { dependency -> String? in
                guard let name = dependency["name"]?.string else { return nil }
                let link = context.charts.chart("\(chart.id)/\(name)") != nil
                    ? HTML.link(relativeHref(from: here, to: url(language, "\(chart.id)/\(name)")), name) : escapeText(name)
                let version = dependency["version"]?.string.map { " " + HTML.code($0) } ?? ""
                let condition = dependency["condition"]?.string.map { " (\(escapeText(ui["chart.condition"])) \(HTML.code($0)))" } ?? ""
                return link + version + condition
            }
            item(ui["chart.dependencies"], list.joined(separator: "<br>"))
        }
        let maintainers = (chart.metadata?["maintainers"]?.items ?? []).compactMap { $0["name"]?.string }
        item(ui["chart.maintainers"], maintainers.isEmpty ? escapeText(ui["chart.none"]) : escapeText(maintainers.joined(separator: ", ")))
        out += "</dl>\n"
        return out
    }

    static func valuesTable(_ rows: [ChartDocumentation.Row], _ context: LoadedSite, language: String) -> String {
        let ui = context.strings(language)
        var cells: [[String]] = []
        var ids: [String?] = []
        for row in rows {
            let key = row.key
            let keyCell = "<a class=\"key-link\" href=\"#\(escapeAttribute(key.anchor))\">\(HTML.code(key.path))</a>"
                + (key.required ? " <small>(\(escapeText(ui["chart.required"])))</small>" : "")
            let defaultCell: String
            if key.hasChildren {
                defaultCell = ""
            } else if let value = key.defaultValue {
                defaultCell = HTML.code(YAMLText.inline(value))
            } else {
                defaultCell = "—"
            }
            let (text, translated) = context.description(of: row, language: language)
            var descriptionCell = escapeText(text)
            if !translated {
                descriptionCell = "<span lang=\"\(escapeAttribute(context.config.defaultLanguage))\">\(descriptionCell)</span> \(HTML.badge("warning", ui["chart.untranslated"]))"
            }
            cells.append([keyCell, escapeText(key.types.joined(separator: " | ")), defaultCell, descriptionCell,
                          escapeText(key.allowed.joined(separator: "; "))])
            ids.append(key.anchor)
        }
        return HTML.table([ui["chart.key"], ui["chart.type"], ui["chart.default"], ui["chart.description"], ui["chart.allowed"]],
                          cells, rowIDs: ids, className: "values")
    }
}
