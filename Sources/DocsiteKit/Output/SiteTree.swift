import Foundation

/// The whole output in memory: relative path -> bytes. Writing happens only
/// after everything rendered, so a failure never leaves half a site.
public struct SiteTree: Sendable {
    public private(set) var files: [String: Data] = [:]
    /// Files to carry over unchanged from the previous output.
    public private(set) var reused: Set<String> = []

    public init() {}

    public mutating func add(_ path: String, _ data: Data) {
        files[path] = data
        reused.remove(path)
    }

    public mutating func reuse(_ path: String) {
        files[path] = nil
        reused.insert(path)
    }

    public var paths: [String] { files.keys.sorted() }
    public var count: Int { files.count + reused.count }
}
