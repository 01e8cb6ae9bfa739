import TypedHTML
import Markdown

/// "Referenced by": every page lists the pages that link to it.
enum Backlinks {
    static func add(_ pages: inout [SitePage], _ context: LoadedSite) {
        let titles = Dictionary(pages.map { ($0.urlPath, $0.title) }, uniquingKeysWith: { _, last in last })
        // Resolving every link of every page is the costly part: on all cores.
        let outgoing = context.content.pages.concurrentMap { page in
            page.links.compactMap { link -> String? in
                guard !link.isImage,
                      case .page(let language, let path, _) = LinkResolver.target(of: link.destination, inFile: page.file, language: page.language)
                else { return nil }
                let url = Page.urlPath(language: language, path: path)
                return url == page.urlPath ? nil : url
            }
        }
        var sourcesByTarget: [String: Set<String>] = [:]
        for (page, targets) in zip(context.content.pages, outgoing) {
            for url in targets { sourcesByTarget[url, default: []].insert(page.urlPath) }
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
