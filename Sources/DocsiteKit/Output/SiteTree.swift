import Foundation

/// The whole output in memory: relative path -> bytes. Writing happens only
/// after everything rendered, so a failure never leaves half a site.
public struct SiteTree: Sendable {
    public private(set) var files: [String: Data] = [:]

    public init() {}

    public mutating func add(_ path: String, _ data: Data) { files[path] = data }

    public var paths: [String] { files.keys.sorted() }
    public var count: Int { files.count }
}
