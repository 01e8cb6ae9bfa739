import Foundation

/// The write stage: the output folder is claimed before rendering starts,
/// then replaced as a whole (or left as it was when an earlier stage
/// failed), and the build cache is saved for the next run.
struct WriteStage: Stage {
    static let name = "write"
    let writer: SiteWriter
    let out: URL

    /// Claims the output folder (refused: another build holds it, or it is
    /// not a docsite output), then drops the cache: a failed build must not
    /// leave one describing output that was never published.
    func prepare() throws(DiagnosticsError) {
        try writer.begin()
        BuildCache.discard(out: out)
    }

    func commit() throws(DiagnosticsError) { try writer.commit() }

    func abort() { writer.abort() }

    /// Saves what the next build reuses: page metadata (`pages`, encoded
    /// by `encodePages`), fingerprints, the stamps of every published file
    /// and folder, and `summary` (what this build read and reported).
    func saveCache(pages: [UInt8], fingerprints: [String: String], summary: BuildSummary) {
        var summary = summary
        summary.folderStamps = writer.folderStamps()
        BuildCache(version: BuildCache.formatVersion, pages: [:], outputs: fingerprints, outputStamps: writer.stamps(),
                   summary: summary, mirror: writer.mirrorRecord).save(out: out, pages: pages)
    }

    /// The pages' part of the next cache. Known once the site is loaded, so
    /// the build encodes it while it renders; a page whose metadata is still
    /// the `previous` cache's is stored as the bytes it was read from.
    static func encodePages(_ content: SiteContent, previous: BuildCache?) -> [UInt8] {
        let stored = previous?.encodedPages ?? [:]
        return CacheCodec.encodePages(content.pages.map { ($0.file, $0.metadata, $0.metadataAsCached ? stored[$0.file] : nil) })
    }
}
