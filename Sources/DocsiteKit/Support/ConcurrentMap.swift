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
