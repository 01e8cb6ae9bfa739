import SystemIO
import TypedHTML
import Foundation
import Markdown

/// The render stage: Markdown pages to `SitePage`s, then every page through
/// the layout into a `SiteTree`.
public struct SiteRenderer: Sendable {
    public var content: SiteContent
    public var highlighter: SyntaxHighlighter

    public init(content: SiteContent, highlighter: SyntaxHighlighter = SyntaxHighlighter()) {
        self.content = content
        self.highlighter = highlighter
    }

    /// URLs of everything a link can point at, from the site root.
    public struct Targets: Sendable {
        /// Repository-relative file -> site URL (pages, generated pages, copied assets).
        public var fileURLs: [String: String] = [:]
        /// Language -> repository file -> URL of the generated page for it.
        public var localizedFileURLs: [String: [String: String]] = [:]
        /// Language -> chart name -> URL of the chart's reference page.
        public var chartURLs: [String: [String: String]] = [:]

        public func url(for target: LinkTarget, language: String) -> String? {
            switch target {
            case .page(let targetLanguage, let path, _):
                return fileURLs["content/\(targetLanguage)/\(path)"]
            case .repositoryFile(let path, _):
                return localizedFileURLs[language]?[path] ?? fileURLs[path]
            case .chart(let name, let key):
                guard let base = chartURLs[language]?[name] else { return nil }
                return key.map { base + "#" + ChartAnchor.id(forKey: $0) } ?? base
            case .external, .sameDocument, .outside:
                return nil
            }
        }
    }

    public func targets(extraPages: [SitePage]) -> Targets {
        var targets = Targets()
        for page in content.pages { targets.fileURLs[page.file] = page.urlPath }
        for asset in content.assets { targets.fileURLs["content/\(asset)"] = asset }
        for page in extraPages {
            if let file = page.sourceFile, targets.fileURLs[file] == nil || page.language == content.config.defaultLanguage {
                targets.fileURLs[file] = page.urlPath
            }
            // Generated pages exist in every language: link within the reader's.
            if let file = page.sourceFile { targets.localizedFileURLs[page.language, default: [:]][file] = page.urlPath }
            if page.key.hasPrefix("charts/"), page.sourceFile?.hasSuffix("/Chart.yaml") == true {
                targets.chartURLs[page.language, default: [:]][String(page.key.dropFirst(7))] = page.urlPath
            }
        }
        return targets
    }

    /// A `SitePage` for every Markdown page (bodies pending).
    public func markdownPages() -> [SitePage] {
        content.pages.map(sitePage(for:))
    }

    public func sitePage(for page: Page) -> SitePage {
        var site = SitePage(language: page.language, key: page.path, title: page.title,
                            description: page.frontMatter.description, section: page.section,
                            weight: page.frontMatter.weight, urlPath: page.urlPath, headings: page.headings,
                            bodyHTML: .empty, sourceFile: page.file, isSectionIndex: page.isIndex)
        // The body is rendered when the page is laid out, so the bodies of
        // all pages are never in memory at once.
        site.contentHash = page.contentHash
        if page.section == "adr", !page.isIndex {
            site.navTitle = ADRRecord.navigationLabel(path: page.path, title: page.title, shortTitle: page.frontMatter.string("short_title"))
        }
        site.bodyPending = true
        return site
    }

    /// The per-page output cap (`MarkdownBudget.maxOutputBytes`): the last
    /// guard against a page that multiplies into hundreds of megabytes.
    static func outputExcess(_ size: Int, page: SitePage) -> DiagnosticsError? {
        let budget = MarkdownBudget.standard
        guard size > budget.maxOutputBytes else { return nil }
        return DiagnosticsError([.error(.markdownBudget, file: page.sourceFile ?? page.outputFile, line: 1,
                                        "the page renders to \(budget.megabytes(size)) of HTML, over the \(budget.megabytes(budget.maxOutputBytes)) budget for one page; split it")])
    }

    /// The page's Markdown as HTML, links rewritten for where it lands.
    public func body(of page: Page, targets: Targets) -> HTML {
        let writer = LinkWriter { targets.url(for: $0, language: page.language) }
        let here = page.urlPath
        let ui = content.strings[page.language]
        let renderer = HTMLRenderer(
            resolveLink: { writer.href($0, file: page.file, language: page.language, fromURL: here) },
            highlight: { highlighter.highlight(code: $1, language: $0)?.markup },
            headingLinkLabel: ui?["heading.link"] ?? "Link to this section",
            admonitionTitle: { ui?["admonition.\($0.rawValue)"] ?? $0.englishTitle })
        // The renderer writes through TypedHTML's escaper.
        return .trusted(renderer.render(page.document, headings: page.headings))
    }

