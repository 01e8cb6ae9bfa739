import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write stage: the tree goes into a temporary folder beside the output
/// and is swapped in only when complete; the old output survives any failure.
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
        let retired = parent.appendingPathComponent(".\(name).old-\(suffix)")
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
