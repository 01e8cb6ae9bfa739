import Foundation

/// Earlier versions of files, read from the machine's `git` command (a
/// library of git would be a second implementation to trust; the command
/// is what the repository's owners use). Two processes answer any number
/// of files: one `git log` walk names every version, one
/// `git cat-file --batch` reads them.
public struct GitHistory: Sendable {
    /// Why history cannot be read; `message` is written for the reader.
    public enum Failure: Error, Equatable, Sendable {
        case noGit
        case notACheckout(String)
        case failed(command: String, detail: String)

        /// The same in a few words, for one line of `translations status`.
        public var reason: String {
            switch self {
            case .noGit: return "git not found"
            case .notACheckout: return "not a git checkout"
            case .failed: return "git failed"
            }
        }

        public var message: String {
            switch self {
            case .noGit: return "the git command is not on PATH, so earlier English versions cannot be read"
            case let .notACheckout(root): return "\(root) is not inside a git checkout, so earlier English versions cannot be read"
            case let .failed(command, detail): return "'\(command)' failed: \(detail)"
            }
        }
    }

    /// One committed version of a file, newest first in `versions(of:)`.
    public struct Version: Sendable, Equatable {
        public var commit: String
        public var data: Data
    }

    public let root: URL
    let git: URL
    /// `root`'s path inside the repository (`""` or `docs/`): git reports
    /// paths from the repository's top, callers name them from `root`.
    let prefix: String
    /// A shallow clone (CI often makes one) holds only recent commits, so
    /// a text missing from it may still exist upstream.
    public let isShallow: Bool

    public init(root: URL) throws(Failure) {
        guard let git = Self.findGit() else { throw .noGit }
        self.root = root
        self.git = git
        let probe = Self.run(git, ["-C", root.path, "rev-parse", "--show-prefix", "--is-shallow-repository"])
        guard probe.status == 0 else {
            // Any other refusal (a missing folder, git's ownership check) is said as git says it.
            if probe.stderr.contains("not a git repository") { throw .notACheckout(root.path) }
            throw .failed(command: "git rev-parse", detail: probe.stderr)
        }
        let lines = String(decoding: probe.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        prefix = lines.first.map(String.init) ?? ""
        isShallow = lines.dropFirst().first == "true"
    }

    /// Every committed version of each path (relative to `root`), newest
    /// first, one entry per distinct content change.
    public func versions(of paths: [String]) throws(Failure) -> [String: [Version]] {
        guard !paths.isEmpty else { return [:] }
        // -z keeps unusual file names unquoted; -m shows what merges changed;
        // --no-renames reports a path's own versions only.
        let log = Self.run(git, ["-C", root.path, "log", "-z", "--format=%x01%H", "--raw", "--no-abbrev", "-m",
                                 "--no-renames", "--"] + paths)
        guard log.status == 0 else {
            // A repository without commits has no history, not an error.
            if log.stderr.contains("does not have any commits") { return [:] }
            throw .failed(command: "git log", detail: log.stderr)
        }
        let wanted = Dictionary(paths.map { (prefix + $0, $0) }, uniquingKeysWith: { first, _ in first })
        var blobs: [String: [(commit: String, blob: String)]] = [:]
        for (commit, blob, path) in Self.parseRawLog(log.stdout) {
            guard let name = wanted[path], blobs[name]?.contains(where: { $0.blob == blob }) != true else { continue }
            blobs[name, default: []].append((commit, blob))
        }
        let contents = try read(blobs: Set(blobs.values.flatMap { $0.map(\.blob) }).sorted())
        return blobs.mapValues { list in list.compactMap { entry in contents[entry.blob].map { Version(commit: entry.commit, data: $0) } } }
    }

    /// (commit, new blob, path) of each raw entry, skipping deletions.
    static func parseRawLog(_ data: Data) -> [(String, String, String)] {
        var result: [(String, String, String)] = []
        for record in data.split(separator: 0x01) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let commit = fields.first else { continue }
            var index = 1
            while index + 1 < fields.count {
                // `:100644 100644 <old> <new> M` (a newline may lead the first one).
                let meta = fields[index].split(separator: " ")
                if meta.count >= 4, meta[0].contains(":"),
                   !meta[3].allSatisfy({ $0 == "0" }) {
                    result.append((commit, String(meta[3]), fields[index + 1]))
                }
                index += 2
            }
        }
        return result
    }

    /// Blob id -> content, in one `git cat-file --batch`.
    func read(blobs: [String]) throws(Failure) -> [String: Data] {
        guard !blobs.isEmpty else { return [:] }
        let batch = Self.run(git, ["-C", root.path, "cat-file", "--batch"], input: Data((blobs.joined(separator: "\n") + "\n").utf8))
        guard batch.status == 0 else { throw .failed(command: "git cat-file", detail: batch.stderr) }
        // Each answer: `<id> blob <size>\n<bytes>\n`.
        var result: [String: Data] = [:]
        let out = [UInt8](batch.stdout)
        var position = 0
        while let newline = out[position...].firstIndex(of: 0x0A) {
            let header = String(decoding: out[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= out.count else {
                throw .failed(command: "git cat-file", detail: "unexpected answer '\(header.joined(separator: " "))'")
            }
            result[String(header[0])] = Data(out[(newline + 1)..<(newline + 1 + size)])
            position = newline + 2 + size
        }
        return result
    }

    /// Added to "no commit has that text" in a shallow clone.
    static func shallowHint(_ shallow: Bool) -> String {
        shallow ? " in a shallow clone: 'git fetch --unshallow' brings the older commits" : ""
    }

    static func findGit() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("git") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `git` with stdin written and stderr drained on other threads,
    /// so no full pipe can stall the child.
    static func run(_ git: URL, _ arguments: [String], input: Data? = nil) -> Output {
        let process = Process()
        process.executableURL = git
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // Plain, untranslated output whatever the user's settings.
        environment["LC_ALL"] = "C"
        environment["GIT_PAGER"] = "cat"
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do { try process.run() } catch {
            return Output(status: -1, stdout: Data(), stderr: "cannot start \(git.path): \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        let errors = DataBox()
        let errorHandle = stderr.fileHandleForReading
        DispatchQueue.global().async(group: group) { errors.set(errorHandle.readDataToEndOfFile()) }
        if let input {
            let writer = stdin.fileHandleForWriting
            DispatchQueue.global().async(group: group) {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let detail = String(decoding: errors.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Output(status: process.terminationStatus, stdout: data, stderr: detail)
    }

    /// Bytes handed from a reader thread back to the caller.
    final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
        func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
    }
}
