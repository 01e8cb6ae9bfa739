import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write stage. Everything new is first written to a temporary folder
/// beside the output, so any failure while writing leaves the previous site
/// exactly as it was. Then either the whole folder is swapped in (first
/// build, or when the search indexer must see the complete site), or only
/// the changed files are moved into place one by one with atomic renames
/// and removed pages deleted: an edit to one page touches one file instead
/// of relinking and deleting thousands.
public struct SiteWriter {
    public var root: URL
    public var out: URL
    /// Called before each file is written; tests throw from it to simulate a
    /// failure halfway through.
    public var beforeEachFile: ((String) throws -> Void)?
    /// Runs on the complete staging folder before it is swapped in (the
    /// search indexer); a failure keeps the previous output.
    public var afterWriting: ((URL) throws -> Void)?

    public init(root: URL, out: URL, beforeEachFile: ((String) throws -> Void)? = nil,
                afterWriting: ((URL) throws -> Void)? = nil) {
        self.root = root.standardizedFileURL
        self.out = out.standardizedFileURL
        self.beforeEachFile = beforeEachFile
        self.afterWriting = afterWriting
    }

    public func write(_ tree: SiteTree) throws(DiagnosticsError) {
        try refuseDangerousOutput()
        let parent = out.deletingLastPathComponent()
        let name = out.lastPathComponent
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(parent.path): \(error.localizedDescription)")
        }
        let lock = try BuildLock(path: parent.appendingPathComponent(".\(name).lock").path, output: displayPath(out))
        defer { lock.release() }
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(name).tmp-\(suffix)")
        var isDirectory: ObjCBool = false
        if afterWriting == nil, FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory), isDirectory.boolValue {
            try updateInPlace(tree, staging: staging)
            return
        }
        try swapIn(tree, staging: staging, retired: parent.appendingPathComponent(".\(name).old-\(suffix)"))
    }

    func swapIn(_ tree: SiteTree, staging: URL, retired: URL) throws(DiagnosticsError) {
        do {
            try writeFiles(tree, into: staging)
            try afterWriting?(staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw failure("writing the site failed, previous output kept: \(error)")
        }
        let fm = FileManager.default
        let hadOutput = fm.fileExists(atPath: out.path)
        do {
            if hadOutput { try fm.moveItem(at: out, to: retired) }
            try fm.moveItem(at: staging, to: out)
        } catch {
            if hadOutput && !fm.fileExists(atPath: out.path) { try? fm.moveItem(at: retired, to: out) }
            try? fm.removeItem(at: staging)
            throw failure("swapping in the new site failed, previous output kept: \(error.localizedDescription)")
        }
        try? fm.removeItem(at: retired)
    }

    func updateInPlace(_ tree: SiteTree, staging: URL) throws(DiagnosticsError) {
        let fm = FileManager.default
        let existing = Set(listFiles(out))
        var staged: [String] = []
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for path in tree.paths {
                try beforeEachFile?(path)
                guard let data = tree.files[path] else { continue }
                // Same bytes already published: leave the file alone.
                if existing.contains(path), fm.contents(atPath: out.appendingPathComponent(path).path) == data { continue }
                let target = staging.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target)
                staged.append(path)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw failure("writing the site failed, previous output kept: \(error)")
        }
        do {
            for path in staged {
                let target = out.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if rename(staging.appendingPathComponent(path).path, target.path) != 0 {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            }
            let keep = Set(tree.files.keys).union(tree.reused)
            for path in existing.subtracting(keep) { try fm.removeItem(at: out.appendingPathComponent(path)) }
            removeEmptyFolders(out)
        } catch {
            try? fm.removeItem(at: staging)
            throw failure("updating the site failed part-way (run the build again): \(error.localizedDescription)")
        }
        try? fm.removeItem(at: staging)
    }

    func listFiles(_ folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files
    }

    /// Folders left empty by deleted pages (deepest first).
    func removeEmptyFolders(_ folder: URL) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
        var folders: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(path)
            }
        }
        for path in folders.sorted(by: { $0.count > $1.count }) {
            let url = folder.appendingPathComponent(path)
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? FileManager.default.removeItem(at: url) }
        }
    }

    func writeFiles(_ tree: SiteTree, into folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var made: Set<String> = [""]
        // Unchanged pages are hard links to the previous output: no bytes
        // are rewritten, and their modification times stay as they were.
        for path in tree.reused.sorted() {
            let directory = RelativePath.directory(of: path)
            if !made.contains(directory) {
                try fm.createDirectory(at: folder.appendingPathComponent(directory), withIntermediateDirectories: true)
                made.insert(directory)
            }
            let source = out.appendingPathComponent(path).path, target = folder.appendingPathComponent(path).path
            if link(source, target) != 0 { try fm.copyItem(atPath: source, toPath: target) }
        }
        for path in tree.paths {
            try beforeEachFile?(path)
            let directory = RelativePath.directory(of: path)
            if !made.contains(directory) {
                try fm.createDirectory(at: folder.appendingPathComponent(directory), withIntermediateDirectories: true)
                made.insert(directory)
            }
            try tree.files[path]!.write(to: folder.appendingPathComponent(path))
        }
    }

    /// The output folder is replaced wholesale, so it must never be the
    /// repository, an ancestor of it, or a folder holding sources.
    func refuseDangerousOutput() throws(DiagnosticsError) {
        let outPath = out.resolvingSymlinksInPath().path
        let rootPath = root.resolvingSymlinksInPath().path
        func isInside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder + "/") }
        if isInside(rootPath, outPath) {
            throw failure("refusing --out \(out.path): it is the repository root or contains it, and the output folder is replaced on every build")
        }
        for protected in ["content", "charts", "Sources", "Tests", ".git"] {
            if isInside(outPath, rootPath + "/" + protected) {
                throw failure("refusing --out \(out.path): it is inside \(protected)/, which holds sources; choose a folder such as site-out")
            }
        }
        if outPath == "/" || outPath == FileManager.default.homeDirectoryForCurrentUser.path {
            throw failure("refusing --out \(out.path): not a site folder")
        }
    }

    func failure(_ message: String) -> DiagnosticsError {
        DiagnosticsError([.error("output.write", file: displayPath(out), message)])
    }

    func displayPath(_ url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
    }
}

/// An exclusive lock file beside the output: a second build running at the
/// same time fails at once with a clear message instead of mixing files.
struct BuildLock {
    let descriptor: Int32

    init(path: String, output: String) throws(DiagnosticsError) {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticsError([.error("output.locked", file: output, "cannot open lock file \(path)")])
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            throw DiagnosticsError([.error("output.locked", file: output,
                                           "another docsite build is writing \(output) right now; wait for it to finish and run again")])
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
