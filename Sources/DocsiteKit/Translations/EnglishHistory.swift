import Foundation

/// What changed in an English page since the version a translation
/// records in `source_hash`, found in the git history.
public struct EnglishChange: Sendable, Equatable {
    public var translation: String
    public var original: String
    public var recordedHash: String
    /// The newest commit whose English text has the recorded hash.
    public var commit: String
    public var hunks: [LineDiff.Hunk]

    public var added: Int { hunks.reduce(0) { $0 + $1.added } }
    public var removed: Int { hunks.reduce(0) { $0 + $1.removed } }

    /// The unified diff, labelled with where each side comes from.
    public var unifiedDiff: String {
        "--- \(original)\t(commit \(commit.prefix(12)), source_hash \(recordedHash))\n+++ \(original)\t(now)\n"
            + hunks.map(\.text).joined()
    }
}

public enum EnglishHistory {
    /// A stale translation to explain: its file, its original and the hash
    /// it records (`line` is where the hash is written, for diagnostics).
    public struct Request: Sendable, Equatable {
        public var translation: String
        public var original: String
        public var recordedHash: String
        public var line: Int?

        public init(translation: String, original: String, recordedHash: String, line: Int? = nil) {
            self.translation = translation
            self.original = original
            self.recordedHash = recordedHash
            self.line = line
        }
    }

    public enum Outcome: Sendable, Equatable {
        case changed(EnglishChange)
        /// Why no diff can be given: an error at the translation, and the
        /// same in a few words for one line of `translations status`.
        case unavailable(Diagnostic, reason: String)
    }

    /// The change behind each request (keyed by translation file), from one
    /// walk of the history of all originals: never a guess; a text no
    /// commit has is reported as such.
    public static func changes(root: URL, _ requests: [Request]) -> [String: Outcome] {
        guard !requests.isEmpty else { return [:] }
        let versions: [String: [GitHistory.Version]]
        let shallow: Bool
        do {
            let history = try GitHistory(root: root)
            versions = try history.versions(of: Array(Set(requests.map(\.original))).sorted())
            shallow = history.isShallow
        } catch {
            return Dictionary(requests.map { ($0.translation, .unavailable(problem($0, error.message), reason: error.reason)) },
                              uniquingKeysWith: { a, _ in a })
        }
        var result: [String: Outcome] = [:]
        for request in requests {
            result[request.translation] = change(request, root: root, versions: versions[request.original] ?? [], shallow: shallow)
        }
        return result
    }

    static func change(_ request: Request, root: URL, versions: [GitHistory.Version], shallow: Bool) -> Outcome {
        guard let now = SourcePolicy.read(root: root, file: request.original).flatMap({ body($0, file: request.original) }) else {
            return .unavailable(problem(request, "cannot read \(request.original)"), reason: "English page unreadable")
        }
        for version in versions {
            guard let then = body(version.data, file: request.original),
                  PageSource.sourceHash(ofBody: then.text) == request.recordedHash else { continue }
            let hunks = SectionDiff.hunks(old: lines(then.text), new: lines(now.text),
                                          oldFirstLine: then.firstLine, newFirstLine: now.firstLine)
            return .changed(EnglishChange(translation: request.translation, original: request.original,
                                          recordedHash: request.recordedHash, commit: version.commit, hunks: hunks))
        }
        return .unavailable(problem(request, "no commit of \(request.original) has the English text of source_hash \(request.recordedHash) "
            + "(\(versions.count) committed version(s) searched\(GitHistory.shallowHint(shallow))); compare the translation with the English page by hand"),
            reason: "no commit has its source_hash")
    }

    static func problem(_ request: Request, _ message: String) -> Diagnostic {
        .error(.translationHistory, file: request.translation, line: request.line, message)
    }

    /// The body of a page file as the hash sees it (BOM and CR removed,
    /// front matter split off); nil when the version is not a page.
    static func body(_ data: Data, file: String) -> (text: String, firstLine: Int)? {
        guard let text = try? TextDecoding.decode(data, file: file), let source = try? PageSource.split(text, file: file) else { return nil }
        return (source.body, source.bodyFirstLine)
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension EnglishHistory {
    /// `docsite translations diff PATH`: the unified diff of the English
    /// text since the translation, or one line when nothing changed.
    /// A chart's description translation file goes to `ChartDescriptionHistory`.
    public static func diff(root: URL, path: String) throws(DiagnosticsError) -> String {
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        if relative.hasPrefix(ChartDescriptionHistory.folder) { return try ChartDescriptionHistory.diff(root: root, file: relative) }
        let (content, _) = try ContentLoader.load(root: root)
        let config = content.config
        guard let (file, language, pagePath) = TranslationStatus.translationFile(path, config: config) else {
            throw DiagnosticsError([.error(.translationSync, file: path,
                "not a translation: expected content/<language>/<path>.md in a language other than \(config.defaultLanguage), "
                + "or \(ChartDescriptionHistory.folder)<chart>.<language>.yaml")])
        }
        guard let original = content.page(language: config.defaultLanguage, path: pagePath) else {
            throw DiagnosticsError([.error(.translationOrphan, file: file, "no original content/\(config.defaultLanguage)/\(pagePath) to compare with")])
        }
        guard let translation = content.page(language: language, path: pagePath) else {
            throw DiagnosticsError([.error(.contentUnreadable, file: file, "no such translation")])
        }
        let hashKey = TranslationParityCheck.hashKey
        guard let recorded = translation.frontMatter.string(hashKey) else {
            throw DiagnosticsError([.error(.translationHistory, file: file, line: 1,
                "no '\(hashKey)' in front matter, so there is no translated version of \(original.file) to compare with")])
        }
        if recorded == original.sourceHash { return "\(file) is up to date: \(original.file) has not changed since it was translated\n" }
        let request = Request(translation: file, original: original.file, recordedHash: recorded,
                              line: translation.frontMatter.line(of: hashKey))
        switch changes(root: root, [request])[file] {
        case let .changed(change): return change.unifiedDiff
        case let .unavailable(problem, _): throw DiagnosticsError([problem])
        case nil: return ""
        }
    }
}
