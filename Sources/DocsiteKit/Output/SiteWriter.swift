import SystemIO
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write stage. Pages are staged into a temporary folder beside the
/// output as they are rendered (so the whole site never sits in memory),
/// and nothing published changes until every file is staged: any failure
/// before `commit` leaves the previous site exactly as it was. `commit`
/// brings the mirror beside the output (the site before the current one)
/// up to date as the complete new site, and switches it with the output in
/// one step: on Linux an atomic `renameat2(RENAME_EXCHANGE)`, so a reader
/// or a `kill -9` sees either the old or the new site, never a mix.
/// Unchanged files are hard links shared by both trees: they are not
/// rewritten and keep their times. Staging folders an interrupted build
/// left behind are removed by the next build, and a half-updated mirror is
/// put right by it.
///
/// `out` is replaced wholesale, so it must be a folder docsite made (it
/// holds the `.docsite-output` marker), an empty folder or a new one.
public final class SiteWriter: @unchecked Sendable {
    /// The file that marks a folder as docsite's output (published with the site).
    public static let marker = ".docsite-output"
    static let markerText = "docsite output folder: replaced on every build\n"

    public let root: URL
    /// The real path of the output folder (symbolic links resolved), so two
    /// spellings of one folder share the lock, the cache and the checks.
    public let out: URL
    /// Called before each file is staged; tests throw from it to simulate
    /// a failure halfway through.
    public let beforeEachFile: ((String) throws -> Void)?
    /// Runs on the complete site before it is swapped in (the search
    /// indexer), given the shards holding an HTML page added, changed or
    /// removed since the published site; a failure keeps the previous output.
    public let afterWriting: ((URL, Set<Int>) throws -> Void)?
    /// The folder `afterWriting` writes (`pagefind`), made from the site's
    /// HTML files alone: when none was added, changed or removed and the
    /// published folder is the one the last build recorded, it is kept as
    /// published and `afterWriting` does not run.
    public let derived: DerivedFolder?
    /// Files of the derived folder in the site being published.
    private var derivedFiles: Set<String> = []

    private var lock: BuildLock?
    private var staging: URL?
    /// Files of the previous output (known after `begin`).
    public private(set) var published: Set<String> = []
    private var staged: Set<String> = []
    private var kept: Set<String> = []
    private var folders: Set<String> = []
    private let mutex = NSLock()
    /// Published files this build found to be the files the last build
    /// recorded, with their stamps (`noteVerified`).
    private var verifiedStamps: [String: String] = [:]
    /// Kept files `commit` linked into the mirror (their change time moved).
    private var relinked: Set<String> = []
    /// The folders of the site `commit` published, when it made them.
    private var siteFolders: Set<String>?
    /// Folders of the published site whose stamps are known without a
    /// system call (as verified against the cache, and not touched since),
    /// and the folders `commit` changed an entry in.
    private var verifiedFolderStamps: [String: String] = [:]
    private var touchedFolders: Set<String> = []

    /// What the last build recorded of the output it published, and of the
    /// mirror beside it, if anything.
    public let recorded: RecordedOutput?
    public let recordedMirror: RecordedOutput?
    /// The mirror after `commit`, as the next build's `recordedMirror`: the
    /// site this build replaced, listed as `begin` found it verified against
    /// the record (nil when `begin` had to read the folders instead).
    public private(set) var mirrorRecord: RecordedOutput?
    /// The previous output's list came from `recorded`, verified.
    private var publishedAsRecorded = false

    public init(root: URL, out: URL, beforeEachFile: ((String) throws -> Void)? = nil,
                afterWriting: ((URL, Set<Int>) throws -> Void)? = nil, derived: DerivedFolder? = nil,
                recorded: RecordedOutput? = nil, recordedMirror: RecordedOutput? = nil) {
        self.root = root.standardizedFileURL
        self.out = OutputFolder.realPath(out)
        self.beforeEachFile = beforeEachFile
        self.afterWriting = afterWriting
        self.derived = derived
        self.recorded = recorded
        self.recordedMirror = recordedMirror
    }

