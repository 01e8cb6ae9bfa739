import Foundation

/// `docsite translations export --format po`: the strings that are not
/// pages (values descriptions, UI strings) as one gettext catalog per
/// language, for Weblate, Crowdin, OmegaT or Poedit.
public enum TranslationExport {
    public enum Target: Sendable, Equatable {
        case standardOutput
        /// One `.po` file (one language).
        case file(URL)
        /// A folder that gets `<language>.po` per language.
        case directory(URL)

        /// `--out`: a path ending in `.po` is a file, anything else a folder.
        public init(out: String?, relativeTo base: URL) {
            guard let out else { self = .standardOutput; return }
            let folder = URL(fileURLWithPath: base.path, isDirectory: true)
            let url = URL(fileURLWithPath: out, relativeTo: folder).standardizedFileURL
            self = url.pathExtension == "po" ? .file(url) : .directory(url)
        }

        var isFile: Bool { if case .file = self { return true } else { return false } }
    }

    public struct Result: Sendable {
        /// Paths written, as given (file targets).
        public var written: [String] = []
        /// The catalog when the target is standard output.
        public var standardOutput = ""
    }

    /// `languages` nil: every language of the site but the first.
    public static func run(root: URL, languages: [String]?, to target: Target) throws(DiagnosticsError) -> Result {
        let config = try SiteConfig.load(root: root)
        let chosen = languages ?? config.languages.filter { $0 != config.defaultLanguage }
        if chosen.isEmpty {
            throw DiagnosticsError([.error(.configInvalid, file: SiteConfig.file, line: 1, "the site has one language: there is nothing to translate")])
        }
        if chosen.count > 1, target == .standardOutput || target.isFile {
            throw DiagnosticsError([.error(.configInvalid, file: SiteConfig.file, line: 1,
                                           "a PO catalog holds one language and this site translates into \(chosen.joined(separator: ", ")): give --language, or --out with a folder")])
        }
        var result = Result()
        for language in chosen {
            let text = POWriter.render(catalog(try TranslationUnits.load(root: root, language: language)))
            switch target {
            case .standardOutput: result.standardOutput = text
            case .file(let url): try write(text, to: url, &result)
            case .directory(let url): try write(text, to: url.appendingPathComponent("\(language).po"), &result)
            }
        }
        return result
    }

    /// The catalog of one language: every unit, translated or not; a stale
    /// translation is `fuzzy`, as gettext tools mark a changed source.
    public static func catalog(_ units: TranslationUnits) -> POFile {
        var header = [POHeaderField("Project-Id-Version", "docsite content"),
                      POHeaderField("Language", units.language),
                      POHeaderField("MIME-Version", "1.0"),
                      POHeaderField("Content-Type", "text/plain; charset=UTF-8"),
                      POHeaderField("Content-Transfer-Encoding", "8bit")]
        if let plural = POWriter.pluralForms(units.language) { header.append(POHeaderField("Plural-Forms", plural)) }
        header.append(POHeaderField("X-Generator", "docsite"))
        let comments = [
            "Values descriptions of the charts and the site's own UI strings, English -> \(units.language).",
            "msgctxt is each string's key: keep it. A fuzzy entry translates an older English text.",
            "Import with: docsite translations import FILE.po",
        ]
        return POFile(header: header, headerComments: comments, entries: units.units.map(entry))
    }

    static func entry(_ unit: TranslationUnit) -> POEntry {
        var notes: [String]
        switch unit.origin {
        case .chart(let id, "_description"): notes = ["Description of the chart \(id)."]
        case .chart(let id, let key): notes = ["Description of the values key \(key) of the chart \(id)."]
        case .ui: notes = ["A word of the site's own pages (navigation, labels, tables)."]
        }
        if unit.isStale { notes.append("The English text changed since this translation: update it and clear the fuzzy flag.") }
        return POEntry(context: unit.context, id: unit.english, translation: unit.translation, notes: notes,
                       references: [unit.reference], flags: unit.isStale ? ["fuzzy"] : [])
    }

    static func write(_ text: String, to url: URL, _ result: inout Result) throws(DiagnosticsError) {
        _ = try SourceFileWriter.write(text, to: url, shownAs: url.path)
        result.written.append(url.path)
    }
}
