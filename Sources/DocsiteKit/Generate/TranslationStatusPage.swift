import Markdown
import TypedHTML

/// Translation backlog, readable without running anything.
enum TranslationStatusPage {
    /// Where a language's page lives; it changes with every English edit.
    static func folder(_ language: String) -> String { "\(language)/translations/" }

    static func pages(_ context: LoadedSite) -> [SitePage] {
        let pairs = TranslationStatus.pairs(context.content)
        guard !pairs.isEmpty else { return [] }
        // One history walk for every stale page; none when nothing is stale.
        let changes = EnglishHistory.changes(root: context.root, TranslationStatus.historyRequests(pairs, content: context.content))
        // Two tables of every page of the site: one language per core.
        return context.config.languages.concurrentMap { language in
            let ui = context.strings(language)
            let here = folder(language)
            let rows = pairs.map { pair -> [HTML] in
                let original = Page.urlPath(language: context.config.defaultLanguage, path: pair.path)
                let translated = Page.urlPath(language: pair.language, path: pair.path)
                let file = pair.state == .missing ? GeneratedHTML.code("content/\(pair.language)/\(pair.path)")
                    : GeneratedHTML.link(relativeHref(from: here, to: translated), "content/\(pair.language)/\(pair.path)")
                let translatedCell = languageName(pair.language, context) + .text(": ") + file
                return [GeneratedHTML.link(relativeHref(from: here, to: original), pair.title), translatedCell,
                        GeneratedHTML.badge(pair.state.rawValue, ui["translations.\(pair.state.rawValue)"])]
            }
            let body = GeneratedHTML.paragraph(ui["translations.intro"]) + summary(pairs, ui: ui, context)
                + GeneratedHTML.table([ui["translations.page"], ui["lang.label"], ui["translations.state"]], rows)
                + englishChanges(changes, ui: ui)
            return SitePage(language: language, key: "translations", title: ui["translations.title"], description: ui["translations.intro"],
                            section: nil, weight: 95, urlPath: here, headings: [], bodyHTML: body, sourceFile: nil, isSectionIndex: false)
        }
    }

    /// A language's own name, marked with its language for screen readers.
    static func languageName(_ language: String, _ context: LoadedSite) -> HTML {
        .element(.span, [.lang(language)], text: context.strings(language)["language.name"])
    }

    /// One line per translated language: "Русский: 24/24 up to date",
    /// then the stale and missing counts when there are any.
    static func summary(_ pairs: [TranslationPair], ui: UIStrings, _ context: LoadedSite) -> HTML {
        let languages = context.config.languages.filter { language in pairs.contains { $0.language == language } }
        return .build { w in
            w.line(.ul, [.class("translation-summary")]) { list in
                list.newline()
                for language in languages {
                    let mine = pairs.filter { $0.language == language }
                    let count = { (state: TranslationPair.State) in mine.filter { $0.state == state }.count }
                    list.line(.li) { item in
                        item.append(languageName(language, context))
                        item.text(": \(count(.upToDate))/\(mine.count) \(ui["translations.summary.up-to-date"])")
                        for state in [TranslationPair.State.stale, .missing] where count(state) > 0 {
                            item.text(" · \(ui["translations.summary.\(state.rawValue)"]): \(count(state))")
                        }
                    }
                }
            }
        }
    }

    /// For each stale page, the English diff since its translated version
    /// (folded), or why it cannot be shown; nothing when no page is stale.
    /// The `div.code` wrapper makes a wide diff a focusable scroll region, as code blocks are.
    static func englishChanges(_ changes: [String: EnglishHistory.Outcome], ui: UIStrings) -> HTML {
        guard !changes.isEmpty else { return .empty }
        var out = HTMLWriter()
        out.append(GeneratedHTML.heading(2, "english-changes", ui["translations.changes"], label: ui["heading.link"]))
        for (file, outcome) in changes.sorted(by: { $0.key < $1.key }) {
            switch outcome {
            case let .changed(change):
                out.line(.details, [.class("english-diff")]) { details in
                    details.element(.summary) { summary in
                        summary.append(GeneratedHTML.code(file))
                        summary.text(" +\(change.added) −\(change.removed) \(ui["translations.diff-lines"])")
                    }
                    details.newline()
                    details.element(.div, [.class("code")]) { $0.element(.pre) { $0.element(.code, text: change.unifiedDiff) } }
                }
            case let .unavailable(_, reason):
                out.line(.p, [.class("english-diff")]) { p in
                    p.append(GeneratedHTML.code(file))
                    p.text(" \(ui["translations.no-history"]) (\(reason))")
                }
            }
        }
        return out.html
    }
}
