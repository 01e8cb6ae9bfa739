import Foundation
#if canImport(Glibc)
import Glibc
#else
#error("SystemIO calls Glibc directly: docsite builds on Linux only")
#endif

/// Runs a program to its end and measures the child's own peak resident
/// memory. `getrusage(RUSAGE_CHILDREN)` and `wait4` cannot: at `exec` Linux
/// records the parent's high-water mark in the child's `ru_maxrss`, so a
/// 60 MiB Pagefind run (a 330-page shard) spawned by a docsite at 184 MiB
/// reads as 184 MiB.
///
/// The figure is the child's `VmHWM` (its own mm's high-water mark, which
/// starts afresh at `exec`) read from `/proc/<pid>/status` while it runs:
/// every millisecond at first, then every 10 ms (a read costs about
/// 20 µs, so under 0.5% of a core). The kernel drops the mm at exit, so a
/// zombie shows no `VmHWM`; growth in the last interval before exit is
/// recovered from `wait4` when its `ru_maxrss` exceeds what the child
/// could have inherited (this process's own high-water mark after the
/// spawn): then it is the child's own peak.
public enum ChildProcess {
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended the child.
        public var status: Int32
        public var standardError: String
        /// The child's own peak resident memory, in bytes.
        public var peakBytes: UInt64
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` (looked up in PATH when it has no `/`) with
    /// `arguments`, standard output written to the file `standardOutput`
    /// or discarded; `peaks`, when given, follows the child's peak as it
    /// grows. The exit is seen within 10 ms (the sampling interval).
    public static func run(_ executable: String, _ arguments: [String], standardOutput: String = "/dev/null",
                           peaks: ConcurrentPeak? = nil) throws(Failure) -> Outcome {
        let errors = try capturedOutput()
        defer { close(errors) }
        let pid = try spawn(executable, arguments, standardOutput: standardOutput, standardError: errors)
        let inherited = peakOfSelf()
        let lane = peaks?.begin()
        var sampled: UInt64 = 0
        var status: Int32 = 0
        var usage = rusage()
        var pause: useconds_t = 1_000
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { throw Failure(description: "cannot wait for \(executable): \(String(cString: strerror(errno)))") }
            if let current = peakOfProcess(pid), current > sampled {
                sampled = current
                if let lane { peaks?.update(lane, bytes: sampled) }
            }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
        let reported = UInt64(max(usage.ru_maxrss, 0)) * 1024
        let peak = reported > inherited ? reported : sampled
        if let lane { peaks?.end(lane, bytes: peak) }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exit, standardError: String(decoding: PlainFile.read("/proc/self/fd/\(errors)") ?? [], as: UTF8.self), peakBytes: peak)
    }

    /// `VmHWM` of a running process, in bytes; nil once it has exited.
    public static func peakOfProcess(_ pid: pid_t) -> UInt64? {
        guard let bytes = PlainFile.read("/proc/\(pid)/status") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        // "VmHWM:\t   44288 kB"
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ UInt64($0) })
        else { return nil }
        return kib * 1024
    }

    static func peakOfSelf() -> UInt64 { peakOfProcess(getpid()) ?? UInt64.max }

    private static func spawn(_ executable: String, _ arguments: [String], standardOutput: String, standardError: Int32) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// An unlinked temporary file for the child's standard error: read
    /// after the exit, so a chatty child never blocks on a full pipe.
    private static func capturedOutput() throws(Failure) -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/docsite-child-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0, fcntl(descriptor, F_SETFD, FD_CLOEXEC) == 0 else { throw Failure(description: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }
}

/// The peak of children that run side by side (the indexer's two lanes):
/// the largest sum, at any moment, of the peaks so far of the children
/// running then. Each child's figure is its own high-water mark, so the
/// sum is an upper bound of what they held together (their peaks need not
/// coincide), never less.
public final class ConcurrentPeak: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [Int: UInt64] = [:]
    private var next = 0
    private var largest: UInt64 = 0

    public init() {}

    /// The largest sum seen, in bytes (0 when no child ran).
    public var maximum: UInt64 { lock.lock(); defer { lock.unlock() }; return largest }

    func begin() -> Int {
        lock.lock(); defer { lock.unlock() }
        next += 1
        running[next] = 0
        return next
    }

    func update(_ lane: Int, bytes: UInt64) {
        lock.lock(); defer { lock.unlock() }
        running[lane] = bytes
        largest = max(largest, running.values.reduce(0, +))
    }

    func end(_ lane: Int, bytes: UInt64) {
        update(lane, bytes: bytes)
        lock.lock(); defer { lock.unlock() }
        running[lane] = nil
    }
}