    /// What laying out any page needs from the whole site: each language's
    /// navigation, every page's URL by key, and the maker of pending bodies
    /// (link targets). It depends on the pages' places and titles only, not
    /// on backlinks, dates or fingerprints, so a build works it out beside those.
    public struct SiteWideParts: Sendable {
        var navigation: [String: Navigation]
        var urlsByKey: [String: [String: String]]
        var fillBody: @Sendable (SitePage) throws(DiagnosticsError) -> HTML
    }

    public func siteWideParts(_ pages: [SitePage]) -> SiteWideParts {
        var urlsByKey: [String: [String: String]] = [:]
        for page in pages { urlsByKey[page.language, default: [:]][page.key] = page.urlPath }
        let config = content.config, strings = content.strings
        let trees = config.languages.concurrentMap { language in
            Navigation(pages: pages.filter { $0.language == language }, sectionOrder: config.sections,
                       strings: strings[language] ?? UIStrings(language: language, table: [:]))
        }
        return SiteWideParts(navigation: Dictionary(zip(config.languages, trees), uniquingKeysWith: { first, _ in first }),
                             urlsByKey: urlsByKey, fillBody: bodies(for: pages))
    }

    /// Lays out every page and adds the site-wide files. `reuse` names
    /// pages whose previous output is still right (the build cache decides);
    /// `fillBody` renders the body of a page that came from the cache;
    /// `parts` are `siteWideParts(pages)` when worked out already.
    public func assemble(_ pages: [SitePage], searchEnabled: Bool, root: URL? = nil,
                         reuse: @escaping @Sendable (SitePage) -> Bool = { _ in false },
                         fillBody: (@Sendable (SitePage) throws(DiagnosticsError) -> HTML)? = nil,
                         parts: SiteWideParts? = nil, writer: SiteWriter? = nil) throws -> SiteTree {
        let parts = parts ?? siteWideParts(pages)
        let fillBody = fillBody ?? parts.fillBody
        let config = content.config
        let fresh = pages.filter { !reuse($0) }
        let layout = PageLayout(config: config, strings: content.strings, urlsByKey: parts.urlsByKey,
                                navigation: parts.navigation, searchEnabled: searchEnabled, pages: fresh)
        var tree = SiteTree()
        // Pages kept as published: the writer links them at commit.
        let kept = pages.lazy.filter(reuse).map(\.outputFile)
        if let writer { writer.reuse(kept) } else { for path in kept { tree.reuse(path) } }
        // With a writer, each page is staged as soon as it is laid out
        // (nothing left to add); without one it goes into the tree.
        let outcomes = fresh.concurrentMap { page -> Result<(path: String, data: Data)?, any Error> in
            var page = page
            if page.bodyPending {
                do { page.bodyHTML = try fillBody(page) } catch { return .failure(error) }
            }
            let data = layout.data(page)
            if let excess = Self.outputExcess(data.count, page: page) { return .failure(excess) }
            guard let writer else { return .success((page.outputFile, data)) }
            return Result { try writer.stage(page.outputFile, data); return nil }
        }
        for outcome in outcomes {
            if let entry = try outcome.get() { tree.add(entry.path, entry.data) }
        }
        if let root {
            for asset in content.assets { tree.add(asset, try Self.assetData(asset, root: root)) }
        }
        for (path, text) in StaticAssets.files { tree.add(path, Data(text.utf8)) }
        tree.add("index.html", Data(redirectPage().markup.utf8))
        tree.add("404.html", Data(notFoundPage().markup.utf8))
        return tree
    }

    /// An asset's bytes (the load stage listed it; it is read only here, to
    /// be copied). One that cannot be read stops the build: it used to be
    /// left out of the site without a word.
    static func assetData(_ asset: String, root: URL) throws(DiagnosticsError) -> Data {
        guard let bytes = PlainFile.read(root.appendingPathComponent("content/\(asset)").path) else {
            throw DiagnosticsError([.error(.contentUnreadable, file: "content/\(asset)", "cannot read the file to copy it into the site")])
        }
        return Data(bytes)
    }

