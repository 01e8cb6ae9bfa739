import Foundation

/// `docsite translations import FILE.po`: writes the translations of a PO
/// catalog back into `content/i18n/`. Only what changed is written, so
/// importing an unedited export changes no file.
///
/// What is imported as up to date: a non-empty msgstr, not fuzzy, whose
/// msgid is today's English. Everything else follows what a Weblate user
/// expects of a changed source: the translation is kept but marked as
/// needing work, never as current.
/// - A values description translated from another English text (the PO's
///   msgid differs, or it is fuzzy) is imported as stale: its `source_hash`
///   is that of the English it was made from, so `docsite check` reports it.
///   It never replaces a translation that is up to date.
/// - UI strings record no source hash, so such an entry is not imported
///   (a warning names it).
/// - An empty msgstr means untranslated: nothing is imported.
public enum TranslationImport {
    public struct Result: Sendable {
        public var language = ""
        public var written: [String] = []
        /// Warnings: entries left out or imported as stale.
        public var diagnostics: [Diagnostic] = []
        public var imported = 0, importedStale = 0, untranslated = 0, unchanged = 0, notImported = 0

        public var summary: String {
            "\(language): \(imported) imported, \(importedStale) imported as stale, \(unchanged) unchanged, \(untranslated) untranslated, \(notImported) not imported"
        }
    }

    /// What one PO entry does to its unit.
    enum Decision: Equatable {
        case untranslated, unchanged
        case update(text: String, sourceHash: String?)
        /// Not imported; the message says why.
        case refuse(String)
    }

