import TypedHTML
import Markdown

/// "Referenced by": every page lists the pages that link to it.
enum Backlinks {
    static func add(_ pages: inout [SitePage], _ context: LoadedSite) {
        var sourcesByTarget: [String: [String]] = [:]
        for page in context.content.pages where !page.linkedPages.isEmpty {
            let source = page.urlPath
            for url in page.linkedPages { sourcesByTarget[url, default: []].append(source) }
        }
        guard !sourcesByTarget.isEmpty else { return }
        let titles = Dictionary(pages.lazy.map { ($0.urlPath, $0.title) }, uniquingKeysWith: { _, last in last })
        let incoming = sourcesByTarget
        let lists = pages.concurrentMap { page -> [SitePage.Reference] in
            guard var sources = incoming[page.urlPath] else { return [] }
            sources.sort()
            // A page linking twice to the same page is listed once.
            return sources.indices.filter { $0 == 0 || sources[$0] != sources[$0 - 1] }
                .map { SitePage.Reference(urlPath: sources[$0], title: titles[sources[$0]] ?? sources[$0]) }
        }
        for index in pages.indices where !lists[index].isEmpty { pages[index].referencedBy = lists[index] }
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
