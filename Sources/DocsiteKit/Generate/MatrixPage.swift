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
        let rows = matrix.components.map { component -> [HTML] in
            let cells = matrix.lines.map { line in
                component.cells[line].map { cell($0, context: context, ui: ui, here: here, language: language) } ?? .text("—")
            }
            let notes = component.notes[language] ?? component.notes["*"] ?? component.notes[context.config.defaultLanguage] ?? ""
            return [.text(component.name)] + cells + [.text(notes)]
        }
        let body = GeneratedHTML.paragraph(ui["matrix.intro"]) + legend(ui)
            + GeneratedHTML.table([ui["matrix.component"]] + matrix.lines.map { "Spark \($0)" } + [ui["matrix.notes"]], rows, className: "matrix")
        return SitePage(language: language, key: "matrix", title: ui["matrix.title"], description: nil, section: nil,
                        weight: 90, urlPath: here, headings: [], bodyHTML: body, sourceFile: VersionMatrix.file,
                        isSectionIndex: false)
    }

    /// What the marks in the cells mean.
    static func legend(_ ui: UIStrings) -> HTML {
        .build { w in
            w.line(.dl, [.class("matrix-legend")]) { list in
                list.newline()
                for (mark, key) in [("✓", "matrix.legend.verified"), ("—", "matrix.legend.absent")] {
                    list.line(.dt, text: mark)
                    list.line(.dd, text: ui[key])
                }
            }
        }
    }

    /// One version: the image it ships in and the chart key that pins it,
    /// marked verified when the chart agrees.
    static func cell(_ cell: VersionMatrix.Cell, context: LoadedSite, ui: UIStrings, here: String, language: String) -> HTML {
        var html = GeneratedHTML.code(cell.version)
        if let image = cell.image { html += .element(.br) + .element(.small, [], [GeneratedHTML.code(image)]) }
        if let chart = cell.chart, let key = cell.key {
            if VersionMatrix.drift(cell, charts: context.charts) == nil {
                let verified = ui["matrix.verified"]
                html += .text(" ") + .element(.span, [.class("verified"), .title(verified)],
                                              [.text("✓ "), .element(.span, [.class("visually-hidden")], text: verified)])
            }
            let link = relativeHref(from: here, to: ChartPages.url(language, chart), fragment: ChartAnchor.id(forKey: key))
            html += .element(.br) + .element(.small, [], [GeneratedHTML.link(link, "\(chart): \(key)")])
        }
        return html
    }
}
