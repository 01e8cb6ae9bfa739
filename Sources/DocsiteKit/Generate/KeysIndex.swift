import Foundation

/// `assets/keys.<language>.json`: every row of every values reference, for
/// the search overlay. Pagefind ranks pages, and its sub-results stop only
/// at headings, so a key such as `hiveMetastore.image.tag` would never be a
/// result of its own that opens its row; docsite.js loads this file the
/// first time a query looks like a key and lists matching keys first.
enum KeysIndex {
    static func path(_ language: String) -> String { "assets/keys.\(language).json" }

    /// A description is cut to this many characters: the list shows a hint,
    /// the row has the rest.
    static let excerptLength = 100

    /// `{"charts": [{"chart", "url", "keys": [{"key", "anchor", "text"}]}]}`,
    /// URLs relative to the file. Charts of the newest application version
    /// come first, so a key both Spark lines have lists the newer line first.
    static func json(_ context: LoadedSite, language: String) -> Data {
        let charts = context.charts.charts.enumerated().sorted { a, b in
            let (x, y) = (versionParts(a.element.appVersion), versionParts(b.element.appVersion))
            return x != y ? y.lexicographicallyPrecedes(x) : a.offset < b.offset
        }.map(\.element)
        var entries: [[String: Any]] = []
        for chart in charts {
            guard let documentation = context.documentation[chart.id] else { continue }
            let keys = documentation.rows.map { row -> [String: String] in
                ["key": row.key.path, "anchor": row.key.anchor,
                 "text": excerpt(context.description(of: row, language: language).text)]
            }
            entries.append(["chart": chart.id, "url": relativeHref(from: "assets/", to: ChartPages.url(language, chart.id)), "keys": keys])
        }
        // Sorted keys and no escaped slashes: two builds write the same bytes.
        return (try? JSONSerialization.data(withJSONObject: ["charts": entries], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// "4.1.0" -> [4, 1, 0]; no version sorts last.
    static func versionParts(_ version: String?) -> [Int] {
        (version ?? "").split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard flat.count > excerptLength else { return flat }
        return String(flat.prefix(excerptLength - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }
}
