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

    func saveCache(_ content: SiteContent, fingerprints: [String: String]) {
        BuildCache(version: BuildCache.formatVersion,
                   pages: Dictionary(content.pages.map { ($0.file, $0.metadata) }, uniquingKeysWith: { a, _ in a }),
                   outputs: fingerprints, outputStamps: writer.stamps()).save(out: out)
    }
}
