import TypedHTML
import Markdown

/// The decision log: a table on the ADR section's index page (newest
/// first, filterable by status in the browser) and, on each record, its
/// status, date and supersedes links.
enum ADRLog {
    struct Record {
        var page: Page
        var number: Int
        var status: String
        var date: String
    }

    static func records(_ context: LoadedSite, language: String) -> [Record] {
        context.content.pages(in: language).compactMap { page in
            guard page.section == "adr", !page.isIndex, let number = ADRRecord.number(ofPath: page.path) else { return nil }
            return Record(page: page, number: number, status: page.frontMatter.string("status") ?? "proposed",
                          date: page.frontMatter.string("date") ?? "")
        }.sorted { ($0.date, $0.number) > ($1.date, $1.number) }
    }

    /// Adds the log to the ADR index pages and banners to each record.
    static func decorate(_ pages: inout [SitePage], _ context: LoadedSite) {
        for language in context.config.languages {
            let records = records(context, language: language)
            guard !records.isEmpty else { continue }
            let ui = context.strings(language)
            let byNumber = Dictionary(records.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for index in pages.indices where pages[index].language == language && pages[index].section == "adr" {
                if pages[index].isSectionIndex && pages[index].key == "adr/index.md" {
                    pages[index].appendixHTML += table(records, ui: ui, here: pages[index].urlPath)
                } else if let record = records.first(where: { $0.page.urlPath == pages[index].urlPath }) {
                    pages[index].bannerHTML = banner(record, byNumber: byNumber, ui: ui, here: pages[index].urlPath)
                }
            }
        }
    }

    static func statusBadge(_ status: String, _ ui: UIStrings) -> String {
        HTML.badge(status, ui.table["adr.status.\(status)"] ?? status)
    }

    static func table(_ records: [Record], ui: UIStrings, here: String) -> String {
        var out = "<div class=\"adr-log\">\n<p class=\"adr-filter\" hidden><label for=\"adr-status\">\(escapeText(ui["adr.filter"]))</label> "
        out += "<select id=\"adr-status\"><option value=\"\">\(escapeText(ui["adr.all"]))</option>"
        for status in ADRCheck.statuses { out += "<option value=\"\(status)\">\(escapeText(ui.table["adr.status.\(status)"] ?? status))</option>" }
        out += "</select></p>\n"
        var rows: [[String]] = []
        for record in records {
            rows.append([String(format: "%04d", record.number), HTML.link(relativeHref(from: here, to: record.page.urlPath), record.page.title),
                         statusBadge(record.status, ui), escapeText(record.date)])
        }
        var html = HTML.table([ui["adr.number"], ui["adr.title"], ui["adr.status"], ui["adr.date"]], rows, className: "adr-table")
        // Each row carries its status for the filter script.
        for record in records {
            let marker = "<tr><td>\(String(format: "%04d", record.number))</td>"
            if let range = html.range(of: marker) {
                html.replaceSubrange(range, with: "<tr data-status=\"\(escapeAttribute(record.status))\"><td>\(String(format: "%04d", record.number))</td>")
            }
        }
        out += html + "</div>\n"
        return out
    }

    static func banner(_ record: Record, byNumber: [Int: Record], ui: UIStrings, here: String) -> String {
        var out = "<p class=\"adr-meta\">\(statusBadge(record.status, ui)) <time datetime=\"\(escapeAttribute(record.date))\">\(escapeText(record.date))</time>"
        for (key, label) in [("supersedes", "adr.supersedes"), ("superseded_by", "adr.supersededBy")] {
            let numbers = ADRRecord.numbers(record.page.frontMatter[key]) ?? []
            guard !numbers.isEmpty else { continue }
            let links = numbers.map { number in
                byNumber[number].map { HTML.link(relativeHref(from: here, to: $0.page.urlPath), String(format: "ADR %04d", number)) }
                    ?? String(format: "ADR %04d", number)
            }
            out += " · \(escapeText(ui[label])): \(links.joined(separator: ", "))"
        }
        return out + "</p>\n"
    }
}
