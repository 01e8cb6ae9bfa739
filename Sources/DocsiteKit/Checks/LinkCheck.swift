import Markdown

/// Links and anchors in every page, in every language: the page, file,
/// chart or values key must exist, and so must the `#fragment`.
public struct LinkCheck: Check {
    public let name = "link"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        context.content.pages.flatMap { page in page.links.compactMap { check($0, in: page, context) } }
    }

    func check(_ link: LinkReference, in page: Page, _ context: LoadedSite) -> Diagnostic? {
        let target = LinkResolver.target(of: link.destination, inFile: page.file, language: page.language)
        func broken(_ message: String) -> Diagnostic {
            .error(.linkBroken, file: page.file, line: link.line, column: link.column, message)
        }
        switch target {
        case .external:
            return nil
        case .outside:
            return .error(.linkOutside, file: page.file, line: link.line, column: link.column,
                          "link '\(link.destination)' climbs out of the repository; link to pages and files inside it")
        case .sameDocument(let fragment):
            if fragment.isEmpty || page.hasAnchor(fragment) { return nil }
            return .error(.anchorBroken, file: page.file, line: link.line, column: link.column,
                          "no heading on this page has the anchor '#\(fragment)'\(suggestion(fragment, page.headings.map(\.id)))")
        case .page(let language, let path, let fragment):
            guard let targetPage = context.content.page(language: language, path: path) else {
                if context.fileExists("content/\(language)/\(path)") { return nil }  // failed to load: reported already
                return broken("link '\(link.destination)' points to content/\(language)/\(path), which does not exist")
            }
            guard let fragment, !fragment.isEmpty, !targetPage.hasAnchor(fragment) else { return nil }
            return .error(.anchorBroken, file: page.file, line: link.line, column: link.column,
                          "content/\(language)/\(path) has no heading with the anchor '#\(fragment)'\(suggestion(fragment, targetPage.headings.map(\.id)))")
        case .repositoryFile(let path, _):
            if path.isEmpty || context.fileExists(path) { return nil }
            return broken("link '\(link.destination)' points to \(path), which does not exist")
        case .chart(let id, let key):
            guard let chart = context.charts.chart(id) else {
                let known = context.charts.charts.map(\.id)
                return broken("link '\(link.destination)' names chart '\(id)', which is not under charts/\(suggestion(id, known))")
            }
            guard let key, !key.isEmpty else { return nil }
            let keys = context.documentation[id]?.rows.map(\.key.path) ?? []
            if keys.contains(key) || chart.value(at: key) != nil { return nil }
            return broken("link '\(link.destination)': \(chart.id) has no values key '\(key)'\(suggestion(key, keys))")
        }
    }

    /// ` (did you mean '#x'?)` when one candidate is close to what was written.
    func suggestion(_ written: String, _ candidates: [String]) -> String {
        let best = candidates.map { ($0, editDistance($0, written)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(3, written.count / 3) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}
