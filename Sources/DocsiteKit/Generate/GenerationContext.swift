import Foundation
import Markdown

/// Everything generators read: the content, the charts with their values
/// references and translations, and what `check` found about examples.
public struct GenerationContext: Sendable {
    public var root: URL
    public var content: SiteContent
    public var charts: ChartCatalog
    public var documentation: [String: ChartDocumentation]
    /// Language -> translated values descriptions.
    public var translations: [String: ChartTranslations]

    public var config: SiteConfig { content.config }

    public init(root: URL, content: SiteContent, charts: ChartCatalog) {
        self.root = root
        self.content = content
        self.charts = charts
        documentation = ChartDocumentation.all(root: root, catalog: charts)
        var translations: [String: ChartTranslations] = [:]
        for language in content.config.languages where language != content.config.defaultLanguage {
            translations[language] = ChartTranslations.load(root: root, charts: charts, language: language).0
        }
        self.translations = translations
    }

    public func strings(_ language: String) -> UIStrings {
        content.strings[language] ?? UIStrings(language: language, table: [:])
    }

    /// The description of a values key in `language`, and whether it is a
    /// real translation (false: English shown in its place).
    public func description(of row: ChartDocumentation.Row, language: String) -> (text: String, translated: Bool) {
        let english = row.key.description
        guard language != config.defaultLanguage, !english.isEmpty else { return (english, true) }
        guard let entry = translations[language]?.entry(chart: row.ownerChart, key: row.ownerPath), !entry.text.isEmpty else {
            return (english, false)
        }
        return (entry.text, true)
    }
}

/// Small helpers for generated HTML; everything that comes from files is escaped.
enum HTML {
    static func heading(_ level: Int, _ id: String, _ text: String, label: String) -> String {
        "<h\(level) id=\"\(escapeAttribute(id))\">\(escapeText(text))<a class=\"heading-link\" href=\"#\(escapeAttribute(LinkResolver.encodeFragment(id)))\" aria-label=\"\(escapeAttribute(label))\">#</a></h\(level)>\n"
    }

    static func table(_ headers: [String], _ rows: [[String]], rowIDs: [String?] = [], className: String? = nil) -> String {
        var out = "<div class=\"table-wrap\"><table\(className.map { " class=\"\($0)\"" } ?? "")>\n<thead><tr>"
        for header in headers { out += "<th scope=\"col\">\(escapeText(header))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let id = index < rowIDs.count ? rowIDs[index] : nil
            out += id.map { "<tr id=\"\(escapeAttribute($0))\">" } ?? "<tr>"
            for cell in row { out += "<td>\(cell)</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    static func code(_ text: String) -> String { "<code>\(escapeText(text))</code>" }

    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escapeAttribute(href))\">\(escapeText(text))</a>"
    }

    static func badge(_ kind: String, _ text: String) -> String {
        "<span class=\"badge badge-\(escapeAttribute(kind))\">\(escapeText(text))</span>"
    }

    static func paragraph(_ text: String) -> String { "<p>\(escapeText(text))</p>\n" }
}
