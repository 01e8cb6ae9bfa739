import TypedHTML
import Foundation
import Markdown

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
