import SystemIO
import Foundation
import Markdown

/// Everything under `content/` the site is made from.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var strings: [String: UIStrings]
    /// Pages of every language, sorted by language then path.
    public var pages: [Page]
    /// Other files below `content/<lang>/` (images…), copied as they are.
    public var assets: [String]

    public func pages(in language: String) -> [Page] { pages.filter { $0.language == language } }

    public func page(language: String, path: String) -> Page? {
        index[PageKey(language: language, path: path)].map { pages[$0] }
    }

    struct PageKey: Hashable { var language: String; var path: String }
    var index: [PageKey: Int] = [:]

    public init(config: SiteConfig, strings: [String: UIStrings], pages: [Page], assets: [String]) {
        self.config = config
        self.strings = strings
        self.pages = pages
        self.assets = assets
        for (position, page) in pages.enumerated() { index[PageKey(language: page.language, path: page.path)] = position }
    }
}

/// The load stage: reads `content/`, checks encodings and front matter,
/// and parses Markdown in parallel.
public enum ContentLoader {
    /// Loads what can be loaded: pages that fail are left out and their
    /// problems returned, so `check` can report everything in one run.
    /// Throws only when the site configuration itself is unusable.
    /// `stamps`: the settled stamps of the files (`BuildInputs.settledStamps`).
    public static func load(root: URL, cache: [String: Page.Metadata] = [:],
                            stamps: [String: String] = [:]) throws(DiagnosticsError) -> (SiteContent, [Diagnostic]) {
        let config = try SiteConfig.load(root: root)
        let strings = try UIStrings.load(root: root, languages: config.languages)
        var problems: [Diagnostic] = []
        var sources: [(language: String, path: String)] = []
        var assets: [String] = []
        for language in config.languages {
            let listing = listFiles(root: root, folder: "content/\(language)")
            problems += listing.problems
            for path in listing.files {
                if path.hasSuffix(".md") {
                    sources.append((language, path))
                } else if let refusal = ActiveFiles.refusal("content/\(language)/\(path)") {
                    problems.append(refusal)
                } else {
                    assets.append("\(language)/\(path)")
                }
            }
        }
        let collisions = OutputCollisions.find(sources, assets: assets)
        problems += collisions.problems
        sources.removeAll { collisions.dropped.contains("content/\($0.language)/\($0.path)") }
        let loaded = parsePages(root: root, sources, cache: cache, stamps: stamps, defaultLanguage: config.defaultLanguage)
        var pages: [Page] = []
        for result in loaded {
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let error): problems += error.diagnostics
            }
        }
        return (SiteContent(config: config, strings: strings, pages: pages, assets: assets.sorted()), problems)
    }

    /// Parses pages on every core; results keep the input order.
    static func parsePages(root: URL, _ sources: [(language: String, path: String)],
                           cache: [String: Page.Metadata] = [:], stamps: [String: String] = [:],
                           defaultLanguage: String? = nil) -> [Result<Page, DiagnosticsError>] {
        sources.concurrentMap { source in
            Result { () throws(DiagnosticsError) -> Page in
                // Only originals need the body hash translations record.
                try loadPage(root: root, language: source.language, path: source.path, cache: cache,
                             stamp: stamps["content/\(source.language)/\(source.path)"],
                             hashBody: defaultLanguage == nil || source.language == defaultLanguage)
            }
        }
    }

    /// Reads one page; when the build cache holds metadata for exactly
    /// these bytes, the page is not parsed again. When it holds them for a
    /// file with this settled `stamp`, the file is not even read (10,000
    /// reads and hashes were a sixth of a one-page rebuild).
    public static func loadPage(root: URL, language: String, path: String, cache: [String: Page.Metadata] = [:],
                                stamp: String? = nil, hashBody: Bool = true) throws(DiagnosticsError) -> Page {
        let file = "content/\(language)/\(path)"
        let base = root.path
        let location = base.hasSuffix("/") ? base + file : base + "/" + file
        // A cached translation has no body hash; as an original (the default
        // language changed) it must be parsed again.
        let cached = cache[file].flatMap { hashBody && $0.sourceHash.isEmpty ? nil : $0 }
        if let stamp, let cached, cached.sourceStamp == stamp {
            return Page(language: language, path: path, cached: cached, bytes: [], unreadPath: location)
        }
        guard let data = PlainFile.read(location) else {
            throw DiagnosticsError([.error(.contentUnreadable, file: file, "cannot read the file")])
        }
        // Too big to be worth decoding (the body budget has room for front matter).
        let budget = MarkdownBudget.standard
        if data.count > budget.maxBytes + 64 * 1024 {
            throw DiagnosticsError([.error(.markdownBudget, file: file, line: 1,
                                           "the page is \(budget.megabytes(data.count)), over the \(budget.megabytes(budget.maxBytes)) budget for one page; split it")])
        }
        let contentHash = FastHash.hex(data)
        var page: Page
        if let cached, cached.contentHash == contentHash {
            page = Page(language: language, path: path, cached: cached, bytes: data)
        } else {
            page = try parsePage(text: try TextDecoding.decode(bytes: data, file: file), language: language, path: path,
                                 contentHash: contentHash, hashBody: hashBody)
        }
        // Recorded only when it changed: a page as cached keeps its stored bytes.
        if page.sourceStamp != stamp ?? "" { page.sourceStamp = stamp ?? "" }
        return page
    }

    /// The whole page of one the load stage took from the cache, parsed from
    /// the bytes it read then, or from its file when it was taken unread:
    /// a file that no longer has the content its stamp stood for changed
    /// during this build, and stops it.
    public static func parseCached(_ page: Page) throws(DiagnosticsError) -> Page {
        guard page.fromCache else { return page }
        var bytes = page.cachedBytes
        if let location = page.unreadPath {
            guard let data = PlainFile.read(location), FastHash.hex(data) == page.contentHash else {
                throw DiagnosticsError([.error(.contentUnreadable, file: page.file,
                                               "the file changed or went away while the site was being built; build again")])
            }
            bytes = data
        }
        let text = try TextDecoding.decode(bytes: bytes, file: page.file)
        return try parsePage(text: text, language: page.language, path: page.path,
                             contentHash: page.contentHash, hashBody: !page.sourceHash.isEmpty)
    }

    /// Builds a page from its text (already decoded): front matter, Markdown, anchors, links.
    public static func parsePage(text: String, language: String, path: String,
                                 contentHash: String? = nil, hashBody: Bool = true) throws(DiagnosticsError) -> Page {
        let file = "content/\(language)/\(path)"
        let source = try PageSource.split(text, file: file)
        let frontMatter = try FrontMatter.parse(source, file: file)
        // Budgets first: cmark-gfm never sees what exceeds one (ADR 0014).
        if let excess = MarkdownBudget.standard.check(source.body) {
            throw DiagnosticsError([.error(.markdownBudget, file: file, line: source.bodyFirstLine + excess.line - 1, excess.message)])
        }
        let document = MarkdownParser.parse(source.body, firstLine: source.bodyFirstLine)
        return Page(language: language, path: path, frontMatter: frontMatter, body: source.body,
                    bodyFirstLine: source.bodyFirstLine, document: document,
                    headings: document.headings(reserved: PageLayout.reservedIDs), links: document.links(),
                    sourceHash: hashBody ? PageSource.sourceHash(ofBody: source.body) : "",
                    contentHash: contentHash ?? FastHash.hex(Data(text.utf8)))
    }

    /// Files below `folder`, relative to it, sorted; symbolic links that lead
    /// out of their top-level folder are refused rather than followed
    /// (`SourcePolicy`), hidden files are skipped, and so are FIFOs, sockets
    /// and devices, which are never opened.
    static func listFiles(root: URL, folder: String) -> (files: [String], problems: [Diagnostic]) {
        let base = root.appendingPathComponent(folder)
        var files: [String] = []
        var problems: [Diagnostic] = []
        for entry in FileWalker.walk(base.path, skipHidden: true) {
            switch entry.kind {
            case .file:
                files.append(entry.path)
            case .symlink:
                if var refusal = SourcePolicy.refusal(root: root, file: "\(folder)/\(entry.path)") {
                    // A link to a FIFO is skipped like the FIFO itself.
                    if refusal.code == DiagnosticCode.fileSpecial.rawValue { refusal.severity = .warning }
                    problems.append(refusal)
                    continue
                }
                let target = base.appendingPathComponent(entry.path).resolvingSymlinksInPath().path
                if FileWalker.kind(at: target) == .file { files.append(entry.path) }
            case .other:
                problems.append(.warning(.fileSpecial, file: "\(folder)/\(entry.path)",
                                         "is a FIFO, socket or device, not a regular file; skipped without opening it"))
            case .folder:
                continue
            }
        }
        return (files.sorted(), problems)
    }
}

