import Markdown
import TypedHTML

/// A page ready for the layout: made from Markdown or generated (chart
/// reference, version matrix…). `key` pairs translations across languages.
public struct SitePage: Sendable {
    public var language: String
    /// Same in every language for translations of one page (`guides/setup.md`).
    public var key: String
    public var title: String
    /// The sidebar's label when it is not the title (an ADR's number and
    /// short title); the title is then the link's tooltip.
    public var navTitle: String?
    public var description: String?
    /// Top-level group in the navigation; nil for pages at the top.
    public var section: String?
    public var weight: Int?
    public var urlPath: String
    public var headings: [Heading]
    public var bodyHTML: HTML
    /// Repository-relative source file, when the page has one.
    public var sourceFile: String?
    public var isSectionIndex: Bool
    /// Listed in the navigation (generated detail pages may opt out).
    public var inNavigation: Bool = true
    /// HTML shown above the body (status badges, "not translated" notes).
    public var bannerHTML: HTML = .empty
    /// HTML shown after the body (the ADR log, "Referenced by"); kept apart
    /// from the body so the build cache can tell what a page depends on.
    public var appendixHTML: HTML = .empty
    /// Pages that link here ("Referenced by"), by URL. The list, not its
    /// HTML, is made for every page: the build cache needs it to know which
    /// pages to render, and only those lay it out.
    public var referencedBy: [Reference] = []
    /// Hash of the source file for Markdown pages (nil for generated ones).
    public var contentHash: String?
    /// When the source file was last committed (ISO 8601), nil outside git.
    public var lastUpdated: String?
    /// Made from build-cache metadata: `bodyHTML` is not rendered yet.
    public var bodyPending = false

    public var outputFile: String { urlPath + "index.html" }

    public struct Reference: Sendable, Equatable {
        public var urlPath: String
        public var title: String
    }

    public init(language: String, key: String, title: String, description: String?, section: String?,
                weight: Int?, urlPath: String, headings: [Heading], bodyHTML: HTML, sourceFile: String?,
                isSectionIndex: Bool) {
        self.language = language
        self.key = key
        self.title = title
        self.description = description
        self.section = section
        self.weight = weight
        self.urlPath = urlPath
        self.headings = headings
        self.bodyHTML = bodyHTML
        self.sourceFile = sourceFile
        self.isSectionIndex = isSectionIndex
    }
}