    /// Renders pending bodies from the loaded Markdown pages. A page the
    /// load stage took from the build cache (unchanged, but its surroundings
    /// changed) is parsed first, from the bytes that stage read: nothing is
    /// read again, and a parse that fails stops the build with the page's
    /// diagnostics instead of publishing an empty body.
    func bodies(for pages: [SitePage]) -> @Sendable (SitePage) throws(DiagnosticsError) -> HTML {
        let targets = targets(extraPages: pages.filter { $0.contentHash == nil })
        let bySource = Dictionary(content.pages.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        return { page throws(DiagnosticsError) in
            guard let file = page.sourceFile, let source = bySource[file] else { return page.bodyHTML }
            return body(of: try ContentLoader.parseCached(source), targets: targets)
        }
    }

    /// `site-out/index.html`: the site's script sends readers to the
    /// language they chose before (the language switch remembers it), else
    /// the first of the browser's languages the site has, else the default;
    /// without script, a meta refresh to the default and a link to each language.
    func redirectPage() -> HTML {
        let language = content.config.defaultLanguage
        let ui = content.strings[language]
        return standalonePage(language: language, title: content.config.title(language), pickLanguage: true) { head in
            head.line(.script, [.src("assets/docsite.js"), .flag("defer")])
            head.line(.noscript) { $0.element(.meta, [Attribute("http-equiv", "refresh"), Attribute("content", "0; url=\(language)/")]) }
            head.line(.link, [Attribute("rel", "icon"), .href("assets/favicon.svg"), Attribute("type", "image/svg+xml")])
            if let canonical = content.config.absoluteURL("\(language)/") { head.line(.link, [Attribute("rel", "canonical"), .href(canonical)]) }
        } body: { body in
            body.line(.p, text: ui?["redirect.text"] ?? "Go to the documentation")
            languageLinks(into: &body) { "\($0)/" }
        }
    }

    /// One link per language to its home page, each in its own language.
    func languageLinks(into w: inout HTMLWriter, href: (String) -> String) {
        w.line(.ul, [.class("languages")]) { list in
            for lang in content.config.languages {
                let name = content.strings[lang]?["language.name"] ?? lang
                list.element(.li) { $0.element(.a, [.href(href(lang)), Attribute("hreflang", lang), .lang(lang)], text: name) }
            }
        }
    }

    /// `404.html` is served at whatever address was not found, so a
    /// root-absolute link would leave a site served under a sub-path. With
    /// `base_url` its links are absolute; without, relative: right for a
    /// miss one folder below the site root, the common typo.
    func notFoundPage() -> HTML {
        let language = content.config.defaultLanguage
        let viewport = Attribute("content", "width=device-width, initial-scale=1")
        let link = { (path: String) in content.config.absoluteURL(path) ?? path }
        return standalonePage(language: language, title: "404 · \(content.config.title(language))",
                              beforeTitle: { $0.line(.meta, [Attribute("name", "viewport"), viewport]) }) { head in
            // Without it browsers ask for /favicon.ico, outside a site under a sub-path.
            head.line(.link, [Attribute("rel", "icon"), .href(link("assets/favicon.svg")), Attribute("type", "image/svg+xml")])
            // Constant CSS without `<`, `>` or `&`: escaping leaves it as is.
            head.line(.style, text: "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}")
        } body: { body in
            body.line(.main) { main in
                main.newline()
                main.line(.h1, text: "404")
                for lang in content.config.languages {
                    let ui = content.strings[lang]
                    main.line(.section, [.lang(lang)]) { section in
                        section.element(.h2, text: ui?["notfound.title"] ?? "Page not found")
                        section.element(.p, text: ui?["notfound.text"] ?? "")
                        section.element(.p) { $0.element(.a, [.href(link("\(lang)/"))], text: content.config.title(lang)) }
                    }
                }
            }
        }
    }

    /// The two pages outside the layout: a bare document around `head` and `body`.
    func standalonePage(language: String, title: String, pickLanguage: Bool = false,
                        beforeTitle: (inout HTMLWriter) -> Void = { _ in },
                        head: (inout HTMLWriter) -> Void, body: (inout HTMLWriter) -> Void) -> HTML {
        .build { w in
            w.doctype()
            w.newline()
            w.line(.html, [.lang(language)] + (pickLanguage ? [.flag("data-pick-language")] : [])) { html in
                html.newline()
                html.line(.head) { element in
                    element.newline()
                    element.line(.meta, [Attribute("charset", "utf-8")])
                    beforeTitle(&element)
                    element.line(.title, text: title)
                    head(&element)
                }
                html.line(.body) { element in
                    element.newline()
                    body(&element)
                }
            }
        }
    }
}

/// Anchors of chart values keys: `connect.replicas` -> `values-connect-replicas`.
public enum ChartAnchor {
    public static func id(forKey key: String) -> String {
        var out = "values"
        var pendingDash = true
        for scalar in key.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash { out += "-"; pendingDash = false }
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.lowercased()
    }
}