/// Files whose content runs as script when served from the site's origin
/// (HTML, SVG, JavaScript): a page or an image in content/ must never carry
/// script into the site, so they are refused with an error, not copied.
enum ActiveFiles {
    static let extensions: Set<String> = ["html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "cjs", "xml", "xsl", "xslt"]

    static func refusal(_ file: String) -> Diagnostic? {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased()) else { return nil }
        return .error(.contentActiveFile, file: file,
                      "\(name[dot...]) files can run script on the site's origin and are not published from content/; "
                      + "use a raster image (.png, .jpg, .webp) or put the content in a Markdown page")
    }
}

/// Two sources that would become one output file: `a.md` and `a/index.md`,
/// or names that differ only in Unicode normalisation (NFC and NFD), which
/// most file systems keep apart but URLs and browsers do not.
enum OutputCollisions {
    static func find(_ sources: [(language: String, path: String)], assets: [String])
        -> (problems: [Diagnostic], dropped: Set<String>) {
        var owners: [String: String] = [:]
        var problems: [Diagnostic] = []
        var dropped: Set<String> = []
        let outputs = sources.map { ("content/\($0.language)/\($0.path)", Page.urlPath(language: $0.language, path: $0.path) + "index.html") }
            + assets.map { ("content/\($0)", $0) }
        for (file, output) in outputs.sorted(by: { $0.0 < $1.0 }) {
            // ASCII is its own normal form (the mapping cost 2% of a rebuild at 10,000 pages).
            let key = output.utf8.allSatisfy { $0 < 0x80 } ? output : output.precomposedStringWithCanonicalMapping
            if let first = owners[key] {
                problems.append(.error(.contentCollision, file: file,
                                       "becomes the same output file as \(first) (\(output)); rename or remove one of them"))
                dropped.insert(file)
            } else {
                owners[key] = file
            }
        }
        return (problems, dropped)
    }
}

