import SystemIO
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything a build reads, summed up from file metadata before anything
/// is loaded: when it equals what the last build recorded and the output is
/// still the one it published, the build has nothing to do (reading and
/// hashing 10,000 pages to find that out took over a second).
///
/// The scan covers every file and folder below `content/` and `charts/`
/// (a folder's times change when an entry is added, removed or renamed),
/// the commit git reports for the root (it decides "last updated" and the
/// translation history), and the settings: this executable, search on or
/// off with the Pagefind found, the shard count, the output path and the
/// environment variables that locate git and Pagefind.
struct BuildInputs: Equatable {
    /// Hash of every input's identity, in scan order.
    var digest: String
    /// False when an input's modification or change time is not older than
    /// the clock when the scan began (git's "racily clean" entries): a write
    /// later in that same clock tick could leave all of its stamp as it was,
    /// so such a scan proves nothing and the next build must be a real one.
    var provable: Bool
    /// The stamp of each regular file below `content/` (`content/en/x.md`)
    /// whose times are older than the scan: the load stage takes a cached
    /// page whose recorded stamp is the same without reading its file. A
    /// file stamped in the scan's clock tick, or a symbolic link (what it
    /// leads to may change under the same stamp), is left out.
    var settledStamps: [String: String] = [:]

    /// The folders the loaders read below the root: `content/` (pages,
    /// site.yaml, UI words, overlays, translations, the matrix) and
    /// `charts/` (charts, values, schemas, custom resources, common values).
    static let folders = ["content", "charts"]

    /// Scans `root`; `settings` are the build's options as text, `tools`
    /// the programs it runs (Pagefind), stamped like the inputs.
    static func scan(root: URL, settings: [String], tools: [String] = []) -> BuildInputs {
        // Read first: every stamp taken after this is compared with it.
        let start = coarseClock()
        let commit = gitCommit(root: root)
        var scan = Scanner()
        for setting in settings { scan.builder.add(setting) }
        for tool in tools { scan.add(tool, as: "tool " + tool) }
        for name in ["PATH", "PAGEFIND", "GIT_DIR", "GIT_WORK_TREE"] {
            scan.builder.add("\(name)=\(ProcessInfo.processInfo.environment[name] ?? "-")")
        }
        for folder in folders {
            let base = root.path + "/" + folder
            scan.add(base, as: folder)
            for entry in FileWalker.walk(base) { scan.add(base + "/" + entry.path, as: folder + "/" + entry.path) }
        }
        scan.builder.add("git " + commit.value)
        return BuildInputs(digest: scan.builder.value, provable: scan.newest < start,
                           settledStamps: scan.regularFiles.filter { $0.value.newest < start && $0.key.hasPrefix("content/") }.mapValues(\.stamp))
    }

    /// The file system's clock (the coarse clock the kernel stamps files
    /// with), in nanoseconds.
    static func coarseClock() -> Int64 {
        var now = timespec()
        clock_gettime(5 /* CLOCK_REALTIME_COARSE */, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// What a file or folder is, without reading it: type, size, times and
    /// inode (lstat; a symbolic link adds what it leads to).
    struct Scanner {
        var builder = FastHash.Builder()
        /// The latest modification or change time seen, in nanoseconds.
        var newest: Int64 = .min
        /// Each regular file's stamp and latest time, by name.
        var regularFiles: [String: (stamp: String, newest: Int64)] = [:]

        mutating func add(_ path: String, as name: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return builder.add(name + " missing") }
            let identity = stamp(info)
            builder.add(name + " " + identity)
            if info.st_mode & S_IFMT == S_IFREG { regularFiles[name] = (identity, Self.newest(info)) }
            if info.st_mode & S_IFMT == S_IFLNK {
                builder.add(stat(path, &info) == 0 ? "-> " + stamp(info) : "-> missing")
            }
        }

        static func newest(_ info: stat) -> Int64 {
            max(Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
        }

        private mutating func stamp(_ info: stat) -> String {
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            newest = max(newest, modified, changed)
            return "\(info.st_mode):\(info.st_size):\(modified):\(changed):\(info.st_ino):\(info.st_dev)"
        }
    }

    /// The commit checked out at the root (`git rev-parse HEAD`), asked on
    /// another thread while the files are scanned; "none" outside a checkout.
    static func gitCommit(root: URL) -> Pending<String> {
        Pending {
            guard let git = GitHistory.findGit() else { return "none" }
            let output = GitHistory.run(git, ["-C", root.path, "rev-parse", "HEAD"])
            return output.status == 0 ? String(decoding: output.stdout, as: UTF8.self) : "none"
        }
    }
}
