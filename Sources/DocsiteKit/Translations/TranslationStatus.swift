import Foundation

/// The state of each translation pair, shared by `docsite translations
/// status` and the translation status page of the site.
public struct TranslationPair: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case upToDate = "up-to-date", stale, missing }
    public var path: String
    public var language: String
    public var title: String
    public var state: State
    /// For a stale pair, when the history is readable: English lines added
    /// and removed since the translated version.
    public var englishAdded: Int?
    public var englishRemoved: Int?
    /// For a stale pair whose English changes are unknown: why, in a few words.
    public var englishUnknown: String?

    /// Forbidden glossary variants on the translated page (`translation.term`).
    public var termFindings = 0

    public init(path: String, language: String, title: String, state: State, termFindings: Int = 0) {
        self.path = path
        self.language = language
        self.title = title
        self.state = state
        self.termFindings = termFindings
    }
}

public enum TranslationStatus {
    /// `docsite translations status` as text: one line per pair (state
    /// padded to a column, language, file), then the counts.
    public static func textReport(_ pairs: [TranslationPair]) -> String {
        var out = ""
        for pair in pairs {
            out += "\(pair.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(pair.language)  content/\(pair.language)/\(pair.path)"
            if pair.termFindings > 0 { out += "  \(pair.termFindings) term finding(s)" }
            if let added = pair.englishAdded, let removed = pair.englishRemoved {
                out += "  (English: +\(added) -\(removed) lines since the translation)"
            } else if let unknown = pair.englishUnknown {
                out += "  (English changes unknown: \(unknown))"
            }
            out += "\n"
        }
        let counts = Dictionary(grouping: pairs, by: \.state).mapValues(\.count)
        let terms = pairs.reduce(0) { $0 + $1.termFindings }
        out += "\(counts[.upToDate] ?? 0) up to date, \(counts[.stale] ?? 0) stale, \(counts[.missing] ?? 0) missing"
        out += terms > 0 ? "; \(terms) term finding(s) (docsite check names them)\n" : "\n"
        return out
    }

    /// The pairs with the number of forbidden glossary variants on each
    /// translated page; unchanged when the repository has no glossary.
    public static func countingTerms(_ pairs: [TranslationPair], content: SiteContent, root: URL) throws(DiagnosticsError) -> [TranslationPair] {
        guard let glossary = try Glossary.load(root: root) else { return pairs }
        let perFile = Dictionary(grouping: TranslationTermCheck.findings(in: content, glossary: glossary, root: root), by: \.file)
        return pairs.map { pair in
            var counted = pair
            counted.termFindings = perFile["content/\(pair.language)/\(pair.path)"]?.count ?? 0
            return counted
        }
    }

    public static func pairs(_ content: SiteContent) -> [TranslationPair] {
        let source = content.config.defaultLanguage
        var result: [TranslationPair] = []
        for language in content.config.languages where language != source {
            for original in content.pages(in: source) {
                let state: TranslationPair.State
                if let translation = content.page(language: language, path: original.path),
                   translation.frontMatter.string(TranslationParityCheck.statusKey) != "needed" {
                    state = translation.frontMatter.string(TranslationParityCheck.hashKey) == original.sourceHash ? .upToDate : .stale
                } else {
                    state = .missing
                }
                result.append(TranslationPair(path: original.path, language: language, title: original.title, state: state))
            }
        }
        return result
    }

    /// What to look up in the history for each stale pair that records a
    /// hash (a pair without one has no translated version to compare with).
    public static func historyRequests(_ pairs: [TranslationPair], content: SiteContent) -> [EnglishHistory.Request] {
        let source = content.config.defaultLanguage
        return pairs.filter { $0.state == .stale }.compactMap { pair in
            guard let translation = content.page(language: pair.language, path: pair.path),
                  let recorded = translation.frontMatter.string(TranslationParityCheck.hashKey) else { return nil }
            return EnglishHistory.Request(translation: translation.file, original: "content/\(source)/\(pair.path)",
                                          recordedHash: recorded, line: translation.frontMatter.line(of: TranslationParityCheck.hashKey))
        }
    }

