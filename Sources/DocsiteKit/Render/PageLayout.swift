import Foundation
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

    public func render(_ page: SitePage) -> HTML { write(page).html }

    /// The page's file contents: the writer's bytes as they are, with no
    /// round trip through a String (a build writes thousands of pages).
    public func data(_ page: SitePage) -> Data { Data(write(page).utf8) }

    func write(_ page: SitePage) -> HTMLWriter {
        let ui = strings[page.language] ?? UIStrings(language: page.language, table: [:])
        let here = page.urlPath
        func url(_ target: String) -> String { relativeHref(from: here, to: target) }
        var w = HTMLWriter(reservingCapacity: page.bodyHTML.markup.utf8.count + 8192)
        w.doctype()
        w.newline()
        w.line(.html, [.lang(page.language)]) { html in
            html.newline()
            head(page, url: url, into: &html)
            html.line(.body) { body in
                body.newline()
                pageBody(page, ui: ui, url: url, into: &body)
            }
        }
        return w
    }

    /// `<head>`: title, description, styles and the page's other languages.
    func head(_ page: SitePage, url: (String) -> String, into w: inout HTMLWriter) {
        let siteTitle = config.title(page.language)
        let description = page.description ?? config.description(page.language)
        w.line(.head) { head in
            head.newline()
            head.line(.meta, [Attribute("charset", "utf-8")])
            head.line(.meta, [Attribute("name", "viewport"), Attribute("content", "width=device-width, initial-scale=1")])
            head.line(.title, text: page.title == siteTitle ? siteTitle : "\(page.title) · \(siteTitle)")
            if !description.isEmpty { head.line(.meta, [Attribute("name", "description"), Attribute("content", description)]) }
            head.line(.meta, [Attribute("name", "color-scheme"), Attribute("content", "light dark")])
            // Render-blocking on purpose, before the styles: see StaticAssets.themeScript.
            head.line(.script, [.src(url("assets/theme.js"))])
            head.line(.link, [Attribute("rel", "stylesheet"), .href(url("assets/docsite.css"))])
            head.line(.link, [Attribute("rel", "icon"), .href(url("assets/favicon.svg")), Attribute("type", "image/svg+xml")])
            if searchEnabled { head.line(.link, [Attribute("rel", "stylesheet"), .href(url("pagefind/pagefind-ui.css"))]) }
            // Absolute or absent: a relative canonical would name a
            // different page under each address the site is served from.
            if let canonical = config.absoluteURL(page.urlPath) { head.line(.link, [Attribute("rel", "canonical"), .href(canonical)]) }
            for language in config.languages {
                guard let target = urlsByKey[language]?[page.key] else { continue }
                head.line(.link, [Attribute("rel", "alternate"), Attribute("hreflang", language), .href(url(target))])
            }
        }
    }

    /// Inside `<body>`: header, sidebar, the article with its pager, the
    /// table of contents, footer and scripts.
    func pageBody(_ page: SitePage, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        w.line(.a, [.class("skip-link"), .href("#content")], text: ui["nav.skip"])
        header(page, ui: ui, url: url, into: &w)
        w.line(.div, [.class("layout")]) { layout in
            layout.newline()
            sidebar(page, ui: ui, url: url, into: &layout)
            layout.line(.main, [.id("content"), Attribute("tabindex", "-1"), .flag("data-pagefind-body")]) { main in
                main.newline()
                // Outside the article: the article holds what the page's source says.
                breadcrumbs(page, ui: ui, url: url, into: &main)
                main.line(.article) { article in
                    article.newline()
                    article.line(.h1, text: page.title)
                    for part in [page.bannerHTML, page.bodyHTML, page.appendixHTML, Backlinks.aside(page, ui: ui)] {
                        article.append(part)
                    }
                }
                pageFacts(page, ui: ui, into: &main)
                pager(page, ui: ui, url: url, into: &main)
            }
            tableOfContents(page, ui: ui, into: &layout)
        }
        w.line(.footer, [.class("site-footer")]) { $0.element(.p, text: ui["footer.text"]) }
        if searchEnabled {
            w.line(.script, [.src(url("pagefind/pagefind-ui.js")), .flag("defer")])
        }
        w.line(.script, [.src(url("assets/docsite.js")), .flag("defer")])
    }

    func header(_ page: SitePage, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        w.line(.header, [.class("site-header")]) { header in
            header.newline()
            header.line(.a, [.class("site-title"), .href(url("\(page.language)/"))], text: config.title(page.language))
            if searchEnabled {
                header.line(.div, [.class("search"), .data("label", ui["search.label"]), .data("bundle", url("pagefind/")),
                                   .data("keys", url(KeysIndex.path(page.language)))])
            }
            header.line(.nav, [.class("language-switcher"), .ariaLabel(ui["lang.label"])]) { nav in
                nav.element(.ul) { list in
                    list.newline()
                    for language in config.languages { list.line(.li) { languageLink(page, language, ui: ui, url: url, into: &$0) } }
                }
            }
        }
    }

    /// One entry of the language switcher: this page's language, its
    /// translation, or the other language's home when there is none.
    func languageLink(_ page: SitePage, _ language: String, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        let name = strings[language]?["language.name"] ?? language
        if language == page.language {
            w.element(.span, [Attribute("aria-current", "true"), .lang(language)], text: name)
        } else if let target = urlsByKey[language]?[page.key] {
            w.element(.a, [.href(url(target)), Attribute("hreflang", language), .lang(language), Attribute("rel", "alternate")], text: name)
        } else {
            let note = ui["lang.untranslated"]
            w.element(.a, [.href(url("\(language)/")), Attribute("hreflang", language), .lang(language), .title(note)]) { link in
                link.text(name + " ")
                link.element(.small, text: "(\(note))")
            }
        }
    }

    /// The sidebar of a page. Pages in one folder share it but for the link
    /// to the page itself, so it is laid out once per folder (the tree with
    /// hundreds of relative links was a fifth of a cold build) and the one
    /// link is swapped in per page.
    func sidebar(_ page: SitePage, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        guard let nav = navigation[page.language] else { return }
        guard let view = sidebarView(for: page) else {
            // Not in the navigation: nothing to mark, nothing shared.
            sidebarTemplate(nav, here: page.urlPath, open: nav.expandAll ? nil : [""], ui: ui).html.append(into: &w)
            return
        }
        let template = sidebars[view] ?? sidebarTemplate(for: view)
        guard let label = template.labels[page.urlPath] else { return template.html.append(into: &w) }
        template.html.append(into: &w, replacing: page.urlPath, with: navLink(label, page.urlPath, current: page.urlPath, url))
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

    /// The sidebar as seen from `here`, no link marked current, with each
    /// page's own link marked so it can be swapped.
    func sidebarTemplate(_ nav: Navigation, here: String, open: Set<String>?, ui: UIStrings) -> SidebarTemplate {
        func url(_ target: String) -> String { relativeHref(from: here, to: target) }
        var template = SidebarTemplate()
        var html = HTMLTemplate()
        html.element(.nav, [.class("site-nav"), .ariaLabel(ui["nav.label"])]) { navigation in
            navigation.newline()
            navigation.element(.ul) { list in
                list.newline()
                if let home = nav.root.urlPath {
                    list.element(.li) { template.markPageLink(NavLabel(nav.root), home, url, in: &$0) }
                    list.newline()
                }
                for child in nav.root.children { renderNode(child, open: open, url: url, into: &list, template: &template) }
            }
            navigation.newline()
        }
        html.newline()
        template.html = html
        return template
    }

    func renderNode(_ node: Navigation.Node, open: Set<String>?, url: (String) -> String,
                    into list: inout HTMLTemplate, template: inout SidebarTemplate) {
        let isSection = !node.path.contains("/") && !node.children.isEmpty
        let expanded = !node.children.isEmpty && (open?.contains(node.path) ?? true)
        list.element(.li, isSection ? [.class("nav-section")] : []) { item in
            if let target = node.urlPath {
                template.markPageLink(NavLabel(node), target, url, in: &item)
            } else if !expanded, let first = firstPage(node) {
                // A collapsed folder without a page of its own leads to its first page.
                item.write { $0.append(navLink(NavLabel(node), first, current: nil, url)) }
            } else {
                item.write { $0.element(.span, [.class("nav-section-title")], text: node.title) }
            }
            guard expanded else { return }
            item.newline()
            item.element(.ul) { children in
                children.newline()
                for child in node.children { renderNode(child, open: open, url: url, into: &children, template: &template) }
            }
            item.newline()
        }
        list.newline()
    }

    func firstPage(_ node: Navigation.Node) -> String? {
        if let target = node.urlPath { return target }
        for child in node.children { if let found = firstPage(child) { return found } }
        return nil
    }

    func tableOfContents(_ page: SitePage, ui: UIStrings, into w: inout HTMLWriter) {
        let entries = page.headings.filter { $0.level == 2 || $0.level == 3 }
        guard !entries.isEmpty else { return }
        w.line(.aside, [.class("toc")]) { aside in
            aside.newline()
            aside.line(.nav, [.ariaLabel(ui["toc.title"])]) { nav in
                nav.newline()
                nav.line(.p, [.class("toc-title")], text: ui["toc.title"])
                nav.line(.ul) { list in
                    list.newline()
                    for heading in entries {
                        list.line(.li, [.class("toc-level-\(heading.level)")]) {
                            $0.element(.a, [.href("#" + LinkResolver.encodeFragment(heading.id))], text: heading.text)
                        }
                    }
                }
            }
        }
    }

    /// "Last updated" (from git) and "Edit this page" (when site.yaml says
    /// where), each only when known.
    func pageFacts(_ page: SitePage, ui: UIStrings, into w: inout HTMLWriter) {
        let edit = page.sourceFile.flatMap(config.editLink)
        guard page.lastUpdated != nil || edit != nil else { return }
        w.line(.p, [.class("page-facts"), .flag("data-pagefind-ignore")]) { p in
            if let date = page.lastUpdated {
                p.text(ui["page.updated"] + " ")
                p.element(.time, [Attribute("datetime", date)], text: LastUpdated.day(date))
            }
            if let edit {
                if page.lastUpdated != nil { p.text(" · ") }
                p.element(.a, [.href(edit), Attribute("rel", "noopener")], text: ui["page.edit"])
            }
        }
    }

    /// Home › section › page, as a list in a labelled nav (the WAI-ARIA
    /// breadcrumb pattern); the page itself is marked, not linked. The home
    /// page has no trail to show.
    func breadcrumbs(_ page: SitePage, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        let trail = navigation[page.language]?.trail(to: page.urlPath) ?? []
        guard trail.count > 1 else { return }
        // Not indexed: every result's excerpt would start with the trail.
        w.line(.nav, [.class("breadcrumbs"), .ariaLabel(ui["breadcrumbs.label"]), .flag("data-pagefind-ignore")]) { nav in
            nav.element(.ol) { list in
                for (index, step) in trail.enumerated() {
                    list.element(.li) { item in
                        if index == trail.count - 1 {
                            item.element(.span, [Attribute("aria-current", "page")], text: step.title)
                        } else if let target = step.urlPath {
                            item.element(.a, [.href(url(target))], text: step.title)
                        } else {
                            item.text(step.title)
                        }
                    }
                }
            }
        }
    }

    func pager(_ page: SitePage, ui: UIStrings, url: (String) -> String, into w: inout HTMLWriter) {
        guard let (previous, next) = navigation[page.language]?.neighbours(of: page.urlPath) else { return }
        guard previous != nil || next != nil else { return }
        w.line(.nav, [.class("pager"), .ariaLabel(ui["pager.label"])]) { nav in
            nav.newline()
            for (entry, kind, rel, label) in [(previous, "previous", "prev", "pager.previous"), (next, "next", "next", "pager.next")] {
                guard let entry else { continue }
                nav.line(.a, [.class("pager-\(kind)"), Attribute("rel", rel), .href(url(entry.urlPath))]) { link in
                    link.element(.span, text: ui[label])
                    link.text(" " + entry.title)
                }
            }
        }
    }
}

