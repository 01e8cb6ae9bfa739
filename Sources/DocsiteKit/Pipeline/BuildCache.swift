import SystemIO
import Foundation

/// What a build remembers for the next one, beside the output folder
/// (`.<out>.cache`, never published): page metadata by content hash,
/// and a fingerprint of everything each output page was made from. A page
/// whose fingerprint is unchanged is carried over instead of re-rendered.
public struct BuildCache: Sendable {
    /// Bump when the cache's own layout changes. Pages are not only made from
    /// content but also by this program's code, so the version also names the
    /// running executable (size and modification time): a rebuilt docsite never
    /// carries over pages an older build rendered, even when nobody bumped this.
    public static let formatVersion = "docsite-cache-14 " + executableStamp()

    /// Size and modification time of the running executable, or "unknown" when
    /// it cannot be read (then only the number above separates caches).
    static func executableStamp(path: String = "/proc/self/exe") -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    public var version: String
    public var pages: [String: Page.Metadata]
    public var outputs: [String: String]
    /// Stamp (size, times, inode) of every published file, checked before reuse.
    public var outputStamps: [String: String]
    /// What the build that saved this cache read and reported.
    public var summary: BuildSummary
    /// The mirror beside the output (`SiteWriter.mirrorRecord`).
    public var mirror: RecordedOutput?
    /// Each page's metadata as stored in the file this cache was read from
    /// (slices of its bytes): the next cache copies those of the pages still
    /// unchanged instead of encoding 10,000 pages again after one edit.
    var encodedPages: [String: ArraySlice<UInt8>] = [:]

    public init(version: String, pages: [String: Page.Metadata], outputs: [String: String], outputStamps: [String: String] = [:],
                summary: BuildSummary = BuildSummary(), mirror: RecordedOutput? = nil) {
        self.version = version
        self.pages = pages
        self.outputs = outputs
        self.outputStamps = outputStamps
        self.summary = summary
        self.mirror = mirror
    }

