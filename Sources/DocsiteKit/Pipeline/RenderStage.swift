import Foundation

/// The render stage: Markdown and generated pages through the layout, from
/// the loaded site only; each page is staged with the writer as soon as it
/// is laid out, unless the build cache says its published file is current.
struct RenderStage: Stage {
    static let name = "render"

    var previous: BuildCache?
    var searchEnabled: Bool
    /// The git walk the pipeline started before loading; without one the
    /// stage walks the history itself.
    var history: Pending<[String: String]>? = nil
    /// The generated pages, when the pipeline started making them already.
    var generated: Pending<[SitePage]>? = nil

    struct Output {
        /// Output file -> fingerprint, for the next build's cache.
        var fingerprints: [String: String] = [:]
        var reusedPages = 0
        var files = 0
        /// Findings of this stage that do not stop the build.
        var warnings: [Diagnostic] = []
    }

    func run(_ site: LoadedSite, writer: SiteWriter, out: URL) throws(DiagnosticsError) -> Output {
        let renderer = SiteRenderer(content: site.content)
        let generated = generated ?? Pending(done: SiteGenerators.pages(site, highlighter: renderer.highlighter))
        var pages = renderer.markdownPages() + generated.value
        ADRLog.decorate(&pages, site)
        // Navigation and link targets are worked out beside backlinks, dates,
        // fingerprints and the check of the published files.
        let parts = Pending { [pages] in renderer.siteWideParts(pages) }
        Backlinks.add(&pages, site)
        let dates = (history ?? LastUpdated.walk(root: site.root)).value
        for index in pages.indices { pages[index].lastUpdated = pages[index].sourceFile.flatMap { dates[$0] } }
        var output = Output()
        let fingerprintOfSite = Fingerprint.site(pages, content: site.content, searchEnabled: searchEnabled)
        let pageFingerprints = pages.concurrentMap { Fingerprint.page($0, site: fingerprintOfSite) }
        for (page, fingerprint) in zip(pages, pageFingerprints) { output.fingerprints[page.outputFile] = fingerprint }
        // Reuse needs the file still published as the file the cache
        // recorded (its stamp), not only a matching fingerprint: a page
        // edited by hand in the output is written again.
        let unchanged = BuildCache.verifiedReuse(pages.map(\.outputFile), fingerprints: output.fingerprints,
                                                 previous: previous, published: writer.published, out: out)
        do {
            writer.noteVerified(unchanged)
            var tree = try renderer.assemble(pages, searchEnabled: searchEnabled, root: site.root,
                                             reuse: { unchanged[$0.outputFile] != nil }, parts: parts.value, writer: writer)
            if searchEnabled {
                for language in site.config.languages { tree.add(KeysIndex.path(language), KeysIndex.json(site, language: language)) }
            }
            if let sitemap = Sitemap.xml(pages, config: site.config) {
                tree.add("sitemap.xml", Data(sitemap.utf8))
            } else {
                output.warnings.append(Sitemap.omitted())
            }
            for file in ExamplePages.rawFiles(site) { tree.add(file.path, file.data) }
            try writer.stage(tree)
            output.files = pages.count + tree.files.count
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([.error(.outputWrite, file: BuildReport.displayPath(out, root: site.root),
                                           "writing the site failed, previous output kept: \(error)")])
        }
        output.reusedPages = unchanged.count
        return output
    }
}
