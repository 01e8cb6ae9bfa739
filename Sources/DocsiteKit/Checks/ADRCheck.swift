import YAML
import Foundation
import Markdown

/// Architecture decision records: `content/<lang>/adr/NNNN-slug.md` with a
/// status, a date, mirrored supersedes links and the required sections.
public struct ADRCheck: Check {
    public let name = "adr"
    public init() {}

    public static let statuses = ["proposed", "accepted", "rejected", "deprecated", "superseded"]

    /// Required `##` sections per language, in order.
    public static let sections: [String: [String]] = [
        "en": ["Context", "Decision", "Consequences"],
        "ru": ["Контекст", "Решение", "Последствия"],
    ]

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for language in context.content.config.languages {
            let records = context.content.pages(in: language).filter { $0.section == "adr" && !$0.isIndex }
            found += checkRecords(records, language: language)
        }
        return found
    }

    func checkRecords(_ pages: [Page], language: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var byNumber: [Int: Page] = [:]
        var links: [(page: Page, key: String, numbers: [Int])] = []
        for page in pages {
            guard let number = ADRRecord.number(ofPath: page.path) else {
                found.append(.error(.adrMetadata, file: page.file, line: 1,
                                    "ADR file names are NNNN-short-title.md (e.g. adr/0007-use-celeborn.md)"))
                continue
            }
            if let other = byNumber[number] {
                found.append(.error(.adrMetadata, file: page.file, line: 1,
                                    "ADR number \(number) is already used by \(other.file)"))
            }
            byNumber[number] = page
            found += metadata(page)
            found += sections(page, language: language)
            for key in ["supersedes", "superseded_by"] {
                switch ADRRecord.numbers(page.frontMatter[key]) {
                case .some(let numbers): links.append((page, key, numbers))
                case .none:
                    found.append(.error(.adrMetadata, file: page.file, line: page.frontMatter.line(of: key),
                                        "'\(key)' must be an ADR number or a list of ADR numbers"))
                }
            }
        }
        found += mirroredLinks(links, byNumber: byNumber)
        return found
    }

    func metadata(_ page: Page) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let status = page.frontMatter.string("status")
        if status == nil || !Self.statuses.contains(status ?? "") {
            found.append(.error(.adrMetadata, file: page.file, line: page.frontMatter.line(of: "status") ?? 1,
                                status == nil ? "ADR has no 'status' (one of \(Self.statuses.joined(separator: ", ")))"
                                              : "status '\(status ?? "")' is not one of \(Self.statuses.joined(separator: ", "))"))
        }
        let date = page.frontMatter.string("date")
        if date.map(ADRRecord.isCalendarDate) != true {
            found.append(.error(.adrMetadata, file: page.file, line: page.frontMatter.line(of: "date") ?? 1,
                                date == nil ? "ADR has no 'date' (YYYY-MM-DD)" : "date '\(date ?? "")' is not a real YYYY-MM-DD date"))
        }
        if status == "superseded" && page.frontMatter["superseded_by"] == nil {
            found.append(.error(.adrLink, file: page.file, line: page.frontMatter.line(of: "status"),
                                "a superseded ADR names its successor in 'superseded_by'"))
        }
        return found
    }

    func sections(_ page: Page, language: String) -> [Diagnostic] {
        let required = Self.sections[language] ?? Self.sections["en"] ?? []
        let english = Self.sections["en"] ?? []
        let present = page.headings.filter { $0.level == 2 }
        var position = 0
        var missing: [String] = []
        for (index, name) in required.enumerated() {
            let alternatives = [name.lowercased(), english[safe: index]?.lowercased()].compactMap { $0 }
            if let found = present[position...].firstIndex(where: { alternatives.contains($0.text.trimmingCharacters(in: .whitespaces).lowercased()) }) {
                position = found + 1
            } else {
                missing.append(name)
            }
        }
        guard !missing.isEmpty else { return [] }
        return [.error(.adrSections, file: page.file, line: page.bodyFirstLine,
                       "ADR needs the sections \(required.map { "'## \($0)'" }.joined(separator: ", ")) in this order; missing or out of order: \(missing.joined(separator: ", "))")]
    }

    func mirroredLinks(_ links: [(page: Page, key: String, numbers: [Int])], byNumber: [Int: Page]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for link in links {
            let mirrorKey = link.key == "supersedes" ? "superseded_by" : "supersedes"
            guard let own = ADRRecord.number(ofPath: link.page.path) else { continue }
            for number in link.numbers {
                guard let other = byNumber[number] else {
                    found.append(.error(.adrLink, file: link.page.file, line: link.page.frontMatter.line(of: link.key),
                                        "'\(link.key)' names ADR \(number), which does not exist"))
                    continue
                }
                let mirrored = ADRRecord.numbers(other.frontMatter[mirrorKey]) ?? []
                if !mirrored.contains(own) {
                    found.append(.error(.adrLink, file: link.page.file, line: link.page.frontMatter.line(of: link.key),
                                        "'\(link.key): \(number)' is not mirrored: \(other.file) needs '\(mirrorKey): [\(own)]'"))
                }
            }
        }
        return found
    }
}

/// Reading ADR numbers and dates.
public enum ADRRecord {
    /// `adr/0007-use-celeborn.md` -> 7.
    public static func number(ofPath path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, name.dropFirst(4).hasPrefix("-"), name.hasSuffix(".md") else { return nil }
        return Int(digits)
    }

    /// The sidebar label of a record: `0007 · Markdown engine` from its
    /// number and `short_title`, else its title without the `ADR 0007:`
    /// prefix (the number is shown anyway). nil for pages that are not records.
    public static func navigationLabel(path: String, title: String, shortTitle: String?) -> String? {
        guard let number = number(ofPath: path) else { return nil }
        let digits = String(format: "%04d", number)
        var rest = Substring(title)
        if let short = shortTitle?.trimmingCharacters(in: .whitespaces), !short.isEmpty {
            rest = Substring(short)
        } else if rest.hasPrefix("ADR \(digits)") {
            rest = rest.dropFirst(4 + digits.count).drop { $0 == ":" || $0 == " " || $0 == "·" || $0 == "-" || $0 == "—" }
        }
        return rest.isEmpty ? digits : "\(digits) · \(rest)"
    }

    /// nil when the value is not a number or list of numbers; [] when absent.
    public static func numbers(_ node: YAMLNode?) -> [Int]? {
        guard let node else { return [] }
        if let items = node.items {
            let values = items.compactMap(\.int)
            return values.count == items.count ? values : nil
        }
        return node.int.map { [$0] }
    }

    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
