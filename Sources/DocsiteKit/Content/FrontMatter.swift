import YAML
/// The YAML block between `---` lines at the top of a page.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var weight: Int?
    /// Every key as parsed, for checks that read more (ADR status, source_hash…).
    public var node: YAMLNode?

    public subscript(key: String) -> YAMLNode? { node?[key] }

    public func string(_ key: String) -> String? { node?[key]?.string }

    /// Line of `key:` in the file, for diagnostics.
    public func line(of key: String) -> Int? {
        node?.entries?.last { $0.key == key }?.line
    }
}

/// A page file split into front matter text and Markdown body.
public struct PageSource: Sendable {
    /// YAML between the fences, nil when the page has no front matter.
    public var yaml: String?
    /// Line of the file on which the YAML starts.
    public var yamlFirstLine: Int
    public var body: String
    /// Line of the file on which the body starts.
    public var bodyFirstLine: Int

    /// Splits `text` (BOM and CRLF already removed). Throws when an opening
    /// fence has no closing one.
    public static func split(_ text: String, file: String) throws(DiagnosticsError) -> PageSource {
        guard text.hasPrefix("---\n") || text == "---" else {
            return PageSource(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        }
        var lineNumber = 1
        var yamlLines: [Substring] = []
        // dropFirst, not index(offsetBy: 4): a page that is exactly "---"
        // (3 characters) crashed the loader with an out-of-bounds index.
        var remainder = text.dropFirst(4)
        while !remainder.isEmpty {
            lineNumber += 1
            let end = remainder.firstIndex(of: "\n") ?? remainder.endIndex
            let line = remainder[..<end]
            remainder = end == remainder.endIndex ? remainder[end...] : remainder[remainder.index(after: end)...]
            if line == "---" || line == "..." {
                return PageSource(yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2,
                                  body: String(remainder), bodyFirstLine: lineNumber + 1)
            }
            yamlLines.append(line)
        }
        throw DiagnosticsError([.error(.frontmatterInvalid, file: file, line: 1,
                                       "front matter opened with '---' on line 1 is never closed: add a '---' line after the last key")])
    }

    /// The hash a translation records in `source_hash`: SHA-256 of the body
    /// with surrounding blank space trimmed, first 16 hex digits.
    public static func sourceHash(ofBody body: String) -> String {
        let trimmed = body.trimmingBlankSpace()
        return SourceHash.of(trimmed)
    }
}

extension StringProtocol {
    /// Trims spaces, tabs and newlines only (stable across platforms, unlike
    /// Unicode whitespace sets), so other tools can compute the same hash.
    func trimmingBlankSpace() -> String {
        let blank: Set<Character> = [" ", "\t", "\n", "\r"]
        var start = startIndex
        var end = endIndex
        while start < end, blank.contains(self[start]) { start = index(after: start) }
        while end > start, blank.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}

extension FrontMatter {
    /// Parses and checks the front matter of a page: a mapping with `title`.
    public static func parse(_ source: PageSource, file: String) throws(DiagnosticsError) -> FrontMatter {
        guard let yaml = source.yaml else {
            throw DiagnosticsError([.error(.frontmatterInvalid, file: file, line: 1,
                                           "page has no front matter: start it with '---', a 'title:' line and '---'")])
        }
        if let tabLine = firstLineStartingWithTab(yaml) {
            throw DiagnosticsError([.error(.frontmatterInvalid, file: file, line: tabLine + source.yamlFirstLine, column: 1,
                                           "front matter is indented with a tab; YAML allows spaces only")])
        }
        let node = try YAMLLoader.load(yaml, file: file, firstLine: source.yamlFirstLine, code: .frontmatterInvalid)
        guard let node, node.entries != nil else {
            let kind = node?.kindName ?? "empty"
            throw DiagnosticsError([.error(.frontmatterInvalid, file: file, line: source.yamlFirstLine,
                                           "front matter must be a mapping of keys (title: …), not \(kind)")])
        }
        var problems: [Diagnostic] = []
        let title = node["title"]?.string?.trimmingBlankSpace() ?? ""
        if title.isEmpty {
            problems.append(.error(.frontmatterInvalid, file: file, line: node["title"]?.line ?? source.yamlFirstLine,
                                   "front matter has no 'title': every page needs one"))
        }
        var weight: Int?
        if let weightNode = node["weight"] {
            weight = weightNode.int
            if weight == nil {
                problems.append(.error(.frontmatterInvalid, file: file, line: weightNode.line, column: weightNode.column,
                                       "'weight' must be a whole number"))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return FrontMatter(title: title, description: node["description"]?.string, weight: weight, node: node)
    }

    /// Index (from 0) of the first line that starts with a tab, on bytes.
    static func firstLineStartingWithTab(_ text: String) -> Int? {
        var line = 0
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart && byte == 0x09 { return line }
            atLineStart = byte == 0x0A
            if atLineStart { line += 1 }
        }
        return nil
    }
}
