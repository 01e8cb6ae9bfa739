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
                             .text(example.when(language, defaultLanguage: context.config.defaultLanguage) ?? ""),
                             chartLink(example, language: language, here: indexURL), verdict(example, ui)])
                pages.append(page(example, context, language: language, highlighter: highlighter))
            }
            let body = GeneratedHTML.paragraph(ui["examples.intro"])
                + GeneratedHTML.table([ui["examples.file"], ui["examples.when"], ui["examples.chart"], ui["examples.verdict"]], rows)
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
        let when = example.when(language, defaultLanguage: context.config.defaultLanguage)
        var body = HTMLWriter()
        if let when { body.line(.p, [.class("lead")], text: when) }
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
        body.append(overlayBlock(example, context, language: language, highlighter: highlighter))
        // The sentence says what the page is for; without one, the file's first comment line.
        let firstLine = example.text.split(separator: "\n").first.map { $0.drop { $0 == "#" || $0 == " " }.description }
        return SitePage(language: language, key: "examples/\(example.fileName)", title: example.fileName,
                        description: when ?? firstLine, section: "examples", weight: nil, urlPath: here, headings: [],
                        bodyHTML: body.html, sourceFile: example.file, isSectionIndex: false)
    }

    /// The overlay as a titled code block: its file name and a link to the
    /// file itself (published next to the page), each key linked to its row
    /// in the chart's values reference. Keys the reference has no row for
    /// (entries of a free-form map) stay plain text, never a broken link.
    static func overlayBlock(_ example: ExampleOverlay, _ context: LoadedSite, language: String, highlighter: SyntaxHighlighter) -> HTML {
        let ui = context.strings(language)
        let rows = example.chartID.flatMap { context.documentation[$0] }?.rows ?? []
        let anchors = Dictionary(rows.map { ($0.key.path, $0.key.anchor) }, uniquingKeysWith: { first, _ in first })
        var links: [Int: SyntaxHighlighter.KeyLink] = [:]
        if let chartID = example.chartID {
            let reference = ChartPages.url(language, chartID)
            for key in OverlayKeys.keys(in: example.text) {
                guard let anchor = anchors[key.path] else { continue }
                links[key.offset] = .init(href: relativeHref(from: example.url(language), to: reference, fragment: anchor), title: key.path)
            }
        }
        return .build { w in
            w.line(.figure, [.class("code-block")]) { figure in
                figure.element(.figcaption, [.class("code-title")]) { caption in
                    caption.text(example.fileName)
                    if !example.text.isEmpty {
                        caption.text(" ")
                        caption.element(.a, [.class("raw-file"), .href(example.fileName), .flag("download")], text: ui["examples.raw"])
                    }
                }
                // Not indexed: the file holds the sentence in every language, and a
                // Russian line made the English index answer Russian queries.
                figure.element(.pre, [.flag("data-pagefind-ignore")]) { pre in
                    pre.element(.code, [.class("language-yaml")]) { $0.append(highlighter.highlight(yaml: example.text, keyLinks: links)) }
                }
            }
        }
    }

    /// Each overlay's file, byte for byte, beside its page in every language
    /// (what the page's download link names). An unreadable one has no text
    /// and is not published; its verdict says why.
    static func rawFiles(_ context: LoadedSite) -> [(path: String, data: Data)] {
        context.overlays.filter { !$0.text.isEmpty }.flatMap { example in
            context.config.languages.map { (example.url($0) + example.fileName, Data(example.text.utf8)) }
        }
    }
}
