import Foundation

/// A value worked out on another thread from the moment it is made, so
/// the build can go on with what does not need it; `value` waits for it.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            result = work()
            done.leave()
        }
    }

    /// Already worked out (nothing runs).
    init(done value: Value) {
        result = value
    }

    var value: Value {
        done.wait()
        return result!
    }
}

/// Set once from any thread; work on another thread asks it as it goes
/// and gives up once it is set.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }
}
