import SystemIO
import DocsiteKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The path part of a request target, decoded once and checked segment by
/// segment. Anything that could name a file outside the served folder is
/// refused here, before the file system is asked.
public struct RequestPath: Equatable, Sendable {
    /// Decoded, non-empty segments; never `.`, `..`, or containing `/`, `\`, `%` or NUL.
    public var segments: [String]
    /// The target asked for a folder (`/en/`), not a file.
    public var endsWithSlash: Bool

    public enum Rejection: Error, Equatable {
        /// Not an origin-form target (`/…`), or malformed percent-encoding.
        case malformed
        /// Tries to climb out or to smuggle a separator: answered like a missing file.
        case unsafe
    }

    /// Parses the request target of a request line (`/en/guides/?q=1`).
    public static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? $0 } ?? ""
        guard path.hasPrefix("/") else { return .failure(.malformed) }
        // `//host/…` reads as a network path to browsers; a raw backslash is
        // a separator to some clients.
        if path.hasPrefix("//") || path.contains("\\") { return .failure(.unsafe) }
        var segments: [String] = []
        for rawSegment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch decodeSegment(rawSegment) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let segment): segments.append(segment)
            }
        }
        return .success(RequestPath(segments: segments, endsWithSlash: path.hasSuffix("/")))
    }

    /// Percent-decodes one segment exactly once and refuses what could climb:
    /// `..` in any encoding, encoded separators, NUL, and leftover `%`
    /// (double encoding such as `%252e`).
    static func decodeSegment(_ raw: Substring) -> Result<String, Rejection> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return .failure(.malformed)
            }
            bytes.append(high << 4 | low)
        }
        let forbidden: Set<UInt8> = [0, UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "%")]
        if bytes.contains(where: { forbidden.contains($0) || $0 < 0x20 || $0 == 0x7F }) { return .failure(.unsafe) }
        guard let segment = String(validating: bytes, as: UTF8.self) else { return .failure(.unsafe) }
        if segment == "." || segment == ".." { return .failure(.unsafe) }
        return .success(segment)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Maps request paths to files inside one folder, following symlinks only
/// as long as the real path stays inside it.
public struct StaticFileResolver: Sendable {
    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// A folder asked for without the trailing slash: relative links in
        /// its index.html only work once the browser is at `…/`.
        case redirect(location: String)
        case notFound
    }

    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    public func resolve(_ path: RequestPath) -> Resolution {
        // Resolved per request: a rebuild swaps the whole folder.
        guard let base = Self.realPath(folder.path) else { return .notFound }
        // Dot-files and version-control folders are never served (SourcePolicy).
        if path.segments.contains(where: SourcePolicy.isHidden) { return .notFound }
        let joined = path.segments.reduce(base) { $0 + "/" + $1 }
        guard let real = Self.realPath(joined), Self.isInside(real, base),
              !real.dropFirst(base.count).split(separator: "/").contains(where: SourcePolicy.isHidden) else { return .notFound }
        switch FileWalker.kind(at: real) {
        case .folder:
            guard path.endsWithSlash || path.segments.isEmpty else {
                let location = "/" + path.segments.map(Self.percentEncode).joined(separator: "/") + "/"
                return .redirect(location: location)
            }
            guard let index = Self.realPath(real + "/index.html"), Self.isInside(index, base),
                  FileWalker.kind(at: index) == .file else { return .notFound }
            return .file(URL(fileURLWithPath: index))
        case .file:
            return .file(URL(fileURLWithPath: real))
        case .symlink, .other:
            return .notFound
        }
    }

    /// The site's own 404 page, when it has one inside the folder.
    public func notFoundPage() -> URL? {
        guard let base = Self.realPath(folder.path), let page = Self.realPath(base + "/404.html"),
              Self.isInside(page, base), FileWalker.kind(at: page) == .file else { return nil }
        return URL(fileURLWithPath: page)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    static func percentEncode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%;")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Content type by file extension; unknown files are plain bytes.
    public static func contentType(for url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "ico": return "image/x-icon"
        case "webp": return "image/webp"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "txt": return "text/plain; charset=utf-8"
        case "wasm": return "application/wasm"
        default: return "application/octet-stream"
        }
    }
}
