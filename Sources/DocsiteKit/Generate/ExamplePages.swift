import Foundation
import Markdown

enum ExamplePages {
    static func pages(_ context: LoadedSite, examples: [ExampleOverlay], highlighter: SyntaxHighlighter) -> [SitePage] {
        guard !examples.isEmpty else { return [] }
        var pages: [SitePage] = []
        for language in context.config.languages {
            let ui = context.strings(language)
            let indexURL = "\(language)/examples/"
            var rows: [[String]] = []
            for example in examples {
                rows.append([HTML.link(relativeHref(from: indexURL, to: example.url(language)), example.fileName),
                             example.chartID.map { HTML.link(relativeHref(from: indexURL, to: ChartPages.url(language, $0)), $0) } ?? "—",
                             verdict(example, ui)])
                pages.append(page(example, context, language: language, highlighter: highlighter))
            }
            let body = HTML.paragraph(ui["examples.intro"])
                + HTML.table([ui["examples.file"], ui["examples.chart"], ui["examples.verdict"]], rows)
            pages.append(SitePage(language: language, key: "examples/index.md", title: ui["examples.title"],
                                  description: ui["examples.intro"], section: "examples", weight: 0, urlPath: indexURL,
                                  headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: true))
        }
        return pages
    }

    static func verdict(_ example: ExampleOverlay, _ ui: UIStrings) -> String {
        example.problems.hasErrors ? HTML.badge("error", ui["examples.invalid"]) : HTML.badge("ok", ui["examples.valid"])
    }

    static func page(_ example: ExampleOverlay, _ context: LoadedSite, language: String, highlighter: SyntaxHighlighter) -> SitePage {
        let ui = context.strings(language)
        let here = example.url(language)
        var body = "<dl class=\"chart-facts\">\n"
        body += "<dt>\(escapeText(ui["examples.chart"]))</dt><dd>\(example.chartID.map { HTML.link(relativeHref(from: here, to: ChartPages.url(language, $0)), $0) } ?? "—")</dd>\n"
        body += "<dt>\(escapeText(ui["examples.verdict"]))</dt><dd>\(verdict(example, ui))</dd>\n"
        body += "</dl>\n"
        if example.problems.hasErrors {
            body += "<ul class=\"problems\">\n" + example.problems.filter { $0.severity == .error }
                .map { "<li>\(HTML.code("line \($0.line ?? 0)")) \(escapeText($0.message))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        if let command = example.installCommand {
            body += "<p>\(escapeText(ui["examples.command"])):</p>\n"
            body += "<div class=\"code\"><pre><code class=\"language-bash\">\(highlighter.highlight(code: command, language: "bash") ?? escapeText(command))</code></pre></div>\n"
        }
        body += "<p>\(HTML.code(example.file))</p>\n"
        body += "<div class=\"code\"><pre><code class=\"language-yaml\">\(highlighter.highlight(code: example.text, language: "yaml") ?? escapeText(example.text))</code></pre></div>\n"
        return SitePage(language: language, key: "examples/\(example.fileName)", title: example.fileName,
                        description: example.text.split(separator: "\n").first.map { $0.drop { $0 == "#" || $0 == " " }.description },
                        section: "examples", weight: nil, urlPath: here, headings: [], bodyHTML: body,
                        sourceFile: example.file, isSectionIndex: false)
    }
}