    /// Stages the files of an in-memory tree.
    public func stage(_ tree: SiteTree) throws {
        for path in tree.paths { if let data = tree.files[path] { try stage(path, data) } }
        for path in tree.reused { reuse(path) }
    }

    /// Checks the output path, takes the lock, removes what an interrupted
    /// build left and makes the staging folder.
    public func begin() throws(DiagnosticsError) {
        try refuseDangerousOutput()
        try refuseForeignOutput()
        let fm = FileManager.default
        let parent = out.deletingLastPathComponent()
        let name = out.lastPathComponent
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(parent.path): \(error.localizedDescription)")
        }
        lock = try BuildLock(path: OutputFolder.lockFile(of: out), output: displayPath(out))
        // Holding the lock, no other build is using these: they are leftovers.
        for leftover in OutputFolder.leftovers(of: out) { PlainFile.removeTree(leftover) }
        let folder = parent.appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            abort()
            throw failure("cannot create \(folder.path): \(error.localizedDescription)")
        }
        staging = folder
        // Reading every folder of a 10,000-page output took 0.05 s; the
        // recorded list is as good while no folder changed.
        if let listed = recorded?.listing(in: out), let recorded {
            published = listed
            publishedAsRecorded = true
            verifiedFolderStamps = recorded.folders
        } else {
            published = Set(listFiles(out))
        }
        published.remove(Self.marker)
    }

    /// Stages one file; safe to call from many threads at once.
    public func stage(_ path: String, _ data: Data) throws {
        guard let staging else { throw CocoaError(.fileWriteUnknown) }
        if let beforeEachFile {
            mutex.lock()
            defer { mutex.unlock() }
            try beforeEachFile(path)
        }
        // Same bytes already published: link the published file at commit.
        if published.contains(path), PlainFile.read(out.path + "/" + path).map({ Data($0) == data }) == true {
            reuse(path)
            return
        }
        try makeFolder(RelativePath.directory(of: path), in: staging)
        try PlainFile.write(data, to: staging.path + "/" + path)
        record { staged.insert(path) }
    }

    /// Keeps a file of the previous output as it is.
    public func reuse(_ path: String) {
        record { kept.insert(path) }
    }

    /// Keeps files of the previous output as they are.
    public func reuse(_ paths: some Sequence<String>) {
        record { kept.formUnion(paths) }
    }

    /// Published files whose stamps this build checked against the cache
    /// (path -> stamp): `commit` and `stamps` trust these instead of
    /// asking the file system about each again.
    public func noteVerified(_ stamps: [String: String]) {
        record { verifiedStamps.merge(stamps) { _, new in new } }
    }

    /// Publishes what was staged.
    public func commit() throws(DiagnosticsError) {
        defer { abort() }
        guard let staging else { throw failure("nothing staged") }
        guard FileManager.default.fileExists(atPath: out.path) else { return try publishFirst(staging) }
        let shards = keepDerivedFolderOrListChangedShards()
        if shards == nil, publishedSiteIsCurrent() {
            mirrorRecord = recordedMirror  // not touched
            return
        }
        try swapIn(try complete(staging, rebuilding: shards))
        // The replaced site is the mirror now, its folders as `begin` verified
        // them (this build only links its files; the swap renames its top
        // folder, which changes nothing but that folder's change time).
        if publishedAsRecorded, var record = recorded {
            record.renamed = true
            mirrorRecord = record
        }
    }

    /// Nothing staged and nothing removed: the published site already is
    /// the new one, so neither it nor the mirror is touched. Bringing the
    /// mirror up to date would relink every file that changed in the last
    /// build, the search index's 10,000 files after an edit. (A marker
    /// removed by hand is written again by a full publish.)
    private func publishedSiteIsCurrent() -> Bool {
        staged.isEmpty && kept == published && FileManager.default.fileExists(atPath: out.path + "/" + Self.marker)
    }

    /// No published site yet: the staging folder is the whole site and is
    /// renamed into place (a mirror left from an older output is dropped).
    private func publishFirst(_ staging: URL) throws(DiagnosticsError) {
        PlainFile.removeTree(mirror.path)
        do {
            try PlainFile.write(Data(Self.markerText.utf8), to: staging.path + "/" + Self.marker)
            try afterWriting?(staging, [])
            noteDerivedFiles(in: staging)
        } catch {
            throw failure("writing the site failed: \(error)")
        }
        if rename(staging.path, out.path) != 0 {
            throw failure("publishing the site failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Drops the staging folder and the lock; published files are untouched.
    public func abort() {
        if let staging { PlainFile.removeTree(staging.path) }
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

    /// The previous site, kept beside the output (`.<name>.prev`): each
    /// build brings it up to date as the new complete site and swaps it in,
    /// and the site it replaces becomes the next build's mirror. Unchanged
    /// files are hard links shared by both trees, so bringing it up to date
    /// touches only what changed in the last two builds instead of linking
    /// and deleting every file of the site on every build.
    public var mirror: URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).prev")
    }

    /// Makes the mirror a whole site (staged files moved in, unchanged files
    /// linked to the published ones, the rest removed, the marker added),
    /// then runs the indexer on it.
    private func complete(_ staging: URL, rebuilding shards: Set<Int>?) throws(DiagnosticsError) -> URL {
        do {
            try PlainFile.makeFolder(mirror.path)
            try synchronise(mirror, from: staging)
            if let shards {
                try afterWriting?(mirror, shards)
                noteDerivedFiles(in: mirror)
            }
        } catch {
            throw failure("writing the site failed, previous output kept: \(error)")
        }
        return mirror
    }

    /// Keeps the published derived folder when no HTML page was added,
    /// changed or removed and its files are the ones the last build
    /// recorded (nil: indexing is not needed; 10,000 pages take Pagefind
    /// about 40 s of CPU). Else the shards holding such pages.
    private func keepDerivedFolderOrListChangedShards() -> Set<Int>? {
        guard let derived, afterWriting != nil else { return nil }
        let prefix = derived.folder + "/"
        let isPage = { (path: String) in path.hasSuffix(".html") && !path.hasPrefix(prefix) }
        let site = kept.union(staged)
        let changed = Set((staged.filter(isPage) + published.filter { isPage($0) && !site.contains($0) }).map(derived.shards.shard(of:)))
        let files = published.filter { $0.hasPrefix(prefix) }
        let recorded = Set(derived.previousStamps.keys.filter { $0.hasPrefix(prefix) })
        if changed.isEmpty, !files.isEmpty, files == recorded,
           files.allSatisfy({ OutputFolder.stamp(out.path + "/" + $0) == derived.previousStamps[$0] }) {
            record { kept.formUnion(files) }
            noteVerified(derived.previousStamps.filter { files.contains($0.key) })
            return nil
        }
        return changed
    }

    private func noteDerivedFiles(in site: URL) {
        guard let derived else { return }
        let files = FileWalker.walk(site.path + "/" + derived.folder).filter { $0.kind == .file }.map { derived.folder + "/" + $0.path }
        record { derivedFiles = Set(files) }
    }

    /// Compares every file, so a mirror left half-updated by an interrupted
    /// build is put right too. Entries are replaced, never written through:
    /// a file shared with the published site is never modified.
    private func synchronise(_ mirror: URL, from staging: URL) throws {
        let base = mirror.path
        var site = kept.union(staged)
        site.insert(Self.marker)
        // The mirror as recorded (every folder verified) gives each file's
        // inode: a kept file is already shared with the published site
        // when the two inodes agree, which takes no system call.
        let recorded = recordedMirror.flatMap { record in record.entries(in: mirror).map { (record, $0) } }
        let existing = recorded?.1 ?? FileWalker.walk(base)
        let mirrorStamps = recorded?.0.files ?? [:]
        var touched: Set<String> = [""]
        for entry in existing where entry.kind != .folder && !site.contains(entry.path) {
            unlink(base + "/" + entry.path)
            touched.insert(RelativePath.directory(of: entry.path))
        }
        let existingFolders = Set(existing.lazy.filter { $0.kind == .folder }.map(\.path))
        let neededFolders = OutputFolder.folders(holding: site)
        // Parents first (a parent's path is shorter).
        for folder in neededFolders.subtracting(existingFolders).sorted(by: { $0.count < $1.count }) {
            try PlainFile.makeFolder(base + "/" + folder)
            touched.formUnion([folder, RelativePath.directory(of: folder)])
        }
        for path in staged {
            if rename(staging.path + "/" + path, base + "/" + path) != 0 {
                throw PlainFile.Failure(path: base + "/" + path, operation: "cannot move into place", code: errno)
            }
            touched.insert(RelativePath.directory(of: path))
        }
        var linked: Set<String> = []
        for path in kept where !staged.contains(path) {
            let shared = if let published = verifiedStamps[path], let mirrored = mirrorStamps[path] {
                OutputFolder.inode(ofStamp: published) == OutputFolder.inode(ofStamp: mirrored)
            } else {
                OutputFolder.sameFile(out.path + "/" + path, base + "/" + path)
            }
            if shared { continue }
            try PlainFile.link(out.path + "/" + path, to: base + "/" + path)
            linked.insert(path)
            touched.insert(RelativePath.directory(of: path))
        }
        unlink(base + "/" + Self.marker)
        try PlainFile.write(Data(Self.markerText.utf8), to: base + "/" + Self.marker)
        // Folders of removed pages, deepest first.
        for folder in existingFolders.subtracting(neededFolders).sorted(by: { $0.count > $1.count }) {
            rmdir(base + "/" + folder)
            touched.insert(RelativePath.directory(of: folder))
        }
        record {
            relinked = linked
            siteFolders = neededFolders
            verifiedFolderStamps = recorded?.0.folders ?? [:]
            touchedFolders = touched
        }
    }

    /// Replaces the published site by the complete mirror in one step; the
    /// mirror then holds the previous site.
    private func swapIn(_ mirror: URL) throws(DiagnosticsError) {
        let fm = FileManager.default
        if OutputFolder.exchange(mirror.path, out.path) { return }
        // No atomic exchange on this system or file system: three renames.
        let retired = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.moveItem(at: out, to: retired)
            try fm.moveItem(at: mirror, to: out)
        } catch {
            if !fm.fileExists(atPath: out.path) { try? fm.moveItem(at: retired, to: out) }
            throw failure("swapping in the new site failed, previous output kept: \(error.localizedDescription)")
        }
        if rename(retired.path, mirror.path) != 0 { PlainFile.removeTree(retired.path) }
    }

    func listFiles(_ folder: URL) -> [String] {
        FileWalker.walk(folder.path).filter { $0.kind == .file }.map(\.path)
    }

    /// Size, times and inode of every published file, taken after `commit`:
    /// what the build cache records, so the next build reuses a page only
    /// while it is the file this build wrote (an edit changes the
    /// modification or change time; the change time cannot be set back).
    /// (The files this build published are known: no folder is listed.)
    /// A kept file that was neither moved nor linked keeps the stamp it
    /// was verified by: nothing changed its inode, size or times since.
    public func stamps() -> [String: String] {
        OutputFolder.stamps(of: kept.union(staged).union(derivedFiles), in: out, OutputFolder.stamp) { path in
            staged.contains(path) || relinked.contains(path) ? nil : verifiedStamps[path]
        }
    }

    /// Stamps of the published site's folders ("" the output itself),
    /// taken after `commit`. A folder nothing changed an entry in since it
    /// was verified keeps that stamp; the indexer's folders are new.
    public func folderStamps() -> [String: String] {
        let derivedFolders = OutputFolder.folders(holding: derivedFiles)
        let folders = (siteFolders ?? OutputFolder.folders(holding: kept.union(staged))).union(derivedFolders)
        return OutputFolder.stamps(of: folders.union([""]), in: out, OutputFolder.folderStamp) { folder in
            folder.isEmpty || touchedFolders.contains(folder) || derivedFolders.contains(folder) ? nil : verifiedFolderStamps[folder]
        }
    }

    /// The output folder is replaced wholesale, so it must never be the
    /// repository, an ancestor of it, or a folder holding sources.
    func refuseDangerousOutput() throws(DiagnosticsError) {
        let outPath = out.path
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
        let home = FileManager.default.homeDirectoryForCurrentUser.resolvingSymlinksInPath().path
        if outPath == "/" || isInside(home, outPath) {
            throw failure("refusing --out \(out.path): not a site folder")
        }
    }

    /// Only a folder docsite made (marker), an empty folder or a new path
    /// may be replaced: anything else is somebody's data.
    func refuseForeignOutput() throws(DiagnosticsError) {
        var info = stat()
        guard lstat(out.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw failure("refusing --out \(out.path): it exists and is not a folder; docsite replaces its output folder on every build")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [""]
        if entries.isEmpty || entries.contains(Self.marker) { return }
        // Made by a docsite from before the marker: its build cache is beside it.
        if FileManager.default.fileExists(atPath: BuildCache.location(out: out).path) { return }
        throw failure("refusing --out \(out.path): the folder is not empty and was not made by docsite (no \(Self.marker) in it), "
                      + "and the output folder is replaced on every build; choose a new folder or empty this one")
    }

    func failure(_ message: String) -> DiagnosticsError {
        DiagnosticsError([.error(.outputWrite, file: displayPath(out), message)])
    }

    func displayPath(_ url: URL) -> String {
        let rootPath = root.resolvingSymlinksInPath().path + "/"
        let plain = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for prefix in [plain, rootPath] where url.path.hasPrefix(prefix) { return String(url.path.dropFirst(prefix.count)) }
        return url.path
    }
}

/// The output a build published, as the next build finds it in the cache:
/// each file's stamp and each folder's ("" the output itself).
public struct RecordedOutput: Sendable, Equatable {
    public var files: [String: String]
    public var folders: [String: String]
    /// The top folder was renamed since (swapped out to be the mirror): its
    /// change time is not compared, its modification time and inode are.
    public var renamed = false

    public init(files: [String: String], folders: [String: String], renamed: Bool = false) {
        self.files = files
        self.folders = folders
        self.renamed = renamed
    }

    /// The recorded files, when every recorded folder keeps its stamp (one
    /// lstat each): then no entry was added, removed or renamed in any of
    /// them, nor a folder made in one, since the list was taken.
    public func listing(in out: URL) -> Set<String>? {
        guard !folders.isEmpty else { return nil }
        let base = out.path + "/"
        let intact = Array(folders).concurrentMap { folder, stamp in
            guard let now = OutputFolder.folderStamp(base + folder) else { return false }
            return renamed && folder.isEmpty ? Self.withoutChangeTime(now) == Self.withoutChangeTime(stamp) : now == stamp
        }
        return intact.allSatisfy { $0 } ? Set(files.keys) : nil
    }

    /// `mtime:ctime:inode` -> `mtime:inode`.
    static func withoutChangeTime(_ stamp: String) -> String {
        let parts = stamp.split(separator: ":")
        return parts.count == 3 ? "\(parts[0]):\(parts[2])" : stamp
    }

    /// `listing` as the entries a walk of `folder` would give (files and folders).
    func entries(in folder: URL) -> [FileWalker.Entry]? {
        guard let files = listing(in: folder) else { return nil }
        return files.map { FileWalker.Entry(path: $0, kind: .file) }
            + folders.keys.filter { !$0.isEmpty }.map { FileWalker.Entry(path: $0, kind: .folder) }
    }

    /// The output is exactly what was recorded: the same names, and every
    /// file still the one written (a file edited in place changes its stamp);
    /// one lstat per file, on every core.
    public func isIntact(in out: URL) -> Bool {
        let base = out.path + "/"
        guard listing(in: out) != nil else { return false }
        return Array(files).concurrentMap { OutputFolder.stamp(base + $0.key) == $0.value }.allSatisfy { $0 }
    }
}

/// A folder of the site made from its HTML files after they are written
/// (the search index), and the stamps the last build recorded for it.
public struct DerivedFolder: Sendable {
    public var folder: String
    public var previousStamps: [String: String]
    public var shards: SearchShards

    public init(folder: String, previousStamps: [String: String], shards: SearchShards = SearchShards(count: 1)) {
        self.folder = folder
        self.previousStamps = previousStamps
        self.shards = shards
    }
}

/// Where the output lives on disk, and the one-step switch between sites.
public enum OutputFolder {
    /// `url` with every symbolic link resolved, also when its last parts do
    /// not exist yet: the key of the lock, the cache and every check.
    public static func realPath(_ url: URL) -> URL {
        let standard = url.standardizedFileURL
        if let resolved = realpath(standard.path, nil) {
            defer { free(resolved) }
            return URL(fileURLWithPath: String(cString: resolved))
        }
        let parent = standard.deletingLastPathComponent()
        guard parent.path != standard.path else { return standard }
        return realPath(parent).appendingPathComponent(standard.lastPathComponent)
    }

    /// The lock file beside `out` that a build holds while it changes anything.
    public static func lockFile(of out: URL) -> String {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).lock").path
    }

    /// Staging (`.<name>.tmp-*`) and retired (`.<name>.old-*`) folders beside `out`.
    static func leftovers(of out: URL) -> [String] {
        let parent = out.deletingLastPathComponent().path
        let prefixes = [".\(out.lastPathComponent).tmp-", ".\(out.lastPathComponent).old-"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.filter { name in prefixes.contains { name.hasPrefix($0) } }.map { parent + "/" + $0 }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (the Swift Glibc module does not export it).
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// `size:mtime:ctime:inode` of a file (lstat: a symbolic link is not followed), nil when missing.
    public static func stamp(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec):\(info.st_ino)"
    }

    /// The folders (relative, not "") that hold `files` and their parents.
    static func folders(holding files: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for file in files {
            var folder = RelativePath.directory(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = RelativePath.directory(of: folder) }
        }
        return folders
    }

    /// `stamp` of each path below `out` that has one, on every core; a
    /// path whose stamp is `known` is not asked of the file system again.
    static func stamps(of paths: some Sequence<String>, in out: URL, _ stamp: @Sendable (String) -> String?,
                       known: (String) -> String? = { _ in nil }) -> [String: String] {
        var result: [String: String] = [:]
        var unknown: [String] = []
        for path in paths {
            if let value = known(path) { result[path] = value } else { unknown.append(path) }
        }
        let base = out.path + "/"
        for (path, value) in zip(unknown, unknown.concurrentMap { stamp(base + $0) }) { if let value { result[path] = value } }
        return result
    }

    /// `mtime:ctime:inode` of a folder (lstat), nil when it is not one: an
    /// entry added, removed or renamed in it changes its times.
    public static func folderStamp(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec):\(info.st_ino)"
    }

    /// The inode of a `stamp` (its last field).
    static func inode(ofStamp stamp: String) -> Substring {
        stamp.utf8.lastIndex(of: UInt8(ascii: ":")).map { stamp[stamp.index(after: $0)...] } ?? Substring(stamp)
    }

    /// Both paths name the same file (inode), without following links.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard lstat(a, &first) == 0, lstat(b, &second) == 0 else { return false }
        return first.st_ino == second.st_ino && first.st_dev == second.st_dev
    }

    /// Swaps two existing paths atomically; false when the system or the
    /// file system cannot (the caller then falls back to two renames).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        let atCurrentDirectory: Int32 = -100, renameExchange: UInt32 = 2
        guard let renameat2 else { return false }
        return renameat2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}

/// An exclusive lock file beside the output: a second build running at the
/// same time fails at once with a clear message instead of mixing files.
struct BuildLock {
    let lock: FileLock

    init(path: String, output: String) throws(DiagnosticsError) {
        switch FileLock.acquire(path) {
        case .success(let lock): self.lock = lock
        case .failure(.cannotOpen):
            throw DiagnosticsError([.error(.outputLocked, file: output, "cannot open lock file \(path)")])
        case .failure(.held):
            throw DiagnosticsError([.error(.outputLocked, file: output,
                                           "another docsite build is writing \(output) right now; wait for it to finish and run again")])
        }
    }

    func release() { lock.release() }
}
