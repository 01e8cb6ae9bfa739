import Foundation
import Markdown

/// The generate stage: pages made from charts, examples, the version
/// matrix and translation state rather than from Markdown.
public enum SiteGenerators {
    public static func pages(_ context: GenerationContext, highlighter: SyntaxHighlighter) -> [SitePage] {
        let examples = ExampleOverlay.load(context)
        return ChartPages.pages(context, examples: examples)
            + ExamplePages.pages(context, examples: examples, highlighter: highlighter)
            + MatrixPage.pages(context)
            + TranslationStatusPage.pages(context)
    }
}

/// `sitemap.xml` with hreflang alternates. Locations are relative to the
/// sitemap unless `base_url` is set in site.yaml (crawlers want absolute).
enum Sitemap {
    static func xml(_ pages: [SitePage], config: SiteConfig) -> String {
        let base = config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var byKey: [String: [(String, String)]] = [:]
        for page in pages { byKey[page.key, default: []].append((page.language, page.urlPath)) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages.sorted(by: { $0.urlPath < $1.urlPath }) {
            out += "<url><loc>\(escapeAttribute(base + LinkResolver.encodePath(page.urlPath)))</loc>"
            for (language, url) in (byKey[page.key] ?? []).sorted(by: { $0.0 < $1.0 }) where (byKey[page.key]?.count ?? 0) > 1 {
                out += "<xhtml:link rel=\"alternate\" hreflang=\"\(escapeAttribute(language))\" href=\"\(escapeAttribute(base + LinkResolver.encodePath(url)))\"/>"
            }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }

}

/// Pagefind, run on the finished site when it is installed: per-language
/// indexes (driven by `<html lang>`) with Russian stemming, all offline.
public enum SearchIndex {
    /// `PAGEFIND`, else `pagefind` on PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let explicit = environment["PAGEFIND"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/pagefind"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func build(tool: String, site: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--site", site.path, "--output-subdir", "pagefind", "--silent"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SearchIndexError(message: "pagefind failed (exit \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        try canonicalizeEntry(site.appendingPathComponent("pagefind/pagefind-entry.json"))
    }

    /// Pagefind writes its language map in hash order, which differs from
    /// run to run; sorted keys keep two builds of the same input identical.
    static func canonicalizeEntry(_ file: URL) throws {
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        let object = try JSONSerialization.jsonObject(with: data)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]).write(to: file)
    }

    struct SearchIndexError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