/// UTF-8 decoding that names the first bad byte instead of guessing.
public enum TextDecoding {
    public static func decode(_ data: Data, file: String) throws(DiagnosticsError) -> String {
        try decode(bytes: [UInt8](data), file: file)
    }

    public static func decode(bytes input: [UInt8], file: String) throws(DiagnosticsError) -> String {
        var bytes = input
        // Offsets are reported in the file as it is on disk, BOM included.
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.removeFirst(bom)
        if let nul = bytes.firstIndex(of: 0) {
            throw DiagnosticsError([.error(.contentEncoding, file: file, line: line(at: nul, in: bytes),
                                           "file contains a NUL byte at byte offset \(nul + bom); is it a binary file?")])
        }
        // CRLF and lone CR become LF on the bytes: String searches go
        // through Foundation and cost more than the whole Markdown parse.
        // (Replacing one ASCII byte by another cannot make UTF-8 valid or invalid.)
        let normalized = bytes.contains(0x0D) ? unixLineEndings(bytes) : bytes
        // One validating pass in the standard library; ours runs only to name the bad byte.
        if let text = String(validating: normalized, as: UTF8.self) { return text }
        let bad = firstInvalidUTF8(bytes) ?? 0
        throw DiagnosticsError([.error(.contentEncoding, file: file, line: line(at: bad, in: bytes),
                                       "file is not valid UTF-8: bad byte 0x\(String(bytes[bad], radix: 16)) at byte offset \(bad + bom); save it as UTF-8")])
    }

    static func unixLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                normalized.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                normalized.append(bytes[index])
            }
            index += 1
        }
        return normalized
    }

    static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// Offset of the first byte that breaks UTF-8, or nil: the byte that
    /// cannot start a character, or the lead byte of a sequence that is cut
    /// short, overlong or out of range (what the message shows is that byte).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
