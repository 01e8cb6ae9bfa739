import Foundation

/// An example overlay in `content/examples/` and what `check` says of it.
public struct ExampleOverlay: Sendable {
    public var fileName: String
    public var chartID: String?
    public var text: String
    public var problems: [Diagnostic]

    public var file: String { "\(OverlayCheck.folder)/\(fileName)" }
    public var stem: String { (fileName as NSString).deletingPathExtension }
    public func url(_ language: String) -> String { "\(language)/examples/\(stem)/" }

    /// The `helm install` line from the file's leading comment, if any.
    public var installCommand: String? {
        header.first { $0.contains("helm install") || $0.contains("helm upgrade") }
            .map { $0.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces) }
    }

    /// The leading comment: the lines before the first line of YAML.
    var header: [Substring] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("#") || $0.isEmpty })
    }

    /// A sentence on when to use the overlay, from a `# when:` line of its
    /// leading comment (the site's default language) or `# when[ru]:` (another
    /// language). The example page shows it under the title.
    public struct WhenLine: Sendable, Equatable {
        /// nil for `# when:`, the default language.
        public var language: String?
        public var text: String
        public var line: Int
    }

    public var whenLines: [WhenLine] {
        header.enumerated().compactMap { index, raw in
            let line = raw.drop { $0 == "#" || $0 == " " }
            guard line.hasPrefix("when") else { return nil }
            var rest = line.dropFirst(4)
            var language: String?
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                language = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            }
            guard rest.hasPrefix(":") else { return nil }
            let text = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : WhenLine(language: language, text: text, line: index + 1)
        }
    }

    /// The sentence in `language`, if the overlay has one.
    public func when(_ language: String, defaultLanguage: String) -> String? {
        whenLines.first { ($0.language ?? defaultLanguage) == language }?.text
    }

    /// `overlay.when` findings: a language of the site without a sentence, a
    /// language the site does not have, a second sentence for one language.
    func whenProblems(languages: [String]) -> [Diagnostic] {
        guard let defaultLanguage = languages.first else { return [] }
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for entry in whenLines {
            let language = entry.language ?? defaultLanguage
            let written = entry.language.map { "# when[\($0)]:" } ?? "# when:"
            if !languages.contains(language) {
                problems.append(.warning(.overlayWhen, file: file, line: entry.line,
                                         "'\(written)' names a language content/site.yaml does not list (\(languages.joined(separator: ", ")))"))
            } else if !seen.insert(language).inserted {
                problems.append(.warning(.overlayWhen, file: file, line: entry.line,
                                         "a second '\(written)' line: the sentence on when to use the overlay is one line per language; this one is ignored"))
            }
        }
        let first = whenLines.first?.line ?? 1
        for language in languages where !seen.contains(language) {
            let written = language == defaultLanguage ? "# when:" : "# when[\(language)]:"
            let json = fileName.hasSuffix(".json") ? " (a .json overlay cannot hold comments: name it .yaml, JSON is YAML)" : ""
            problems.append(.warning(.overlayWhen, file: file, line: first,
                                     "no '\(written)' line in the leading comment: add one sentence saying when to use this overlay, shown on its example page\(json)"))
        }
        return problems
    }

    /// Every overlay in `content/examples/`, validated once (the load
    /// stage): `check` reports the verdicts, the example pages show them.
    static func load(root: URL, charts: ChartCatalog) -> [ExampleOverlay] {
        let validation = OverlayValidation(root: root, catalog: charts)
        let common = FileManager.default.fileExists(atPath: root.appendingPathComponent(OverlayValidation.commonValuesFile).path)
            ? [OverlayValidation.commonValuesFile] : []
        return OverlayCheck.overlayNames(root).map { name in
            let file = "\(OverlayCheck.folder)/\(name)"
            let chart = validation.chartForOverlay(fileName: name)
            let problems = chart.map { validation.validate(files: [file], chart: $0, extraFirst: common) } ?? []
            return ExampleOverlay(fileName: name, chartID: chart?.id, text: shownText(root: root, file: file), problems: problems)
        }
    }

    /// The text the example page shows, read as the validator reads it: a
    /// link out of the repository is refused, never published. Empty when
    /// it cannot be read: the validator reports why (link.outside,
    /// content.encoding, yaml.invalid), so the verdict says so.
    static func shownText(root: URL, file: String) -> String {
        guard let data = SourcePolicy.read(root: root, file: file) else { return "" }
        return String(validating: [UInt8](data), as: UTF8.self) ?? ""
    }
}