    /// `path` is the PO file as the user named it (for messages).
    public static func run(root: URL, poFile url: URL, path: String) throws(DiagnosticsError) -> Result {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError([.error(.contentUnreadable, file: path, "cannot read the PO file")])
        }
        let catalog = try POReader.read(data, file: path)
        let language = try language(of: catalog, path: path, root: root)
        let units = try TranslationUnits.load(root: root, language: language)
        var result = Result(language: language)
        var changes: [String: Decision] = [:]
        apply(catalog, to: units, path: path, into: &result, changes: &changes)
        result.written = try write(changes, units: units, root: root)
        return result
    }

    /// The catalog's `Language`, which must be a translation language of the site.
    static func language(of catalog: POFile, path: String, root: URL) throws(DiagnosticsError) -> String {
        let line = max(catalog.headerLine, 1)
        guard let declared = catalog.headerValue("Language"), !declared.isEmpty else {
            throw DiagnosticsError([.error(.poSyntax, file: path, line: line, "the header has no Language: add a line \"Language: ru\\n\" to the msgstr of the first entry")])
        }
        let config = try SiteConfig.load(root: root)
        // Some tools write the region too (`ru_RU`, `ru-RU`); the site names languages only.
        let language = config.languages.contains(declared) ? declared : String(declared.prefix { $0 != "_" && $0 != "-" })
        guard config.languages.contains(language), language != config.defaultLanguage else {
            throw DiagnosticsError([.error(.poSyntax, file: path, line: line,
                                           "Language: \(declared) is not a translation language of this site (\(config.languages.dropFirst().joined(separator: ", ")))")])
        }
        return language
    }

    static func apply(_ catalog: POFile, to units: TranslationUnits, path: String,
                      into result: inout Result, changes: inout [String: Decision]) {
        let byContext = Dictionary(units.units.map { ($0.context, $0) }, uniquingKeysWith: { first, _ in first })
        var firstLine: [String: Int] = [:]
        for entry in catalog.entries {
            func warn(_ message: String, left out: Bool = true) {
                result.diagnostics.append(.warning(.translationImport, file: path, line: entry.line, message))
                if out { result.notImported += 1 }
            }
            guard let context = entry.context, let unit = byContext[context] else {
                warn(entry.context.map { "'\($0)' is not a string docsite translates (a key removed or renamed?); not imported" }
                     ?? "an entry without msgctxt: docsite cannot tell which string it translates; not imported")
                continue
            }
            if let earlier = firstLine[context] {
                warn("a second entry for '\(context)' (the first is at line \(earlier)); not imported")
                continue
            }
            firstLine[context] = entry.line
            guard !entry.isPlural else {
                warn("'\(context)' has plural forms; docsite strings have none; not imported")
                continue
            }
            let decision = decide(entry, unit: unit)
            switch decision {
            case .untranslated: result.untranslated += 1
            case .unchanged: result.unchanged += 1
            case .refuse(let reason): warn("'\(context)': \(reason); not imported")
            case .update(_, let hash):
                changes[context] = decision
                if case .chart = unit.origin, hash != ChartTranslations.hash(unit.english) {
                    result.importedStale += 1
                    warn("'\(context)' imported as stale: it translates \(entry.isFuzzy ? "a text marked fuzzy" : "an older English text"); docsite check reports it until it is updated (import it again without the fuzzy flag, or run 'docsite translations charts --sync')", left: false)
                } else {
                    result.imported += 1
                }
            }
        }
    }

    static func decide(_ entry: POEntry, unit: TranslationUnit) -> Decision {
        guard !entry.translation.isEmpty else { return .untranslated }
        guard case .chart = unit.origin else {
            if entry.translation == unit.translation { return .unchanged }
            guard entry.id == unit.english, !entry.isFuzzy else {
                return .refuse(entry.isFuzzy ? "it is marked fuzzy" : "its English differs from today's (UI strings record no source hash, so a translation of older English cannot be marked stale)")
            }
            return .update(text: entry.translation, sourceHash: nil)
        }
        let current = ChartTranslations.hash(unit.english)
        let confirmed = !entry.isFuzzy && ChartTranslations.hash(entry.id) == current
        // An unconfirmed entry never touches an up-to-date translation, not even to mark it stale.
        if !confirmed && !unit.translation.isEmpty && unit.recordedHash == current {
            if entry.translation == unit.translation { return .unchanged }
            return .refuse("the translation in content/i18n is up to date and this one is \(entry.isFuzzy ? "marked fuzzy" : "of an older English text")")
        }
        let hash = confirmed ? current : staleHash(entry, unit: unit, current: current)
        if entry.translation == unit.translation && hash == (unit.recordedHash ?? "") { return .unchanged }
        return .update(text: entry.translation, sourceHash: hash)
    }

    /// The hash of the English a stale translation was made from: the PO's
    /// msgid, the `#| msgid` a tool recorded, or what the file recorded; an
    /// empty hash (always stale) when none of them is older than today's.
    static func staleHash(_ entry: POEntry, unit: TranslationUnit, current: String) -> String {
        let candidates = [ChartTranslations.hash(entry.id), entry.previousID.map(ChartTranslations.hash), unit.recordedHash]
        return candidates.compactMap { $0 }.first { !$0.isEmpty && $0 != current } ?? ""
    }

    /// Writes the chart files and the UI strings file that changed.
    static func write(_ changes: [String: Decision], units: TranslationUnits, root: URL) throws(DiagnosticsError) -> [String] {
        guard !changes.isEmpty else { return [] }
        var written: [String] = []
        for chart in units.charts.charts {
            var entries = units.chartEntries[chart.id] ?? [:]
            var touched = false
            for (key, _) in units.chartSources[chart.id] ?? [] {
                guard case .update(let text, let hash)? = changes["chart:\(chart.id)#\(key)"] else { continue }
                entries[key] = ChartTranslations.Entry(text: text, sourceHash: hash, line: entries[key]?.line ?? 0,
                                                       textLine: entries[key]?.textLine ?? 0)
                touched = true
            }
            guard touched else { continue }
            let text = ChartTranslationFiles.render(chart: chart, language: units.language, sources: units.chartSources[chart.id] ?? [],
                                                    entries: entries, memory: [:], sync: false)
            let file = ChartTranslations.file(chart: chart.id, language: units.language)
            if try SourceFileWriter.write(text, to: root.appendingPathComponent(file), shownAs: file) { written.append(file) }
        }
        if let ui = uiFile(changes, units: units) {
            let file = UIStrings.file(for: units.language)
            if try SourceFileWriter.write(ui, to: root.appendingPathComponent(file), shownAs: file) { written.append(file) }
        }
        return written
    }

    /// `content/i18n/<language>.yaml` with the imported UI strings: keys
    /// already there keep their place, new ones follow in key order.
    static func uiFile(_ changes: [String: Decision], units: TranslationUnits) -> String? {
        var rows = (units.uiFile ?? []).map { (key: $0.key, value: $0.value) }
        var touched = false
        for unit in units.units {
            guard case .ui(let key) = unit.origin, case .update(let text, _)? = changes[unit.context] else { continue }
            if let index = rows.firstIndex(where: { $0.key == key }) { rows[index].value = text } else { rows.append((key, text)) }
            touched = true
        }
        guard touched else { return nil }
        var out = "# \(units.language) words of the site itself (navigation, labels): key -> text.\n"
        out += "# Keys not listed use docsite's built-in text. Written by docsite translations import.\n"
        for row in rows { out += "\(ChartTranslationFiles.quote(row.key)): \(ChartTranslationFiles.quote(row.value))\n" }
        return out
    }
}
