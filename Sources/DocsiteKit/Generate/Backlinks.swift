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
    static func aside(_ page: SitePage, ui: UIStrings) -> String {
        guard !page.referencedBy.isEmpty else { return "" }
        var out = "<aside class=\"backlinks\" aria-labelledby=\"backlinks-title\">\n<h2 id=\"backlinks-title\">\(escapeText(ui["backlinks.title"]))</h2>\n<ul>\n"
        out += page.referencedBy.map { "<li>\(HTML.link(relativeHref(from: page.urlPath, to: $0.urlPath), $0.title))</li>" }.joined(separator: "\n")
        return out + "\n</ul>\n</aside>\n"
    }
}
