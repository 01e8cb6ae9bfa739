import TypedHTML
import Foundation
import Markdown

/// `sitemap.xml` with hreflang alternates. Locations are relative to the
/// sitemap unless `base_url` is set in site.yaml (crawlers want absolute).
enum Sitemap {
    static func xml(_ pages: [SitePage], config: SiteConfig) -> String {
        let base = config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
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

}
