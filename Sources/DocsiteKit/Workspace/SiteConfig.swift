import YAML
import Foundation

/// `content/site.yaml`: titles and descriptions per language, the languages
/// (the first is the default) and the order of sections.
public struct SiteConfig: Sendable, Equatable {
    public var title: [String: String]
    public var description: [String: String]
    public var languages: [String]
    public var sections: [String]
    /// Public address of the site, used only where a format demands
    /// absolute URLs (sitemap.xml, canonical links); pages stay relative.
    public var baseURL: String? = nil
    /// Where a page's source can be edited: the file's path from the site
    /// root (`content/en/guides/setup.md`) is appended to it.
    public var editURL: String? = nil

    /// `baseURL` ending in one `/`, ready to prefix a page's URL path.
    var absoluteBase: String? { baseURL.map(Self.folder) }

    /// The absolute address of a page (`urlPath` relative to the site root).
    func absoluteURL(_ urlPath: String) -> String? {
        absoluteBase.map { $0 + LinkResolver.encodePath(urlPath) }
    }

    /// Where to edit `file` (a path from the site root), when `edit_url` is set.
    func editLink(_ file: String) -> String? {
        editURL.map { Self.folder($0) + LinkResolver.encodePath(file) }
    }

    static func folder(_ address: String) -> String { address.hasSuffix("/") ? address : address + "/" }

    public var defaultLanguage: String { languages.first ?? "en" }

    public static let file = "content/site.yaml"

    public static let fallback = SiteConfig(
        title: ["en": "Documentation"], description: [:], languages: ["en", "ru"], sections: ["guides", "adr"])

    public func title(_ language: String) -> String {
        title[language] ?? title[defaultLanguage] ?? "Documentation"
    }

    public func description(_ language: String) -> String {
        description[language] ?? description[defaultLanguage] ?? ""
    }

    public static func load(root: URL) throws(DiagnosticsError) -> SiteConfig {
        guard let data = SourcePolicy.read(root: root, file: file), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([.error(.configMissing, file: file, "cannot read \(file): every site needs one (title, languages, sections)")])
        }
        guard let node = try YAMLLoader.load(text, file: file), node.entries != nil else {
            throw DiagnosticsError([.error(.configInvalid, file: file, line: 1, "\(file) must be a mapping with title, languages and sections")])
        }
        var problems: [Diagnostic] = []
        func perLanguage(_ key: String) -> [String: String] {
            guard let value = node[key] else { return [:] }
            if let text = value.string { return ["*": text] }
            guard let entries = value.entries else {
                problems.append(.error(.configInvalid, file: file, line: value.line, column: value.column, "'\(key)' must be text or a mapping of language to text"))
                return [:]
            }
            var result: [String: String] = [:]
            for entry in entries { result[entry.key] = entry.value.string ?? "" }
            return result
        }
        func list(_ key: String) -> [String]? {
            guard let value = node[key] else { return nil }
            guard let items = value.items else {
                problems.append(.error(.configInvalid, file: file, line: value.line, column: value.column, "'\(key)' must be a list"))
                return nil
            }
            return items.compactMap(\.string)
        }
        let languages = list("languages") ?? ["en", "ru"]
        if languages.isEmpty {
            problems.append(.error(.configInvalid, file: file, line: node.line, "'languages' must name at least one language"))
        }
        for language in languages where !isSafeLanguageCode(language) {
            problems.append(.error(.configInvalid, file: file, line: node["languages"]?.line, "language code '\(language)' must be letters, digits and '-' only"))
        }
        var title = perLanguage("title")
        var description = perLanguage("description")
        if let shared = title.removeValue(forKey: "*") { for l in languages { title[l] = shared } }
        if let shared = description.removeValue(forKey: "*") { for l in languages { description[l] = shared } }
        if title.isEmpty {
            problems.append(.error(.configInvalid, file: file, line: node.line, "'title' is required"))
        }
        let sections = list("sections") ?? []
        for section in sections where section.contains("/") || section.hasPrefix(".") {
            problems.append(.error(.configInvalid, file: file, line: node["sections"]?.line, "section '\(section)' must be a single folder name"))
        }
        for (key, example) in [("base_url", "https://example.org/docs/"), ("edit_url", "https://github.com/org/repo/edit/main/")] {
            guard let value = node[key], !(value.string.map(isAbsoluteWebAddress) ?? false) else { continue }
            problems.append(.error(.configInvalid, file: file, line: value.line, column: value.column,
                                   "'\(key)' must be an absolute http(s) address such as \(example)"))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return SiteConfig(title: title, description: description, languages: languages, sections: sections,
                          baseURL: node["base_url"]?.string, editURL: node["edit_url"]?.string)
    }

    static func isAbsoluteWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return ["http", "https"].contains(scheme) && !host.isEmpty && url.query == nil && url.fragment == nil
    }

    static func isSafeLanguageCode(_ code: String) -> Bool {
        !code.isEmpty && code.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" }
    }
}
