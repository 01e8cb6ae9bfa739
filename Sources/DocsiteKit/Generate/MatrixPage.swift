import TypedHTML
import Markdown

enum MatrixPage {
    static func pages(_ context: LoadedSite) -> [SitePage] {
        guard let matrix = VersionMatrix.load(root: context.root).0 else { return [] }
        return context.config.languages.map { page(matrix, context, language: $0) }
    }

    static func page(_ matrix: VersionMatrix, _ context: LoadedSite, language: String) -> SitePage {
        let ui = context.strings(language)
        let here = "\(language)/matrix/"
        var rows: [[String]] = []
        for component in matrix.components {
            var row = [escapeText(component.name)]
            for line in matrix.lines {
                guard let cell = component.cells[line] else { row.append("—"); continue }
                var text = HTML.code(cell.version)
                if let image = cell.image { text += "<br><small>\(HTML.code(image))</small>" }
                if let chart = cell.chart, let key = cell.key {
                    if VersionMatrix.drift(cell, charts: context.charts) == nil {
                        text += " <span class=\"verified\" title=\"\(escapeAttribute(ui["matrix.verified"]))\">✓ <span class=\"visually-hidden\">\(escapeText(ui["matrix.verified"]))</span></span>"
                    }
                    text += "<br><small>\(HTML.link(relativeHref(from: here, to: ChartPages.url(language, chart), fragment: ChartAnchor.id(forKey: key)), "\(chart): \(key)"))</small>"
                }
                row.append(text)
            }
            row.append(escapeText(component.notes[language] ?? component.notes["*"] ?? component.notes[context.config.defaultLanguage] ?? ""))
            rows.append(row)
        }
        let body = HTML.table([ui["matrix.component"]] + matrix.lines.map { "Spark \($0)" } + [ui["matrix.notes"]], rows, className: "matrix")
        return SitePage(language: language, key: "matrix", title: ui["matrix.title"], description: nil, section: nil,
                        weight: 90, urlPath: here, headings: [], bodyHTML: body, sourceFile: VersionMatrix.file,
                        isSectionIndex: false)
    }
}
