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
            let ui = context.strings(language)
            let byNumber = Dictionary(records.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for index in pages.indices where pages[index].language == language && pages[index].section == "adr" {
                if pages[index].isSectionIndex && pages[index].key == "adr/index.md" {
                    pages[index].appendixHTML += records.isEmpty
                        ? .element(.p, [.class("empty-state")], text: ui["adr.empty"])
                        : counts(records, ui: ui) + table(records, ui: ui, here: pages[index].urlPath)
                } else if let record = records.first(where: { $0.page.urlPath == pages[index].urlPath }) {
                    pages[index].bannerHTML = banner(record, byNumber: byNumber, ui: ui, here: pages[index].urlPath)
                }
            }
        }
    }

    static func statusBadge(_ status: String, _ ui: UIStrings) -> HTML {
        GeneratedHTML.badge(status, ui.table["adr.status.\(status)"] ?? status)
    }

    /// How many decisions have each status, in the order of the statuses'
    /// life cycle; statuses no record has are left out.
    static func counts(_ records: [Record], ui: UIStrings) -> HTML {
        let known = ADRCheck.statuses + Set(records.map(\.status)).subtracting(ADRCheck.statuses).sorted()
        let counted = known.compactMap { status -> (String, Int)? in
            let count = records.filter { $0.status == status }.count
            return count > 0 ? (status, count) : nil
        }
        return .build { w in
            w.line(.ul, [.class("adr-counts"), .ariaLabel(ui["adr.counts"])]) { list in
                list.newline()
                list.line(.li) { $0.text("\(ui["adr.total"]): \(records.count)") }
                for (status, count) in counted {
                    list.line(.li) { item in
                        item.append(statusBadge(status, ui))
                        item.text(" \(count)")
                    }
                }
            }
        }
    }

    static func table(_ records: [Record], ui: UIStrings, here: String) -> HTML {
        // Each row carries its status for the filter script.
        let rows = records.map { record in
            GeneratedHTML.Row([.text(String(format: "%04d", record.number)),
                               GeneratedHTML.link(relativeHref(from: here, to: record.page.urlPath), record.page.title),
                               statusBadge(record.status, ui), .text(record.date)],
                              attributes: [.data("status", record.status)])
        }
        return .build { w in
            w.line(.div, [.class("adr-log")]) { log in
                log.newline()
                log.line(.p, [.class("adr-filter"), .flag("hidden")]) { filter in
                    filter.element(.label, [Attribute("for", "adr-status")], text: ui["adr.filter"])
                    filter.text(" ")
                    filter.element(.select, [.id("adr-status")]) { select in
                        select.element(.option, [Attribute("value", "")], text: ui["adr.all"])
                        for status in ADRCheck.statuses {
                            select.element(.option, [Attribute("value", status)], text: ui.table["adr.status.\(status)"] ?? status)
                        }
                    }
                }
                log.append(GeneratedHTML.table([ui["adr.number"], ui["adr.title"], ui["adr.status"], ui["adr.date"]], rows,
                                               className: "adr-table"))
            }
        }
    }

    static func banner(_ record: Record, byNumber: [Int: Record], ui: UIStrings, here: String) -> HTML {
        .build { w in
            w.line(.p, [.class("adr-meta")]) { meta in
                meta.append(statusBadge(record.status, ui))
                meta.text(" ")
                meta.element(.time, [Attribute("datetime", record.date)], text: record.date)
                for (key, label) in [("supersedes", "adr.supersedes"), ("superseded_by", "adr.supersededBy")] {
                    let numbers = ADRRecord.numbers(record.page.frontMatter[key]) ?? []
                    guard !numbers.isEmpty else { continue }
                    let links = numbers.map { number in
                        let name = String(format: "ADR %04d", number)
                        return byNumber[number].map { GeneratedHTML.link(relativeHref(from: here, to: $0.page.urlPath), name) } ?? .text(name)
                    }
                    meta.text(" · \(ui[label]): ")
                    meta.append(links.joined(separator: .text(", ")))
                }
            }
        }
    }
}