    /// The pairs with, for each stale one, how many English lines changed
    /// since its translation (one history walk for all of them).
    public static func withEnglishChanges(_ pairs: [TranslationPair], content: SiteContent, root: URL) -> [TranslationPair] {
        let outcomes = EnglishHistory.changes(root: root, historyRequests(pairs, content: content))
        return pairs.map { pair in
            guard pair.state == .stale else { return pair }
            var annotated = pair
            switch outcomes["content/\(pair.language)/\(pair.path)"] {
            case let .changed(change): (annotated.englishAdded, annotated.englishRemoved) = (change.added, change.removed)
            case let .unavailable(_, reason): annotated.englishUnknown = reason
            case nil: annotated.englishUnknown = "no \(TranslationParityCheck.hashKey)"
            }
            return annotated
        }
    }

    /// Records the current hash of the original in each translation's front
    /// matter (after the translator has brought it up to date).
    /// `paths` are repository-relative translation files.
    public static func sync(root: URL, paths: [String]) throws(DiagnosticsError) -> [String] {
        let (content, _) = try ContentLoader.load(root: root)
        let source = content.config.defaultLanguage
        var problems: [Diagnostic] = []
        var updated: [String] = []
        for path in paths {
            guard let (relative, _, pagePath) = translationFile(path, config: content.config) else {
                problems.append(.error(.translationSync, file: path, "not a translation: expected content/<language>/<path>.md in a language other than \(source)"))
                continue
            }
            guard let original = content.page(language: source, path: pagePath) else {
                problems.append(.error(.translationOrphan, file: relative, "no original content/\(source)/\(pagePath) to sync with"))
                continue
            }
            let url = root.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append(.error(.contentUnreadable, file: relative, "cannot read the file"))
                continue
            }
            let rewritten = setFrontMatterKey(TranslationParityCheck.hashKey, to: original.sourceHash, in: text)
            do {
                try Data(rewritten.utf8).write(to: url, options: .atomic)
                updated.append(relative)
            } catch {
                problems.append(.error(.outputWrite, file: relative, "cannot write: \(error.localizedDescription)"))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return updated
    }

    /// `content/<language>/<path>` in a language other than the source:
    /// (the file without a leading `./`, its language, its page path).
    static func translationFile(_ path: String, config: SiteConfig) -> (file: String, language: String, path: String)? {
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let parts = relative.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "content", parts[1] != config.defaultLanguage, config.languages.contains(parts[1]) else { return nil }
        return (relative, parts[1], parts[2])
    }

    /// Sets `key: value` in the front matter by editing text, so the rest
    /// of the file (comments, order, quoting) stays as the author wrote it.
    /// The file's own line ending (CRLF, LF or a lone CR) is kept.
    static func setFrontMatterKey(_ key: String, to value: String, in text: String) -> String {
        let newline = lineEnding(of: text)
        var lines = text.components(separatedBy: newline)
        guard lines.first?.trimmingCharacters(in: .whitespaces).hasSuffix("---") == true,
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return ["---", "\(key): \(value)", "---", ""].joined(separator: newline) + text
        }
        if let existing = lines[1..<close].firstIndex(where: { $0.hasPrefix("\(key):") }) {
            lines[existing] = "\(key): \(value)"
        } else {
            lines.insert("\(key): \(value)", at: close)
        }
        return lines.joined(separator: newline)
    }

    /// CRLF when the text has one, else LF, else a lone CR (classic Mac).
    static func lineEnding(of text: String) -> String {
        // Swift treats "\r\n" as one Character; search the scalars.
        let scalars = text.unicodeScalars
        if let cr = scalars.firstIndex(of: "\r") {
            let next = scalars.index(after: cr)
            if next < scalars.endIndex, scalars[next] == "\n" { return "\r\n" }
            return scalars.contains("\n") ? "\n" : "\r"
        }
        return "\n"
    }
}
