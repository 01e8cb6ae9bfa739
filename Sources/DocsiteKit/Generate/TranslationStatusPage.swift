import Markdown
import TypedHTML

/// Translation backlog, readable without running anything.
enum TranslationStatusPage {
    static func pages(_ context: LoadedSite) -> [SitePage] {
        let pairs = TranslationStatus.pairs(context.content)
        guard !pairs.isEmpty else { return [] }
        return context.config.languages.map { language in
            let ui = context.strings(language)
            let here = "\(language)/translations/"
            let rows = pairs.map { pair -> [HTML] in
                let original = Page.urlPath(language: context.config.defaultLanguage, path: pair.path)
                let translated = Page.urlPath(language: pair.language, path: pair.path)
                let translatedCell = pair.state == .missing ? GeneratedHTML.code("content/\(pair.language)/\(pair.path)")
                    : GeneratedHTML.link(relativeHref(from: here, to: translated), "content/\(pair.language)/\(pair.path)")
                return [GeneratedHTML.link(relativeHref(from: here, to: original), pair.title), translatedCell,
                        GeneratedHTML.badge(pair.state.rawValue, ui["translations.\(pair.state.rawValue)"])]
            }
            let body = GeneratedHTML.paragraph(ui["translations.intro"])
                + GeneratedHTML.table([ui["translations.page"], ui["lang.label"], ui["translations.state"]], rows)
            return SitePage(language: language, key: "translations", title: ui["translations.title"], description: ui["translations.intro"],
                            section: nil, weight: 95, urlPath: here, headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: false)
        }
    }
}
