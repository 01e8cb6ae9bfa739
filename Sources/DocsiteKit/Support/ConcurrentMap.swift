import Dispatch

extension RandomAccessCollection where Index == Int, Self: Sendable {
    /// `map` on every core; results keep the input order. `transform` must
    /// not touch shared mutable state.
    func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = UnsafeResultBuffer<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { offset in
            results[offset] = transform(self[startIndex + offset])
        }
        return results.values
    }
}

/// Fixed-size result slots for `concurrentMap`; each index is
/// written by exactly one iteration, so no lock is needed.
private final class UnsafeResultBuffer<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        storage.deinitialize(count: max(count, 1))
        storage.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    var values: [Value] { (0..<count).compactMap { storage[$0] } }
}
