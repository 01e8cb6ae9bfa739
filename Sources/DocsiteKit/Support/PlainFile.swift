import Foundation
#if canImport(Glibc)
import Glibc
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

    /// Makes one folder whose parent exists; an existing folder is fine.
    public static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: path, operation: "cannot create folder", code: errno)
        }
    }
}