/// Pages that see the same sidebar: same language, same place relative to
/// the links, same branch open (nil: every branch).
struct SidebarView: Hashable, Sendable {
    var language: String
    var here: String
    var openNode: String?
}

/// A laid-out sidebar, each page's own link marked by its URL, and the
/// labels of those links (to write the current page's link in their place).
struct SidebarTemplate: Sendable {
    var html = HTMLTemplate()
    var labels: [String: NavLabel] = [:]

    /// Writes a page's link into `html` (a part of this template being
    /// written), marked with the page's URL.
    mutating func markPageLink(_ label: NavLabel, _ target: String, _ url: (String) -> String, in html: inout HTMLTemplate) {
        html.mark(target) { $0.append(navLink(label, target, current: nil, url)) }
        labels[target] = label
    }
}

/// A sidebar link's text and, when that is a short form of a longer
/// title (an ADR's number and short title), the title as its tooltip.
struct NavLabel: Sendable {
    var text: String
    var tooltip: String?

    init(_ node: Navigation.Node) {
        text = node.navTitle ?? node.title
        tooltip = node.navTitle == nil ? nil : node.title
    }
}

func navLink(_ label: NavLabel, _ target: String, current: String?, _ url: (String) -> String) -> HTML {
    var attributes = [Attribute.href(url(target))]
    if let tooltip = label.tooltip { attributes.append(.title(tooltip)) }
    if target == current { attributes.append(Attribute("aria-current", "page")) }
    return .element(.a, attributes, text: label.text)
}
