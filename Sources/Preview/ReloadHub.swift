import DocsiteKit
import Foundation

/// The shared state between rebuilds and open pages: a generation number
/// that grows with every successful build, and whether a build is running.
/// Pages long-poll for a generation other than the one they were served
/// with; requests that miss a file during a rebuild wait for it to end
/// (the build swaps the whole output folder, so a file can be briefly absent).
public final class ReloadHub: @unchecked Sendable {
    private let condition = NSCondition()
    private var generation = 1
    private var building = false
    private var closed = false
    private var waiters = 0

    public init() {}

    public var currentGeneration: Int {
        condition.lock()
        defer { condition.unlock() }
        return generation
    }

    public var isBuilding: Bool {
        condition.lock()
        defer { condition.unlock() }
        return building
    }

    public func beginBuild() {
        condition.lock()
        building = true
        condition.unlock()
    }

    /// Only a successful build changes what pages show, so only it reloads them.
    public func endBuild(succeeded: Bool) {
        condition.lock()
        building = false
        if succeeded { generation += 1 }
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the generation differs from `since`, the timeout passes,
    /// or the hub closes. Beyond `maxWaiters` it answers at once, so reload
    /// polls cannot take every connection.
    func waitForChange(since: Int, timeout: TimeInterval, maxWaiters: Int) -> Int {
        condition.lock()
        defer { condition.unlock() }
        guard waiters < maxWaiters else { return generation }
        waiters += 1
        defer { waiters -= 1 }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while generation == since && !closed {
            if !condition.wait(until: deadline) { break }
        }
        return generation
    }

    /// Returns when no build is running (or after the timeout).
    func waitUntilIdle(timeout: TimeInterval) {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while building && !closed {
            if !condition.wait(until: deadline) { break }
        }
    }

    /// Wakes every waiter; used when the server stops.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func reopen() {
        condition.lock()
        closed = false
        condition.unlock()
    }
}
