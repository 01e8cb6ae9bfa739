import TypedHTML
import Foundation
import Markdown

/// `sitemap.xml` with hreflang alternates. The protocol accepts only
/// absolute locations, so without `base_url` in site.yaml there is no
/// sitemap (nil) rather than one crawlers reject.
enum Sitemap {
    static func xml(_ pages: [SitePage], config: SiteConfig) -> String? {
        guard let base = config.absoluteBase else { return nil }
        var byKey: [String: [(String, String)]] = [:]
        for page in pages { byKey[page.key, default: []].append((page.language, page.urlPath)) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages.sorted(by: { $0.urlPath < $1.urlPath }) {
            out += "<url><loc>\(XMLEscaping.text(base + LinkResolver.encodePath(page.urlPath)))</loc>"
            for (language, url) in (byKey[page.key] ?? []).sorted(by: { $0.0 < $1.0 }) where (byKey[page.key]?.count ?? 0) > 1 {
                out += "<xhtml:link rel=\"alternate\" hreflang=\"\(XMLEscaping.attribute(language))\" href=\"\(XMLEscaping.attribute(base + LinkResolver.encodePath(url)))\"/>"
            }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }

    /// Why the site has no sitemap; a warning, as `search.unavailable`:
    /// the site works, but crawlers get less.
    static func omitted() -> Diagnostic {
        .warning(.sitemapNoBaseURL, file: SiteConfig.file,
                 "no sitemap.xml and no canonical links: sitemaps need absolute URLs; set base_url (the site's public address) to have them")
    }
}
