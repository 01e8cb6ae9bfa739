import Foundation
#if canImport(Glibc)
import Glibc
#else
#error("SystemIO calls Glibc directly: docsite builds on Linux only")
#endif

/// Writes files and folders with plain system calls. Foundation's
/// `Data.write(to:)` flushes every file to disk (an `fsync` each) and
/// `createDirectory(withIntermediateDirectories:)` stats every ancestor:
/// together they were a third of a cold build. Staged output needs neither;
/// the build publishes it with a rename, and a crash leaves only the
/// staging folder behind.
public enum PlainFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }

        public init(path: String, operation: String, code: Int32) {
            self.path = path
            self.operation = operation
            self.code = code
        }
    }

    /// Creates or truncates `path` and writes all of `bytes`.
    public static func write<Bytes: ContiguousBytes>(_ bytes: Bytes, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "cannot create", code: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw Failure(path: path, operation: "cannot write", code: failure) }
    }

    /// The bytes of a regular file (following symbolic links), or nil when
    /// it cannot be read. Reading into one array skips the copies
    /// Foundation's `Data` and `URL` path handling add per file.
    public static func read(_ path: String) -> [UInt8]? {
        // Non-blocking: opening a FIFO must not wait for a writer (the
        // regular-file check below then refuses it).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Hard-links `source` at `target`, replacing what is there; where the
    /// file system refuses the link (another device, too many links), the
    /// bytes are copied instead.
    public static func link(_ source: String, to target: String) throws(Failure) {
        if Glibc.link(source, target) == 0 { return }
        if errno == EEXIST {
            unlink(target)
            if Glibc.link(source, target) == 0 { return }
        }
        guard let bytes = read(source) else { throw Failure(path: source, operation: "cannot read", code: errno) }
        unlink(target)
        try write(bytes, to: target)
    }

    /// Makes one folder whose parent exists; an existing folder is fine.
    public static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: path, operation: "cannot create folder", code: errno)
        }
    }

    /// Removes a folder tree (or a file) without following symbolic links:
    /// readdir, unlink and rmdir, without Foundation's per-entry attribute
    /// lookups (which made removing a 10,000-page site take seconds).
    /// Best effort: what cannot be removed stays for the next build.
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else { unlink(path); return }
        let entries = FileWalker.walk(path)
        for entry in entries where entry.kind != .folder { unlink(path + "/" + entry.path) }
        // Deepest folders first.
        for entry in entries.reversed() where entry.kind == .folder { rmdir(path + "/" + entry.path) }
        rmdir(path)
    }
}
