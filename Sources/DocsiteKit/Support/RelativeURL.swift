/// Site-relative URLs. Every URL docsite writes is relative, so the site
/// works unchanged under any path of a static web server.
public enum RelativeURL {
    /// `from` and `to` are paths from the site root: directories end in `/`
    /// (`en/guides/foo/`), files do not (`assets/style.css`).
    public static func between(from: String, to: String) -> String {
        let fromDirectory = from.split(separator: "/", omittingEmptySubsequences: true).dropLast(from.hasSuffix("/") ? 0 : 1)
        let toParts = to.split(separator: "/", omittingEmptySubsequences: true)
        var common = 0
        while common < fromDirectory.count, common < toParts.count,
              fromDirectory[fromDirectory.startIndex + common] == toParts[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: fromDirectory.count - common)
        let downs = toParts[common...].map(String.init)
        var result = (ups + downs).joined(separator: "/")
        if to.hasSuffix("/") && !downs.isEmpty { result += "/" }
        if result.isEmpty { return "./" }
        if to.hasSuffix("/") && downs.isEmpty { result += "/" }
        return result
    }
}

/// Lexical path arithmetic on `/`-separated relative paths.
public enum RelativePath {
    /// Joins `path` to directory `base`, folding `.` and `..`. Returns nil
    /// when the result would climb above the top of the tree.
    public static func resolve(_ path: String, against base: String) -> String? {
        var parts = base.split(separator: "/").map(String.init)
        for piece in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch piece {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
