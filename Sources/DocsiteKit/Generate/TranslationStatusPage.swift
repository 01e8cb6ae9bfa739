import Markdown

/// Translation backlog, readable without running anything.
enum TranslationStatusPage {
    static func pages(_ context: LoadedSite) -> [SitePage] {
        let pairs = TranslationStatus.pairs(context.content)
        guard !pairs.isEmpty else { return [] }
        // One history walk for every stale page; none when nothing is stale.
        let changes = EnglishHistory.changes(root: context.root, TranslationStatus.historyRequests(pairs, content: context.content))
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
                + englishChanges(changes, ui: ui)
            return SitePage(language: language, key: "translations", title: ui["translations.title"], description: ui["translations.intro"],
                            section: nil, weight: 95, urlPath: here, headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: false)
        }
    }

    /// For each stale page, the English diff since its translated version
    /// (folded), or why it cannot be shown; nothing when no page is stale.
    /// The `div.code` wrapper makes a wide diff a focusable scroll region, as code blocks are.
    static func englishChanges(_ changes: [String: EnglishHistory.Outcome], ui: UIStrings) -> String {
        guard !changes.isEmpty else { return "" }
        var out = HTML.heading(2, "english-changes", ui["translations.changes"], label: ui["heading.link"])
        for (file, outcome) in changes.sorted(by: { $0.key < $1.key }) {
            switch outcome {
            case let .changed(change):
                out += "<details class=\"english-diff\"><summary>\(HTML.code(file)) +\(change.added) −\(change.removed) "
                    + "\(escapeText(ui["translations.diff-lines"]))</summary>\n<div class=\"code\"><pre><code>\(escapeText(change.unifiedDiff))</code></pre></div></details>\n"
            case let .unavailable(_, reason):
                out += "<p class=\"english-diff\">\(HTML.code(file)) \(escapeText(ui["translations.no-history"])) (\(escapeText(reason)))</p>\n"
            }
        }
        return out
    }
}
