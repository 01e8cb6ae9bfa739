/// Site-relative URLs. Every URL docsite writes is relative, so the site
/// works unchanged under any path of a static web server.
public enum RelativeURL {
    /// `from` and `to` are paths from the site root: directories end in `/`
    /// (`en/guides/foo/`), files do not (`assets/style.css`).
    public static func between(from: String, to: String) -> String {
        // Byte-level walk: this runs for every link of every page, so it
        // avoids splitting into arrays of substrings.
        let a = Array(from.utf8), b = Array(to.utf8)
        let slash = UInt8(ascii: "/")
        // The directory part of `from`: up to and including its last slash.
        var fromEnd = a.count
        while fromEnd > 0 && a[fromEnd - 1] != slash { fromEnd -= 1 }
        // Longest common prefix ending at a slash.
        var common = 0, i = 0
        while i < fromEnd && i < b.count && a[i] == b[i] {
            if a[i] == slash { common = i + 1 }
            i += 1
        }
        var ups = 0
        for k in common..<fromEnd where a[k] == slash { ups += 1 }
        var result = [UInt8]()
        result.reserveCapacity(ups * 3 + b.count - common + 2)
        for _ in 0..<ups { result.append(contentsOf: [0x2E, 0x2E, slash]) }
        result.append(contentsOf: b[common...])
        if result.isEmpty { return "./" }
        return String(decoding: result, as: UTF8.self)
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
