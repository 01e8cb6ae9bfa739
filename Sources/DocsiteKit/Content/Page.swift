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
    /// Hash of the body, recorded by translations as `source_hash`.
    public var sourceHash: String
    /// Hash of the whole file as read, for the build cache.
    public var contentHash: String
    /// Loaded from the build cache: metadata only, `document` is empty.
    public var fromCache = false
    /// For a page from the cache, the bytes the load stage read: the render
    /// stage parses them if the page must be laid out again, instead of
    /// reading a file that may have changed since.
    public var cachedBytes: [UInt8] = []

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


    public func hasAnchor(_ id: String) -> Bool { headings.contains { $0.id == id } }
}

extension Page {
    /// What the build cache keeps of a page: enough for navigation, links,
    /// backlinks, ADR and translation state without parsing it again.
    public struct Metadata: Sendable {
        public var frontMatter: FrontMatter
        public var bodyFirstLine: Int
        public var headings: [Heading]
        public var links: [LinkReference]
        public var sourceHash: String
        public var contentHash: String
    }

    public var metadata: Metadata {
        Metadata(frontMatter: frontMatter, bodyFirstLine: bodyFirstLine, headings: headings, links: links,
                 sourceHash: sourceHash, contentHash: contentHash)
    }

    public init(language: String, path: String, cached: Metadata, bytes: [UInt8]) {
        self.init(language: language, path: path, frontMatter: cached.frontMatter, body: "", bodyFirstLine: cached.bodyFirstLine,
                  document: MarkdownDocument(blocks: []), headings: cached.headings, links: cached.links,
                  sourceHash: cached.sourceHash, contentHash: cached.contentHash, fromCache: true, cachedBytes: bytes)
    }
}
