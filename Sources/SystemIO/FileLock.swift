#if canImport(Glibc)
import Glibc
#else
#error("SystemIO calls Glibc directly: docsite builds on Linux only")
#endif

/// An exclusive, non-blocking `flock` on a lock file. The kernel drops it
/// when the process ends, so a killed build never leaves a stale lock.
public struct FileLock: Sendable {
    public enum Failure: Error, Sendable { case cannotOpen, held }

    let descriptor: Int32

    /// Takes the lock on `path` (created when missing) or fails at once.
    public static func acquire(_ path: String) -> Result<FileLock, Failure> {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(.cannotOpen) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return .failure(.held)
        }
        return .success(FileLock(descriptor: descriptor))
    }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
