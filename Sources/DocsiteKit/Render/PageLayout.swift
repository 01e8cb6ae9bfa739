import TypedHTML
import Markdown

/// The page shell around every page body: head with hreflang alternates,
/// skip link, header with the language switcher, navigation, table of
/// contents, previous/next links. Every URL is relative to the page.
public struct PageLayout: Sendable {
    /// Element ids the layout and generated parts of pages use; a heading
    /// anchor equal to one would make `#id` links land on the wrong element.
    public static let reservedIDs = ["content", "adr-status", "backlinks-title"]
    /// Pagefind's search UI names its elements with this prefix.
    public static let reservedIDPrefix = "pagefind-"

    public var config: SiteConfig
    public var strings: [String: UIStrings]
    /// Per language: key -> URL of that page, to find counterparts.
    public var urlsByKey: [String: [String: String]]
    public var navigation: [String: Navigation]
    /// Whether a search index was built (the search box is hidden otherwise).
    public var searchEnabled: Bool
    /// Sidebars laid out ahead, one per view several pages share.
    var sidebars: [SidebarView: SidebarTemplate] = [:]

    /// `pages` are the pages about to be laid out: their sidebars are
    /// prepared on every core, so laying out a page only reads shared state.
    public init(config: SiteConfig, strings: [String: UIStrings], urlsByKey: [String: [String: String]],
                navigation: [String: Navigation], searchEnabled: Bool, pages: [SitePage] = []) {
        self.config = config
        self.strings = strings
        self.urlsByKey = urlsByKey
        self.navigation = navigation
        self.searchEnabled = searchEnabled
        let views = Array(Set(pages.compactMap(sidebarView(for:))))
        let layout = self
        sidebars = Dictionary(uniqueKeysWithValues: zip(views, views.concurrentMap { layout.sidebarTemplate(for: $0) }))
    }

    public func render(_ page: SitePage) -> String {
        let ui = strings[page.language] ?? UIStrings(language: page.language, table: [:])
        let here = page.urlPath
        func url(_ target: String) -> String { Self.attributeURL(from: here, to: target) }
        let siteTitle = config.title(page.language)
        var out = ""
        out.reserveCapacity(page.bodyHTML.utf8.count + 8192)
        out += "<!DOCTYPE html>\n<html lang=\"\(escapeAttribute(page.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += page.title == siteTitle ? "<title>\(escapeText(siteTitle))</title>\n" : "<title>\(escapeText(page.title)) · \(escapeText(siteTitle))</title>\n"
        let description = page.description ?? config.description(page.language)
        if !description.isEmpty { out += "<meta name=\"description\" content=\"\(escapeAttribute(description))\">\n" }
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<link rel=\"stylesheet\" href=\"\(url("assets/docsite.css"))\">\n"
        out += "<link rel=\"icon\" href=\"\(url("assets/favicon.svg"))\" type=\"image/svg+xml\">\n"
        if searchEnabled { out += "<link rel=\"stylesheet\" href=\"\(url("pagefind/pagefind-ui.css"))\">\n" }
        for language in config.languages {
            if let target = urlsByKey[language]?[page.key] {
                out += "<link rel=\"alternate\" hreflang=\"\(escapeAttribute(language))\" href=\"\(url(target))\">\n"
            }
        }
        out += "</head>\n<body>\n"
        out += "<a class=\"skip-link\" href=\"#content\">\(escapeText(ui["nav.skip"]))</a>\n"
        out += header(page, ui: ui, url: url, siteTitle: siteTitle)
        out += "<div class=\"layout\">\n"
        sidebar(page, ui: ui, url: url, into: &out)
        out += "<main id=\"content\" tabindex=\"-1\" data-pagefind-body>\n<article>\n"
        out += "<h1>\(escapeText(page.title))</h1>\n"
        out += page.bannerHTML
        out += page.bodyHTML
        out += page.appendixHTML
        out += Backlinks.aside(page, ui: ui)
        out += "</article>\n"
        out += pager(page, ui: ui, url: url)
        out += "</main>\n"
        out += tableOfContents(page, ui: ui)
        out += "</div>\n"
        out += "<footer class=\"site-footer\"><p>\(escapeText(ui["footer.text"]))</p></footer>\n"
        if searchEnabled { out += "<script src=\"\(url("pagefind/pagefind-ui.js"))\" defer></script>\n" }
        out += "<script src=\"\(url("assets/docsite.js"))\" defer></script>\n"
        out += "</body>\n</html>\n"
        return out
    }

