import TypedHTML
import Markdown

/// "Referenced by": every page lists the pages that link to it.
enum Backlinks {
    static func add(_ pages: inout [SitePage], _ context: LoadedSite) {
        let titles = Dictionary(pages.map { ($0.urlPath, $0.title) }, uniquingKeysWith: { _, last in last })
        var sourcesByTarget: [String: Set<String>] = [:]
        for page in context.content.pages {
            for url in page.linkedPages { sourcesByTarget[url, default: []].insert(page.urlPath) }
        }
        let incoming = sourcesByTarget
        let lists = pages.concurrentMap { page in
            (incoming[page.urlPath] ?? []).sorted().map { SitePage.Reference(urlPath: $0, title: titles[$0] ?? $0) }
        }
        for (index, list) in zip(pages.indices, lists) { pages[index].referencedBy = list }
    }

    /// The aside listing `page.referencedBy`, or nothing.
    static func aside(_ page: SitePage, ui: UIStrings) -> HTML {
        guard !page.referencedBy.isEmpty else { return .empty }
        let links = page.referencedBy.map { GeneratedHTML.link(relativeHref(from: page.urlPath, to: $0.urlPath), $0.title) }
        return .build { w in
            w.line(.aside, [.class("backlinks"), Attribute("aria-labelledby", "backlinks-title")]) { aside in
                aside.newline()
                aside.line(.h2, [.id("backlinks-title")], text: ui["backlinks.title"])
                aside.append(GeneratedHTML.list(links))
            }
        }
    }
}
