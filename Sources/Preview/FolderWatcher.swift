import DocsiteKit
import Foundation

/// Polls folders for changes: every file's size and modification time,
/// compared with the previous poll. Polling needs no inotify and sees
/// edits, creations, deletions and renames alike; a docs tree is small
/// enough to walk twice a second.
public final class FolderWatcher: @unchecked Sendable {
    /// Path -> (modification time, size); folders count too so an empty new folder is seen.
    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable {
        var modified: Double
        var size: Int
    }

    private let folders: [URL]
    private let interval: TimeInterval
    private let onChange: @Sendable () -> Void
    private let queue = DispatchQueue(label: "docsite.folder-watcher")
    private var timer: DispatchSourceTimer?
    private var last: Snapshot = [:]

    /// `onChange` runs on the watcher's own serial queue, so a slow handler
    /// (a rebuild) delays the next poll instead of overlapping with it.
    public init(folders: [URL], interval: TimeInterval = 0.5, onChange: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.interval = interval
        self.onChange = onChange
    }

    public func start() {
        queue.sync {
            guard timer == nil else { return }
            last = Self.snapshot(of: folders)
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
            timer.setEventHandler { [weak self] in self?.poll() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Stops polling; returns after any running handler has finished.
    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
        }
    }

    private func poll() {
        guard timer != nil else { return }
        let current = Self.snapshot(of: folders)
        guard current != last else { return }
        last = current
        onChange()
    }

    static func snapshot(of folders: [URL]) -> Snapshot {
        var snapshot: Snapshot = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                              // Editor swap and lock files are hidden; they are not content.
                                                              options: [.skipsHiddenFiles], errorHandler: { _, _ in true }) else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: Set(keys))
                snapshot[url.path] = FileStamp(modified: values?.contentModificationDate?.timeIntervalSince1970 ?? 0,
                                               size: values?.fileSize ?? 0)
            }
        }
        return snapshot
    }
}