    func header(_ page: SitePage, ui: UIStrings, url: (String) -> String, siteTitle: String) -> String {
        var out = "<header class=\"site-header\">\n"
        out += "<a class=\"site-title\" href=\"\(url("\(page.language)/"))\">\(escapeText(siteTitle))</a>\n"
        if searchEnabled {
            out += "<div class=\"search\" data-label=\"\(escapeAttribute(ui["search.label"]))\" data-bundle=\"\(url("pagefind/"))\"></div>\n"
        }
        out += "<nav class=\"language-switcher\" aria-label=\"\(escapeAttribute(ui["lang.label"]))\"><ul>\n"
        for language in config.languages {
            let name = strings[language]?["language.name"] ?? language
            if language == page.language {
                out += "<li><span aria-current=\"true\" lang=\"\(escapeAttribute(language))\">\(escapeText(name))</span></li>\n"
            } else if let target = urlsByKey[language]?[page.key] {
                out += "<li><a href=\"\(url(target))\" hreflang=\"\(escapeAttribute(language))\" lang=\"\(escapeAttribute(language))\" rel=\"alternate\">\(escapeText(name))</a></li>\n"
            } else {
                let note = ui["lang.untranslated"]
                out += "<li><a href=\"\(url("\(language)/"))\" hreflang=\"\(escapeAttribute(language))\" lang=\"\(escapeAttribute(language))\" title=\"\(escapeAttribute(note))\">\(escapeText(name)) <small>(\(escapeText(note)))</small></a></li>\n"
            }
        }
        out += "</ul></nav>\n</header>\n"
        return out
    }

    /// The sidebar of a page. Pages in one folder share it but for the link
    /// to the page itself, so it is laid out once per folder (the tree with
    /// hundreds of relative links was a fifth of a cold build) and the one
    /// link is spliced in per page.
    func sidebar(_ page: SitePage, ui: UIStrings, url: (String) -> String, into out: inout String) {
        guard let nav = navigation[page.language] else { return }
        guard let view = sidebarView(for: page) else {
            // Not in the navigation: nothing to mark, nothing shared.
            out += sidebarTemplate(nav, here: page.urlPath, open: nav.expandAll ? nil : [""], ui: ui).html
            return
        }
        let template = sidebars[view] ?? sidebarTemplate(for: view)
        guard let own = template.links[page.urlPath] else {
            out += template.html
            return
        }
        out += template.html[..<own.range.lowerBound]
        out += navLink(own.title, page.urlPath, current: page.urlPath, url)
        out += template.html[own.range.upperBound...]
    }

    /// `target` relative to the page at `here`, ready for an attribute.
    static func attributeURL(from here: String, to target: String) -> String {
        escapeAttribute(relativeHref(from: here, to: target))
    }

    /// Which shared sidebar a page in the navigation shows.
    func sidebarView(for page: SitePage) -> SidebarView? {
        guard let nav = navigation[page.language], let node = nav.nodesByURL[page.urlPath] else { return nil }
        // A page with children links below itself, so only it sees its
        // sidebar; a leaf sees what its siblings see, from a place beside them.
        let shared = node.children.isEmpty && page.urlPath.hasSuffix("/")
        let here = shared ? RelativePath.directory(of: String(page.urlPath.dropLast())) + "/\u{1}/" : page.urlPath
        let open = shared ? (node.parent ?? nav.root) : node
        return SidebarView(language: page.language, here: here, openNode: nav.expandAll ? nil : open.path)
    }

    func sidebarTemplate(for view: SidebarView) -> SidebarTemplate {
        guard let nav = navigation[view.language] else { return SidebarTemplate() }
        let ui = strings[view.language] ?? UIStrings(language: view.language, table: [:])
        let open = view.openNode.map { path in nav.nodesByPath[path].map(nav.expandedPaths(for:)) ?? [""] }
        return sidebarTemplate(nav, here: view.here, open: open, ui: ui)
    }

