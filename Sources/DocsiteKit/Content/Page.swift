import Markdown

/// One Markdown page of one language, parsed.
///
/// The fields live in one shared box, copied on write: a page is passed and
/// filtered by value everywhere, and copying a dozen strings and arrays one
/// retain each was a tenth of a one-page rebuild at 10,000 pages.
public struct Page: Sendable {
    private final class Fields: @unchecked Sendable {
        var language: String
        var path: String
        var frontMatter: FrontMatter
        var body: String
        var bodyFirstLine: Int
        var document: MarkdownDocument
        var headings: [Heading]
        var links: [LinkReference]
        var linkedPages: [String]
        var sourceHash: String
        var contentHash: String
        var fromCache: Bool
        var cachedBytes: [UInt8]
        /// `metadataAsCached`, `sourceStamp`, `unreadPath`.
        var metadataAsCached = false
        var sourceStamp = ""
        var unreadPath: String?

        init(language: String, path: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int, document: MarkdownDocument,
             headings: [Heading], links: [LinkReference], linkedPages: [String], sourceHash: String, contentHash: String,
             fromCache: Bool, cachedBytes: [UInt8]) {
            self.language = language
            self.path = path
            self.frontMatter = frontMatter
            self.body = body
            self.bodyFirstLine = bodyFirstLine
            self.document = document
            self.headings = headings
            self.links = links
            self.linkedPages = linkedPages
            self.sourceHash = sourceHash
            self.contentHash = contentHash
            self.fromCache = fromCache
            self.cachedBytes = cachedBytes
        }

        func copy() -> Fields {
            let copy = Fields(language: language, path: path, frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, document: document,
                              headings: headings, links: links, linkedPages: linkedPages, sourceHash: sourceHash, contentHash: contentHash,
                              fromCache: fromCache, cachedBytes: cachedBytes)
            copy.metadataAsCached = metadataAsCached
            copy.sourceStamp = sourceStamp
            copy.unreadPath = unreadPath
            return copy
        }
    }

    private var fields: Fields

    /// `linkedPages` nil: worked out from `links`.
    public init(language: String, path: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int, document: MarkdownDocument,
                headings: [Heading], links: [LinkReference], linkedPages: [String]? = nil, sourceHash: String, contentHash: String,
                fromCache: Bool = false, cachedBytes: [UInt8] = []) {
        let linked = linkedPages ?? Page.linkedPages(links, file: "content/\(language)/\(path)", language: language,
                                                     own: Page.urlPath(language: language, path: path))
        fields = Fields(language: language, path: path, frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, document: document,
                        headings: headings, links: links, linkedPages: linked, sourceHash: sourceHash, contentHash: contentHash,
                        fromCache: fromCache, cachedBytes: cachedBytes)
    }

    /// The pages (their URL paths) that `links` of the page `file` lead to,
    /// itself left out, in link order: what "Referenced by" is made from.
    /// Resolving every link of every page on every build was a tenth of a
    /// one-page rebuild at 10,000 pages; it depends on nothing but the page,
    /// so the build cache keeps it.
    static func linkedPages(_ links: [LinkReference], file: String, language: String, own: String) -> [String] {
        links.compactMap { link -> String? in
            guard !link.isImage, case .page(let language, let path, _) = LinkResolver.target(of: link.destination, inFile: file, language: language)
            else { return nil }
            let url = Page.urlPath(language: language, path: path)
            return url == own ? nil : url
        }
    }

    /// The box to write to, copied first when another page shares it.
    private var writable: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
            return fields
        }
    }

    /// `writable`, for a change to what the cache keeps (`Metadata`).
    private var metadataWritable: Fields {
        mutating get {
            let fields = writable
            fields.metadataAsCached = false
            return fields
        }
    }

    /// Fixed for a page: `linkedPages` depends on it.
    public var language: String { fields.language }
    /// Path below `content/<lang>/`, e.g. `guides/setup.md`: the same path in
    /// two languages makes a translation pair.
    public var path: String { fields.path }
    public var frontMatter: FrontMatter {
        get { fields.frontMatter }
        set { metadataWritable.frontMatter = newValue }
    }
    public var body: String {
        get { fields.body }
        set { writable.body = newValue }
    }
    public var bodyFirstLine: Int {
        get { fields.bodyFirstLine }
        set { metadataWritable.bodyFirstLine = newValue }
    }
    public var document: MarkdownDocument {
        get { fields.document }
        set { writable.document = newValue }
    }
    public var headings: [Heading] {
        get { fields.headings }
        set { metadataWritable.headings = newValue }
    }
    public var links: [LinkReference] {
        get { fields.links }
        set {
            metadataWritable.links = newValue
            fields.linkedPages = Page.linkedPages(newValue, file: file, language: language, own: urlPath)
        }
    }
    /// URL paths of the pages `links` lead to (`linkedPages(_:file:language:own:)`).
    public var linkedPages: [String] { fields.linkedPages }
    /// Hash of the body, recorded by translations as `source_hash`.
    public var sourceHash: String {
        get { fields.sourceHash }
        set { metadataWritable.sourceHash = newValue }
    }
    /// Hash of the whole file as read, for the build cache.
    public var contentHash: String {
        get { fields.contentHash }
        set { metadataWritable.contentHash = newValue }
    }
    /// Loaded from the build cache: metadata only, `document` is empty.
    public var fromCache: Bool {
        get { fields.fromCache }
        set { writable.fromCache = newValue }
    }
    /// For a page from the cache, the bytes the load stage read: the render
    /// stage parses them if the page must be laid out again, instead of
    /// reading a file that may have changed since.
    public var cachedBytes: [UInt8] {
        get { fields.cachedBytes }
        set { writable.cachedBytes = newValue }
    }
    /// The metadata is the build cache's, unchanged since it was loaded: the
    /// next cache can keep the bytes it was stored as.
    public var metadataAsCached: Bool { fields.metadataAsCached }
    /// The stamp the build's scan found the page's file with, when settled
    /// (`BuildInputs.settledStamps`), else "": kept in the build cache so
    /// the next build can take the page without reading it.
    public var sourceStamp: String {
        get { fields.sourceStamp }
        set { metadataWritable.sourceStamp = newValue }
    }
    /// Where the file of a page taken from the cache by its stamp, unread,
    /// lies (nil when the load stage read it: `cachedBytes`). A page that
    /// must be laid out again is read from here (`ContentLoader.parseCached`).
    public var unreadPath: String? { fields.unreadPath }

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
        public var linkedPages: [String]
        public var sourceHash: String
        public var contentHash: String
        /// `Page.sourceStamp`.
        public var sourceStamp = ""
    }

    public var metadata: Metadata {
        Metadata(frontMatter: frontMatter, bodyFirstLine: bodyFirstLine, headings: headings, links: links, linkedPages: linkedPages,
                 sourceHash: sourceHash, contentHash: contentHash, sourceStamp: sourceStamp)
    }

    /// A page from the build cache: its file's `bytes` as the load stage
    /// read them, or none and the file's path when it was not read.
    public init(language: String, path: String, cached: Metadata, bytes: [UInt8], unreadPath: String? = nil) {
        self.init(language: language, path: path, frontMatter: cached.frontMatter, body: "", bodyFirstLine: cached.bodyFirstLine,
                  document: MarkdownDocument(blocks: []), headings: cached.headings, links: cached.links, linkedPages: cached.linkedPages,
                  sourceHash: cached.sourceHash, contentHash: cached.contentHash, fromCache: true, cachedBytes: bytes)
        fields.metadataAsCached = true
        fields.sourceStamp = cached.sourceStamp
        fields.unreadPath = unreadPath
    }
}
