import Foundation

/// What the render stage hands the write stage: files not yet staged
/// (relative path -> bytes) and files kept from the previous output. A
/// build stages each page as it is laid out (`SiteWriter`), so only assets
/// and generated files wait here; without a writer (tests, fuzzing) every
/// page does. The output is swapped in only after all of it is staged.
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
