import Markdown

enum MatrixPage {
    static func pages(_ context: GenerationContext) -> [SitePage] {
        guard let matrix = VersionMatrix.load(root: context.root).0 else { return [] }
        return context.config.languages.map { page(matrix, context, language: $0) }
    }

    static func page(_ matrix: VersionMatrix, _ context: GenerationContext, language: String) -> SitePage {
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

/// Translation backlog, readable without running anything.
enum TranslationStatusPage {
    static func pages(_ context: GenerationContext) -> [SitePage] {
        let pairs = TranslationStatus.pairs(context.content)
        guard !pairs.isEmpty else { return [] }
        return context.config.languages.map { language in
            let ui = context.strings(language)
            let here = "\(language)/translations/"
            let rows = pairs.map { pair -> [String] in
                let original = Page.urlPath(language: context.config.defaultLanguage, path: pair.path)
                let translated = Page.urlPath(language: pair.language, path: pair.path)
                let translatedCell = pair.state == .missing ? HTML.code("content/\(pair.language)/\(pair.path)")
                    : HTML.link(relativeHref(from: here, to: translated), "content/\(pair.language)/\(pair.path)")
                return [HTML.link(relativeHref(from: here, to: original), pair.title), translatedCell,
                        HTML.badge(pair.state.rawValue, ui["translations.\(pair.state.rawValue)"])]
            }
            let body = HTML.paragraph(ui["translations.intro"])
                + HTML.table([ui["translations.page"], ui["lang.label"], ui["translations.state"]], rows)
            return SitePage(language: language, key: "translations", title: ui["translations.title"], description: ui["translations.intro"],
                            section: nil, weight: 95, urlPath: here, headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: false)
        }
    }
}
