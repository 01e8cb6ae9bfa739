import TypedHTML
import Foundation
import Markdown

enum ExamplePages {
    static func pages(_ context: LoadedSite, examples: [ExampleOverlay], highlighter: SyntaxHighlighter) -> [SitePage] {
        guard !examples.isEmpty else { return [] }
        var pages: [SitePage] = []
        for language in context.config.languages {
            let ui = context.strings(language)
            let indexURL = "\(language)/examples/"
            var rows: [[HTML]] = []
            for example in examples {
                rows.append([GeneratedHTML.link(relativeHref(from: indexURL, to: example.url(language)), example.fileName),
                             chartLink(example, language: language, here: indexURL), verdict(example, ui)])
                pages.append(page(example, context, language: language, highlighter: highlighter))
            }
            let body = GeneratedHTML.paragraph(ui["examples.intro"])
                + GeneratedHTML.table([ui["examples.file"], ui["examples.chart"], ui["examples.verdict"]], rows)
            pages.append(SitePage(language: language, key: "examples/index.md", title: ui["examples.title"],
                                  description: ui["examples.intro"], section: "examples", weight: 0, urlPath: indexURL,
                                  headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: true))
        }
        return pages
    }

    static func verdict(_ example: ExampleOverlay, _ ui: UIStrings) -> HTML {
        example.problems.hasErrors ? GeneratedHTML.badge("error", ui["examples.invalid"]) : GeneratedHTML.badge("ok", ui["examples.valid"])
    }

    /// The chart the overlay targets, linked to its page, or a dash.
    static func chartLink(_ example: ExampleOverlay, language: String, here: String) -> HTML {
        example.chartID.map { GeneratedHTML.link(relativeHref(from: here, to: ChartPages.url(language, $0)), $0) } ?? .text("—")
    }

    static func page(_ example: ExampleOverlay, _ context: LoadedSite, language: String, highlighter: SyntaxHighlighter) -> SitePage {
        let ui = context.strings(language)
        let here = example.url(language)
        var body = HTMLWriter()
        body.line(.dl, [.class("chart-facts")]) { list in
            list.newline()
            list.line(.dt, text: ui["examples.chart"])  // a line each: Pagefind glues dt and dd
            list.line(.dd) { $0.append(chartLink(example, language: language, here: here)) }
            list.line(.dt, text: ui["examples.verdict"])
            list.line(.dd) { $0.append(verdict(example, ui)) }
        }
        if example.problems.hasErrors {
            let problems = example.problems.filter { $0.severity == .error }
                .map { GeneratedHTML.code("line \($0.line ?? 0)") + .text(" " + $0.message) }
            body.append(GeneratedHTML.list(problems, attributes: [.class("problems")]))
        }
        if let command = example.installCommand {
            body.line(.p, text: "\(ui["examples.command"]):")
            body.append(GeneratedHTML.codeBlock(command, language: "bash", highlighter: highlighter))
        }
        body.line(.p) { $0.append(GeneratedHTML.code(example.file)) }
        body.append(GeneratedHTML.codeBlock(example.text, language: "yaml", highlighter: highlighter))
        return SitePage(language: language, key: "examples/\(example.fileName)", title: example.fileName,
                        description: example.text.split(separator: "\n").first.map { $0.drop { $0 == "#" || $0 == " " }.description },
                        section: "examples", weight: nil, urlPath: here, headings: [], bodyHTML: body.html,
                        sourceFile: example.file, isSectionIndex: false)
    }
}
