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
        // On bytes: this runs for every link of every page (backlinks, link
        // checks), and splitting Strings into Characters dominated builds.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts: [ArraySlice<UInt8>] = []
        let baseBytes = Array(base.utf8), pathBytes = Array(path.utf8)
        for piece in baseBytes.split(separator: slash) { parts.append(piece) }
        for piece in pathBytes.split(separator: slash) {
            if piece.count == 1 && piece.first == dot { continue }
            if piece.count == 2 && piece.first == dot && piece.last == dot {
                if parts.isEmpty { return nil }
                parts.removeLast()
                continue
            }
            parts.append(piece)
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(baseBytes.count + pathBytes.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.append(slash) }
            joined.append(contentsOf: part)
        }
        return String(decoding: joined, as: UTF8.self)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }
}
