import Foundation

/// Where a link written in a page points, decided once and shared by the
/// renderer (to write the href) and the link check (to report problems).
public enum LinkTarget: Sendable, Equatable {
    /// Has a scheme (`https:`, `mailto:`…): left as written.
    case external
    /// `#fragment` on the same page.
    case sameDocument(fragment: String)
    /// A Markdown page: `language` and `path` below `content/<language>/`.
    case page(language: String, path: String, fragment: String?)
    /// Any other file of the repository (path from the root).
    case repositoryFile(path: String, fragment: String?)
    /// Climbs above the repository root.
    case outside
    /// `chart:<name>[#<key.path>]`: a chart reference page or one values key.
    case chart(name: String, key: String?)
}

public enum LinkResolver {
    /// Resolves `destination` as written in the page `file` (repository-relative).
    public static func target(of destination: String, inFile file: String, language: String) -> LinkTarget {
        let trimmed = destination.first == " " || destination.last == " " ? destination.trimmingCharacters(in: .whitespaces) : destination
        if trimmed.hasPrefix("#") { return .sameDocument(fragment: decode(String(trimmed.dropFirst()))) }
        if hasPrefixIgnoringCase(trimmed, "chart:") {
            let rest = trimmed.dropFirst(6)
            let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts.count > 1 ? String(parts[1]) : nil
            return .chart(name: String(parts[0]), key: key?.isEmpty == true ? nil : key)
        }
        if hasScheme(trimmed) || trimmed.hasPrefix("//") { return .external }
        // Split off `#fragment` and `?query` on bytes: Character searches in
        // String are grapheme-aware and slow on this hot path.
        var pathPart = trimmed
        var fragment: String?
        let bytes = Array(trimmed.utf8)
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            pathPart = String(decoding: bytes[..<hash], as: UTF8.self)
            fragment = decode(String(decoding: bytes[(hash + 1)...], as: UTF8.self))
        }
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) { pathPart = String(pathPart[..<query]) }
        pathPart = decode(pathPart)
        if pathPart.isEmpty { return .sameDocument(fragment: fragment ?? "") }
        let base = pathPart.hasPrefix("/") ? "content/\(language)" : RelativePath.directory(of: file)
        guard let resolved = RelativePath.resolve(pathPart, against: base) else { return .outside }
        if let (language, path) = contentPage(resolved) {
            return .page(language: language, path: path, fragment: fragment)
        }
        return .repositoryFile(path: resolved, fragment: fragment)
    }

    /// `content/<language>/<path>.md` -> (language, path), on bytes.
    static func contentPage(_ resolved: String) -> (String, String)? {
        let prefix = "content/".utf8
        let bytes = resolved.utf8
        guard bytes.starts(with: prefix), resolved.hasSuffix(".md") else { return nil }
        let rest = bytes.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash != rest.startIndex else { return nil }
        let language = String(decoding: rest[..<slash], as: UTF8.self)
        let path = String(decoding: rest[bytes.index(after: slash)...], as: UTF8.self)
        guard !path.isEmpty, language != "examples", language != "i18n" else { return nil }
        return (language, path)
    }

    /// RFC 3986 scheme: a letter, then letters, digits, `+`, `-`, `.`, then `:`.
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for byte in s.utf8 {
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if byte == UInt8(ascii: ":") { return !first }
            if first {
                guard isLetter else { return false }
                first = false
            } else if !(isLetter || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
                return false
            }
        }
        return false
    }

    static func decode(_ s: String) -> String {
        s.utf8.contains(UInt8(ascii: "%")) ? (s.removingPercentEncoding ?? s) : s
    }

    static func hasPrefixIgnoringCase(_ s: String, _ prefix: String) -> Bool {
        var a = s.utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = a.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }

    /// Percent-encodes a site path for an href (`#` and `?` included, as
    /// they may appear in file names).
    static func encodePath(_ s: String) -> String { PercentEncoding.encode(s, keeping: PercentEncoding.path) }

    static func encodeFragment(_ s: String) -> String { PercentEncoding.encode(s, keeping: PercentEncoding.fragment) }
}

/// Turns link targets into hrefs relative to the page being written.
public struct LinkWriter: Sendable {
    /// Site URL of a generated or Markdown page for a link target, if any.
    public var urlForTarget: @Sendable (LinkTarget) -> String?

    public init(urlForTarget: @escaping @Sendable (LinkTarget) -> String?) {
        self.urlForTarget = urlForTarget
    }

    public func href(_ destination: String, file: String, language: String, fromURL: String) -> String {
        let target = LinkResolver.target(of: destination, inFile: file, language: language)
        switch target {
        case .external:
            return destination
        case .sameDocument(let fragment):
            return "#" + LinkResolver.encodeFragment(fragment)
        case .outside:
            return "#"
        case .page(_, _, let fragment), .repositoryFile(_, let fragment):
            guard let url = urlForTarget(target) else { return destination }
            return relativeHref(from: fromURL, to: url, fragment: fragment)
        case .chart:
            guard let url = urlForTarget(target) else { return destination }
            // Chart URLs carry the key's anchor; page paths may contain '#'
            // in file names, so only these are split at it.
            guard let hash = url.firstIndex(of: "#") else { return relativeHref(from: fromURL, to: url) }
            return relativeHref(from: fromURL, to: String(url[..<hash])) + url[hash...]
        }
    }
}

/// The href from the page at site URL `from` to site URL `to`. A `#` in
/// `to` belongs to the path (file names may hold one) and is encoded; an
/// anchor is passed as `fragment`.
public func relativeHref(from: String, to: String, fragment: String? = nil) -> String {
    let path = LinkResolver.encodePath(RelativeURL.between(from: from, to: to))
    return fragment.map { path + "#" + LinkResolver.encodeFragment($0) } ?? path
}
