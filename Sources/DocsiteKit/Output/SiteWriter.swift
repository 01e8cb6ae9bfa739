import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write stage. Pages are staged into a temporary folder beside the
/// output as they are rendered (so the whole site never sits in memory),
/// and nothing published changes until every file is staged: any failure
/// before `commit` leaves the previous site exactly as it was. `commit`
/// then either swaps the whole folder in (first build, or when the search
/// indexer must see the complete site) or moves only the changed files into
/// place with atomic renames and deletes removed pages, so an edit to one
/// page touches one file instead of relinking thousands.
public final class SiteWriter: @unchecked Sendable {
    public let root: URL
    public let out: URL
    /// Called before each file is staged; tests throw from it to simulate
    /// a failure halfway through.
    public let beforeEachFile: ((String) throws -> Void)?
    /// Runs on the complete staging folder before it is swapped in (the
    /// search indexer); a failure keeps the previous output.
    public let afterWriting: ((URL) throws -> Void)?

    private var lock: BuildLock?
    private var staging: URL?
    private var updateInPlace = false
    /// Files of the previous output (known after `begin`, when updating in place).
    public private(set) var published: Set<String> = []
    private var staged: [String] = []
    private var kept: Set<String> = []
    private var folders: Set<String> = []
    private let mutex = NSLock()

    public init(root: URL, out: URL, beforeEachFile: ((String) throws -> Void)? = nil,
                afterWriting: ((URL) throws -> Void)? = nil) {
        self.root = root.standardizedFileURL
        self.out = out.standardizedFileURL
        self.beforeEachFile = beforeEachFile
        self.afterWriting = afterWriting
    }

    /// Stages the files of an in-memory tree.
    public func stage(_ tree: SiteTree) throws {
        for path in tree.paths { if let data = tree.files[path] { try stage(path, data) } }
        for path in tree.reused { reuse(path) }
    }

    /// Checks the output path, takes the lock and makes the staging folder.
    public func begin() throws(DiagnosticsError) {
        try refuseDangerousOutput()
        let fm = FileManager.default
        let parent = out.deletingLastPathComponent()
        let name = out.lastPathComponent
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(parent.path): \(error.localizedDescription)")
        }
        lock = try BuildLock(path: parent.appendingPathComponent(".\(name).lock").path, output: displayPath(out))
        let folder = parent.appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            abort()
            throw failure("cannot create \(folder.path): \(error.localizedDescription)")
        }
        staging = folder
        var isDirectory: ObjCBool = false
        let hasOutput = fm.fileExists(atPath: out.path, isDirectory: &isDirectory) && isDirectory.boolValue
        updateInPlace = afterWriting == nil && hasOutput
        if hasOutput { published = Set(listFiles(out)) }
    }

    /// Stages one file; safe to call from many threads at once.
    public func stage(_ path: String, _ data: Data) throws {
        guard let staging else { throw CocoaError(.fileWriteUnknown) }
        if let beforeEachFile {
            mutex.lock()
            defer { mutex.unlock() }
            try beforeEachFile(path)
        }
        // Same bytes already published: leave the published file alone.
        if updateInPlace, published.contains(path), FileManager.default.contents(atPath: out.appendingPathComponent(path).path) == data {
            record { kept.insert(path) }
            return
        }
        try makeFolder(RelativePath.directory(of: path), in: staging)
        try PlainFile.write(data, to: staging.path + "/" + path)
        record { staged.append(path); kept.insert(path) }
    }

    /// Keeps a file of the previous output as it is.
    public func reuse(_ path: String) {
        record { kept.insert(path) }
    }

    /// Publishes what was staged.
    public func commit() throws(DiagnosticsError) {
        defer { abort() }
        guard let staging else { throw failure("nothing staged") }
        if updateInPlace {
            try moveIntoPlace(from: staging)
        } else {
            try swapIn(staging)
        }
    }

    /// Drops the staging folder and the lock; published files are untouched.
    public func abort() {
        if let staging { try? FileManager.default.removeItem(at: staging) }
        staging = nil
        lock?.release()
        lock = nil
    }

    private func record(_ change: () -> Void) {
        mutex.lock()
        defer { mutex.unlock() }
        change()
    }

    /// Makes `relative` and its missing ancestors below `base`, remembering
    /// what exists so each folder costs one system call per build.
    private func makeFolder(_ relative: String, in base: URL) throws {
        guard !relative.isEmpty else { return }
        mutex.lock()
        let known = folders.contains(relative)
        mutex.unlock()
        if known { return }
        try makeFolder(RelativePath.directory(of: relative), in: base)
        try PlainFile.makeFolder(base.path + "/" + relative)
        record { folders.insert(relative) }
    }

    private func swapIn(_ staging: URL) throws(DiagnosticsError) {
        let fm = FileManager.default
        let retired = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            // Unchanged pages become hard links to the previous output: no
            // bytes are rewritten and their modification times stay.
            for path in kept.subtracting(staged).sorted() {
                try makeFolder(RelativePath.directory(of: path), in: staging)
                let source = out.appendingPathComponent(path).path, target = staging.appendingPathComponent(path).path
                if link(source, target) != 0 { try fm.copyItem(atPath: source, toPath: target) }
            }
            try afterWriting?(staging)
        } catch {
            throw failure("writing the site failed, previous output kept: \(error)")
        }
        let hadOutput = fm.fileExists(atPath: out.path)
        do {
            if hadOutput { try fm.moveItem(at: out, to: retired) }
            try fm.moveItem(at: staging, to: out)
        } catch {
            if hadOutput && !fm.fileExists(atPath: out.path) { try? fm.moveItem(at: retired, to: out) }
            throw failure("swapping in the new site failed, previous output kept: \(error.localizedDescription)")
        }
        try? fm.removeItem(at: retired)
    }

    private func moveIntoPlace(from staging: URL) throws(DiagnosticsError) {
        let fm = FileManager.default
        do {
            for path in staged {
                let target = out.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if rename(staging.appendingPathComponent(path).path, target.path) != 0 {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            }
            let removed = published.subtracting(kept)
            for path in removed { try fm.removeItem(at: out.appendingPathComponent(path)) }
            if !removed.isEmpty { removeEmptyFolders(out) }
        } catch {
            throw failure("updating the site failed part-way (run the build again): \(error.localizedDescription)")
        }
    }

    func listFiles(_ folder: URL) -> [String] {
        FileWalker.walk(folder.path).filter { $0.kind == .file }.map(\.path)
    }

    /// Folders left empty by deleted pages (deepest first).
    func removeEmptyFolders(_ folder: URL) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
        var found: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), isDirectory.boolValue {
                found.append(path)
            }
        }
        for path in found.sorted(by: { $0.count > $1.count }) {
            let url = folder.appendingPathComponent(path)
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? FileManager.default.removeItem(at: url) }
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
