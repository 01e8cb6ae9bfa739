import Markdown

/// One Markdown page of one language, parsed.
public struct Page: Sendable {
    public var language: String
    /// Path below `content/<lang>/`, e.g. `guides/setup.md`: the same path in
    /// two languages makes a translation pair.
    public var path: String
    public var frontMatter: FrontMatter
    public var body: String
    public var bodyFirstLine: Int
    public var document: MarkdownDocument
    public var headings: [Heading]
    public var links: [LinkReference]

    public var title: String { frontMatter.title }

    /// Path relative to the repository root, for diagnostics.
    public var file: String { "content/\(language)/\(path)" }

    /// Top folder below the language (`guides`), nil for pages at the top.
    public var section: String? {
        guard let slash = path.firstIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// Whether this is the landing page of its folder (`index.md`).
    public var isIndex: Bool { path == "index.md" || path.hasSuffix("/index.md") }

    /// Directory URL from the site root (`en/guides/setup/`).
    public var urlPath: String { Page.urlPath(language: language, path: path) }

    public var outputFile: String { urlPath + "index.html" }

    public static func urlPath(language: String, path: String) -> String {
        var stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        if stem == "index" { stem = "" }
        if stem.hasSuffix("/index") { stem = String(stem.dropLast(6)) }
        return stem.isEmpty ? "\(language)/" : "\(language)/\(stem)/"
    }

    public var sourceHash: String { PageSource.sourceHash(ofBody: body) }

    public func hasAnchor(_ id: String) -> Bool { headings.contains { $0.id == id } }
}