    public static func location(out: URL) -> URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).cache")
    }

    /// The cache, when it exists, matches this version and the output it
    /// describes is still there.
    public static func load(out: URL) -> BuildCache? {
        read(out: out).flatMap { CacheCodec.decode($0) }
    }

    /// The cache file's bytes, when the output it describes is still there.
    static func read(out: URL) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: out.path) else { return nil }
        return PlainFile.read(location(out: out).path)
    }

    /// The cache of `out`, read and decoded on another thread from the start
    /// of a build, while the inputs are scanned.
    final class Ahead: Sendable {
        let bytes: Pending<[UInt8]?>
        private let decoding: Pending<BuildCache?>
        private let stop = StopFlag()

        init(out: URL, enabled: Bool = true) {
            let bytes = enabled ? Pending { BuildCache.read(out: out) } : Pending(done: nil)
            let stop = stop
            self.bytes = bytes
            decoding = Pending { bytes.value.flatMap { CacheCodec.decode($0, stop: stop) } }
        }

        /// Spares the decoding of the pages when they will likely not be needed.
        func stopDecoding() { stop.stop() }

        /// The decoded cache (decoded here if the decoding ahead was stopped).
        var decoded: BuildCache? {
            decoding.value ?? (stop.isStopped ? bytes.value.flatMap { CacheCodec.decode($0) } : nil)
        }
    }

    /// The last build's summary when nothing it read changed since
    /// (`inputs`, a provable scan equal to the one it recorded) and every
    /// file and folder of its output is still the one it published: that
    /// build's result stands and nothing needs doing. One lstat per file and
    /// folder of the output; a file edited, added or removed by hand fails it.
    /// Staging folders a killed build left beside the output are removed.
    /// `head`: the cache's `CacheCodec.decodeHead`.
    static func unchangedBuild(_ head: (summary: BuildSummary, stamps: [String: String]), inputs: BuildInputs, out: URL) -> BuildSummary? {
        let (summary, stamps) = head
        guard inputs.provable, summary.inputs == inputs.digest,
              // Held while the output is checked: a build holding it may be changing it (then this one is refused as usual).
              case .success(let lock) = FileLock.acquire(OutputFolder.lockFile(of: out)) else { return nil }
        defer { lock.release() }
        guard RecordedOutput(files: stamps, folders: summary.folderStamps).isIntact(in: out) else { return nil }
        // What a killed build left beside the output goes, as in any build.
        for leftover in OutputFolder.leftovers(of: out) { PlainFile.removeTree(leftover) }
        return summary
    }

    /// The output the build that saved this cache published.
    var recordedOutput: RecordedOutput { RecordedOutput(files: outputStamps, folders: summary.folderStamps) }

    /// Best effort: a cache that cannot be written only makes the next build
    /// cold. `pages`: the pages' part already encoded (`CacheCodec.encodePages`).
    public func save(out: URL, pages: [UInt8]? = nil) {
        // Written beside and renamed into place; not flushed to disk: a cache
        // lost in a crash only means the next build runs cold.
        let target = BuildCache.location(out: out).path
        let temporary = target + ".tmp-\(getpid())"
        do {
            try PlainFile.write(CacheCodec.encode(self, pages: pages), to: temporary)
            if rename(temporary, target) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// Output files that can be carried over, with the stamp each was
    /// verified by: same fingerprint as last time, still published, and
    /// still the file this cache recorded (one lstat each, on every core; a
    /// page edited by hand no longer matches its stamp).
    static func verifiedReuse(_ files: [String], fingerprints: [String: String], previous: BuildCache?,
                              published: Set<String>, out: URL) -> [String: String] {
        guard let previous else { return [:] }
        let candidates = files.filter { previous.outputs[$0] == fingerprints[$0] && published.contains($0) && previous.outputStamps[$0] != nil }
        return OutputFolder.stamps(of: candidates, in: out, OutputFolder.stamp).filter { previous.outputStamps[$0.key] == $0.value }
    }

    public static func discard(out: URL) {
        try? FileManager.default.removeItem(at: location(out: out))
    }
}

/// What a build read (`BuildInputs.digest`, empty when its scan proved
/// nothing), what it reported, and the stamps of its output's folders: all
/// a later build needs to stand on it when nothing changed.
public struct BuildSummary: Sendable, Equatable {
    public var inputs = ""
    public var pages = 0
    public var files = 0
    public var diagnostics: [Diagnostic] = []
    /// Output folder ("" the output itself) -> stamp: a file added to or
    /// removed from a folder changes the folder's times.
    public var folderStamps: [String: String] = [:]

    public init(inputs: String = "", pages: Int = 0, files: Int = 0, diagnostics: [Diagnostic] = [], folderStamps: [String: String] = [:]) {
        self.inputs = inputs
        self.pages = pages
        self.files = files
        self.diagnostics = diagnostics
        self.folderStamps = folderStamps
    }
}

/// Fingerprints: everything a page's HTML depends on, hashed.
enum Fingerprint {
    /// What every page depends on: configuration, UI words, whether search
    /// is on, and the shape of the site (every page's place, title and
    /// order, which decides navigation, switchers and link targets).
    static func site(_ pages: [SitePage], content: SiteContent, searchEnabled: Bool) -> String {
        var builder = FastHash.Builder()
        builder.add(BuildCache.formatVersion)
        builder.add(searchEnabled ? "search" : "no-search")
        let config = content.config
        for language in config.languages {
            builder.add(language)
            builder.add(config.title(language))
            builder.add(config.description(language))
            for (key, value) in (content.strings[language]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
                builder.add(key)
                builder.add(value)
            }
        }
        builder.add(config.sections.joined(separator: ","))
        builder.add(config.baseURL ?? "")
        builder.add(config.editURL ?? "")
        for asset in content.assets { builder.add(asset) }
        // Indices sorted, not the pages: moving 10,000 pages cost more than hashing them.
        for index in pages.indices.sorted(by: { (pages[$0].language, pages[$0].urlPath) < (pages[$1].language, pages[$1].urlPath) }) {
            let page = pages[index]
            builder.add(page.language)
            builder.add(page.key)
            builder.add(page.urlPath)
            builder.add(page.title)
            builder.add(page.navTitle ?? "-")
            builder.add(page.weight.map(String.init) ?? "-")
            builder.add(page.section ?? "-")
            builder.add(page.isSectionIndex ? "index" : "page")
            builder.add(page.inNavigation ? "nav" : "hidden")
            builder.add(page.sourceFile ?? "-")
        }
        return builder.value
    }

    /// One page: the site fingerprint plus the page's own inputs.
    static func page(_ page: SitePage, site: String) -> String {
        var builder = FastHash.Builder()
        builder.add(site)
        builder.add(page.urlPath)
        builder.add(page.description ?? "-")
        builder.add(page.contentHash ?? page.bodyHTML.markup)
        if page.contentHash == nil {
            for heading in page.headings { builder.add("\(heading.level) \(heading.id) \(heading.text)") }
        }
        builder.add(page.bannerHTML.markup)
        builder.add(page.appendixHTML.markup)
        builder.add(page.lastUpdated ?? "-")
        for reference in page.referencedBy { builder.add(reference.urlPath) }
        return builder.value
    }
}
