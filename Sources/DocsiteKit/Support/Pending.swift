import Dispatch

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
