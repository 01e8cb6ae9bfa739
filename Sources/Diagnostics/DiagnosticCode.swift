/// Every diagnostic code docsite emits, in one place: the part before the
/// first dot names the check (the JUnit test suite); what each means and
/// how to fix it, in English and Russian, is in DiagnosticCodeReference.swift,
/// from which the site's "Diagnostic codes" page is made.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    /// An ADR's supersedes/superseded-by link names no ADR, or the two ADRs disagree.
    case adrLink = "adr.link"
    /// An ADR's file name, number, status or date is missing or malformed.
    case adrMetadata = "adr.metadata"
    /// An ADR lacks one of the required sections (context, decision, consequences).
    case adrSections = "adr.sections"
    /// A link's #anchor names no heading on the target page.
    case anchorBroken = "anchor.broken"
    /// A chart's values.schema.json is not a valid JSON Schema.
    case chartSchemaInvalid = "chart.schema-invalid"
    /// A values key has no description in the chart's schema.
    case chartUndocumented = "chart.undocumented"
    /// A chart's own values.yaml does not pass its schema.
    case chartValuesInvalid = "chart.values-invalid"
    /// content/site.yaml has a wrong or missing setting.
    case configInvalid = "config.invalid"
    /// content/site.yaml does not exist or cannot be read.
    case configMissing = "config.missing"
    /// A file under content/ could run in a browser (script, HTML, SVG with script).
    case contentActiveFile = "content.active-file"
    /// Two source files would publish to the same output path.
    case contentCollision = "content.collision"
    /// A page is not UTF-8 or holds a NUL byte.
    case contentEncoding = "content.encoding"
    /// A source file cannot be read.
    case contentUnreadable = "content.unreadable"
    /// A source path is a device, FIFO, socket or a link leaving its folder.
    case fileSpecial = "file.special"
    /// A page's front matter is missing, unclosed, not a mapping or has a wrong field.
    case frontmatterInvalid = "frontmatter.invalid"
    /// Two headings on a page have the same explicit id.
    case headingDuplicateId = "heading.duplicate-id"
    /// A heading id is one the page layout uses itself.
    case headingReservedId = "heading.reserved-id"
    /// A relative link names no page or file.
    case linkBroken = "link.broken"
    /// A relative link leaves the repository.
    case linkOutside = "link.outside"
    /// A page exceeds the Markdown size, nesting or node budget.
    case markdownBudget = "markdown.budget"
    /// Containers nested deeper than the parser's limit were shown as plain text.
    case markdownFlattened = "markdown.flattened"
    /// A block quote opens with `[!KIND]` for a kind that is no admonition.
    case markdownAdmonition = "markdown.admonition"
    /// A code fence's info string has a malformed attribute (an unclosed quote, an empty title).
    case markdownFenceInfo = "markdown.fence-info"
    /// The version matrix says a version the charts do not pin.
    case matrixDrift = "matrix.drift"
    /// Another build is writing the same output folder.
    case outputLocked = "output.locked"
    /// Writing the site failed; the previous output is kept.
    case outputWrite = "output.write"
    /// A values overlay does not pass the chart's schema.
    case overlayInvalid = "overlay.invalid"
    /// A values overlay names a chart that does not exist.
    case overlayUnknownChart = "overlay.unknown-chart"
    /// A values overlay sets a key the chart does not define.
    case overlayUnknownKey = "overlay.unknown-key"
    /// A values overlay uses a construct Helm would not read the same way.
    case overlayUnsupported = "overlay.unsupported"
    /// A values overlay has no sentence on when to use it (`# when:`) in one of the site's languages.
    case overlayWhen = "overlay.when"
    /// A PO file given to `translations import` is not valid gettext PO.
    case poSyntax = "po.syntax"
    /// Pagefind is not on PATH, so the site has no search index.
    case searchUnavailable = "search.unavailable"
    /// content/site.yaml has no base_url, so the site has no sitemap.xml or canonical links.
    case sitemapNoBaseURL = "sitemap.no-base-url"
    /// A translation's structure (headings, code blocks, links) differs from its original.
    case translationDrift = "translation.drift"
    /// An original page has no translation.
    case translationMissing = "translation.missing"
    /// The English text a translation's source_hash names cannot be read from git.
    case translationHistory = "translation.history"
    /// A translation has no original page.
    case translationOrphan = "translation.orphan"
    /// A translation's source_hash does not match its original's current text.
    case translationStale = "translation.stale"
    /// `translations sync` or `translations diff` was given a file that is not a translation.
    case translationSync = "translation.sync"
    /// `translations import` left an entry out or imported it as stale.
    case translationImport = "translation.import"
    /// A translation uses a variant the glossary forbids (content/i18n/glossary.yaml).
    case translationTerm = "translation.term"
    /// A YAML construct is ignored (for example a second document).
    case yamlIgnored = "yaml.ignored"
    /// A YAML file cannot be parsed or is refused (depth, aliases, duplicate keys).
    case yamlInvalid = "yaml.invalid"

    /// The check the code belongs to: `translation` for `translation.stale`.
    public var check: String { String(rawValue.prefix { $0 != "." }) }
}