    /// The sidebar as seen from `here`, no link marked current, with where
    /// each page's own link sits.
    func sidebarTemplate(_ nav: Navigation, here: String, open: Set<String>?, ui: UIStrings) -> SidebarTemplate {
        func url(_ target: String) -> String { Self.attributeURL(from: here, to: target) }
        var template = SidebarTemplate()
        template.html = "<nav class=\"site-nav\" aria-label=\"\(escapeAttribute(ui["nav.label"]))\">\n<ul>\n"
        if let home = nav.root.urlPath {
            template.html += "<li>"
            template.appendPageLink(nav.root.title, home, url)
            template.html += "</li>\n"
        }
        for child in nav.root.children { renderNode(child, open: open, url: url, into: &template) }
        template.html += "</ul>\n</nav>\n"
        return template
    }

    func renderNode(_ node: Navigation.Node, open: Set<String>?, url: (String) -> String, into template: inout SidebarTemplate) {
        let isSection = !node.path.contains("/") && !node.children.isEmpty
        let expanded = !node.children.isEmpty && (open?.contains(node.path) ?? true)
        template.html += isSection ? "<li class=\"nav-section\">" : "<li>"
        if let target = node.urlPath {
            template.appendPageLink(node.title, target, url)
        } else if !expanded, let first = firstPage(node) {
            // A collapsed folder without a page of its own leads to its first page.
            template.html += navLink(node.title, first, current: nil, url)
        } else {
            template.html += "<span class=\"nav-section-title\">\(escapeText(node.title))</span>"
        }
        if expanded {
            template.html += "\n<ul>\n"
            for child in node.children { renderNode(child, open: open, url: url, into: &template) }
            template.html += "</ul>\n"
        }
        template.html += "</li>\n"
    }

    func firstPage(_ node: Navigation.Node) -> String? {
        if let target = node.urlPath { return target }
        for child in node.children { if let found = firstPage(child) { return found } }
        return nil
    }

    func tableOfContents(_ page: SitePage, ui: UIStrings) -> String {
        let entries = page.headings.filter { $0.level == 2 || $0.level == 3 }
        guard !entries.isEmpty else { return "" }
        var out = "<aside class=\"toc\">\n<nav aria-label=\"\(escapeAttribute(ui["toc.title"]))\">\n"
        out += "<p class=\"toc-title\">\(escapeText(ui["toc.title"]))</p>\n<ul>\n"
        for heading in entries {
            out += "<li class=\"toc-level-\(heading.level)\"><a href=\"#\(escapeAttribute(LinkResolver.encodeFragment(heading.id)))\">\(escapeText(heading.text))</a></li>\n"
        }
        out += "</ul>\n</nav>\n</aside>\n"
        return out
    }

    func pager(_ page: SitePage, ui: UIStrings, url: (String) -> String) -> String {
        guard let (previous, next) = navigation[page.language]?.neighbours(of: page.urlPath) else { return "" }
        guard previous != nil || next != nil else { return "" }
        var out = "<nav class=\"pager\" aria-label=\"\(escapeAttribute(ui["pager.label"]))\">\n"
        if let previous {
            out += "<a class=\"pager-previous\" rel=\"prev\" href=\"\(url(previous.urlPath))\"><span>\(escapeText(ui["pager.previous"]))</span> \(escapeText(previous.title))</a>\n"
        }
        if let next {
            out += "<a class=\"pager-next\" rel=\"next\" href=\"\(url(next.urlPath))\"><span>\(escapeText(ui["pager.next"]))</span> \(escapeText(next.title))</a>\n"
        }
        out += "</nav>\n"
        return out
    }
}

/// Pages that see the same sidebar: same language, same place relative to
/// the links, same branch open (nil: every branch).
struct SidebarView: Hashable, Sendable {
    var language: String
    var here: String
    var openNode: String?
}

/// A laid-out sidebar and, per page URL, where that page's link sits in it.
struct SidebarTemplate: Sendable {
    var html = ""
    var links: [String: (range: Range<String.Index>, title: String)] = [:]

    mutating func appendPageLink(_ title: String, _ target: String, _ url: (String) -> String) {
        let start = html.endIndex
        html += navLink(title, target, current: nil, url)
        // Indices of a prefix stay valid while the string only grows.
        links[target] = (start..<html.endIndex, title)
    }
}

func navLink(_ title: String, _ target: String, current: String?, _ url: (String) -> String) -> String {
    let mark = target == current ? " aria-current=\"page\"" : ""
    return "<a href=\"\(url(target))\"\(mark)>\(escapeText(title))</a>"
}
