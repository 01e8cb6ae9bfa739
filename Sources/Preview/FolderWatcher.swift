import DocsiteKit
import Foundation
import SystemIO

/// Tells when anything below some folders changes: an edit, a new, deleted
/// or renamed file or folder, an editor's save through a temporary file.
/// Uses inotify: the kernel reports the change at once and an idle watcher
/// costs nothing (one poll of the 10,000-page bench site's 10,817 entries
/// with Foundation's enumerator took 0.46-0.61 s, as long as the 0.5 s
/// poll interval: up to a second of an edit's latency). Where inotify is
/// not available (its limits reached, a file system without it) it falls
/// back to polling.
///
/// `onChange` runs on the watcher's own thread, so a slow handler (a
/// rebuild) is never overlapped: changes made meanwhile wait in the kernel
/// and bring one more call after it. A burst of changes brings one call:
/// the watcher waits until `quiet` has passed without another one.
public final class FolderWatcher: @unchecked Sendable {
    private let folders: [URL]
    private let interval: TimeInterval
    private let quiet: TimeInterval
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var running: Thread?
    private var stopRequested = false
    private let finished = DispatchSemaphore(value: 0)

    /// `interval`: how often the polling fallback looks.
    public init(folders: [URL], interval: TimeInterval = 0.5, quiet: TimeInterval = 0.05, onChange: @escaping @Sendable () -> Void) {
        self.folders = folders.map(\.standardizedFileURL)
        self.interval = interval
        self.quiet = quiet
        self.onChange = onChange
    }

    /// Whether changes are reported by inotify (false: polling).
    public private(set) var usesInotify = false
    /// Polls even where inotify works (tests of the fallback).
    var forcesPolling = false

    public func start() {
        lock.lock(); defer { lock.unlock() }
        guard running == nil else { return }
        // Set up before returning, so a change made right after start() is seen.
        let events = forcesPolling ? nil : InotifyEvents(folders: folders.map(\.path))
        usesInotify = events != nil
        let snapshot = events == nil ? Self.snapshot(of: folders) : [:]
        let thread = Thread { [self] in
            if let events { listen(events) } else { poll(from: snapshot) }
            finished.signal()
        }
        thread.name = "docsite.folder-watcher"
        running = thread
        thread.start()
    }

    /// Stops watching; returns after any running handler has finished.
    public func stop() {
        lock.lock()
        guard running != nil, !stopRequested else { lock.unlock(); return }
        stopRequested = true
        lock.unlock()
        finished.wait()
        lock.lock(); running = nil; stopRequested = false; lock.unlock()
    }

    private var shouldStop: Bool { lock.lock(); defer { lock.unlock() }; return stopRequested }

    private func listen(_ events: InotifyEvents) {
        defer { events.close() }
        while !shouldStop {
            // Woken every 0.1 s to see a stop request.
            guard events.wait(seconds: 0.1) else { continue }
            let started = Date()
            // Until the burst ends (or a second has passed: a steady stream of writes still gets a build).
            while events.wait(seconds: quiet), Date().timeIntervalSince(started) < 1 {}
            if !shouldStop && events.drain() { onChange() }
        }
    }

    private func poll(from start: Snapshot) {
        var last = start
        while !shouldStop {
            Thread.sleep(forTimeInterval: interval)
            let current = Self.snapshot(of: folders)
            if current != last && !shouldStop {
                last = current
                onChange()
            }
        }
    }

    /// Path -> (modification time, size); folders count too so an empty new folder is seen.
    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable {
        var modified: Double
        var size: Int
    }

    static func snapshot(of folders: [URL]) -> Snapshot {
        var snapshot: Snapshot = [:]
        for folder in folders {
            // Editor swap and lock files are hidden; they are not content.
            for entry in FileWalker.walk(folder.path, skipping: { $0.hasPrefix(".") }) {
                var info = stat()
                let path = folder.path + "/" + entry.path
                guard lstat(path, &info) == 0 else { continue }
                // A folder counts by its presence: its time changes with hidden entries too.
                snapshot[path] = entry.kind == .folder ? FileStamp(modified: 0, size: 0)
                    : FileStamp(modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9, size: Int(info.st_size))
            }
        }
        return snapshot
    }
}

/// An inotify instance watching every folder below some folders (inotify
/// watches one folder, not a tree) and the folders' parents, for the
/// folders themselves appearing, going or being replaced. Used by the
/// watcher's one thread only.
final class InotifyEvents: @unchecked Sendable {
    private let descriptor: Int32
    private let roots: [String]
    private var parents: [Int32: Set<String>] = [:]
    private var changed = false
    private static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil when inotify is unavailable or a watch cannot be added.
    init?(folders: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        roots = folders
        for folder in folders {
            let parent = (folder as NSString).deletingLastPathComponent
            let watch = inotify_add_watch(descriptor, parent, UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR))
            guard watch >= 0 else { Glibc.close(descriptor); return nil }
            parents[watch, default: []].insert((folder as NSString).lastPathComponent)
        }
        guard watchTrees() else { Glibc.close(descriptor); return nil }
    }

    func close() { Glibc.close(descriptor) }

    /// Adds a watch on every folder of the trees (again: adding one twice
    /// keeps one; the kernel drops those of deleted folders). False when
    /// the user's watch limit is reached.
    private func watchTrees() -> Bool {
        for root in roots where FileWalker.kind(at: root) == .folder {
            let folders = [root] + FileWalker.walk(root, skipping: { $0.hasPrefix(".") }).filter { $0.kind == .folder }.map { root + "/" + $0.path }
            for folder in folders where inotify_add_watch(descriptor, folder, Self.mask | UInt32(IN_ONLYDIR)) < 0 && errno == ENOSPC {
                return false
            }
        }
        return true
    }

    /// Waits up to `seconds` for events and reads them; true when some came.
    func wait(seconds: TimeInterval) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, Int32(seconds * 1000)) > 0 else { return false }
        read()
        return true
    }

    /// Whether what was read since the last call changes the trees.
    func drain() -> Bool {
        read()
        defer { changed = false }
        return changed
    }

    private func read() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var rescan = false
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let name = String(decoding: buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix(while: { $0 != 0 }), as: UTF8.self)
                offset += 16 + length
                if let watched = parents[watch] {
                    // The parent's other entries (the site's output, build folders) are not watched.
                    guard watched.contains(name) else { continue }
                    rescan = true
                } else if name.hasPrefix(".") {
                    // Editor swap and lock files, dot-folders: never content.
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 && name.isEmpty { continue }
                changed = true
                if mask & UInt32(IN_ISDIR | IN_Q_OVERFLOW | IN_MOVE_SELF) != 0 { rescan = true }
            }
        }
        // A new or moved folder needs watches of its own (and what it holds is a change already).
        if rescan { _ = watchTrees() }
    }
}
