/// A line diff (Myers' O(ND) algorithm) and its unified form with `@@`
/// hunks, as `diff -u` and `git diff` print them.
public enum LineDiff {
    /// One step of the edit script: indices into the old and new lines.
    public enum Edit: Equatable, Sendable {
        case equal(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    /// One `@@` block: 1-based line numbers (with the offsets the caller
    /// gave), the lines with their ` `, `-`, `+` marks, and an optional
    /// label printed after the header (git prints the enclosing function;
    /// docsite prints the enclosing heading).
    public struct Hunk: Equatable, Sendable {
        public var oldStart: Int
        public var oldCount: Int
        public var newStart: Int
        public var newCount: Int
        public var lines: [String]
        public var label: String = ""

        public var added: Int { lines.filter { $0.hasPrefix("+") }.count }
        public var removed: Int { lines.filter { $0.hasPrefix("-") }.count }

        public var header: String {
            "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@" + (label.isEmpty ? "" : " \(label)")
        }

        public var text: String { ([header] + lines).joined(separator: "\n") + "\n" }

        /// `diff -u` omits a count of 1.
        static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
    }

    /// Beyond this many edits the middle is reported as removed and added
    /// whole: Myers keeps O(D²) state, and a rewrite that large reads the
    /// same either way.
    static let maxEdits = 3000

    /// The shortest edit script from `old` to `new`.
    public static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        // Lines become integers once, so the inner loop compares Ints.
        var ids: [String: Int] = [:]
        let a = old.map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let b = new.map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        // Common prefix and suffix cost nothing to match and shrink the search.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middle = myers(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        var result = (0..<prefix).map { Edit.equal(old: $0, new: $0) }
        for edit in middle {
            switch edit {
            case let .equal(o, n): result.append(.equal(old: o + prefix, new: n + prefix))
            case let .delete(o): result.append(.delete(old: o + prefix))
            case let .insert(n): result.append(.insert(new: n + prefix))
            }
        }
        result += (0..<suffix).map { Edit.equal(old: a.count - suffix + $0, new: b.count - suffix + $0) }
        return result
    }

    static func myers(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count, m = b.count
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d] is v before step d, kept for k in -(d+1)...(d+1) only.
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { return backtrack(trace, n: n, m: m) }
            }
        }
        return (0..<n).map { Edit.delete(old: $0) } + (0..<m).map { Edit.insert(new: $0) }
    }

    static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> [Edit] {
        var x = n, y = m
        var reversed: [Edit] = []
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            func at(_ k: Int) -> Int { v[k + d + 1] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK), previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1; y -= 1
                reversed.append(.equal(old: x, new: y))
            }
            guard d > 0 else { break }
            reversed.append(x == previousX ? .insert(new: previousY) : .delete(old: previousX))
            x = previousX; y = previousY
        }
        return reversed.reversed()
    }

    /// The hunks of the diff from `old` to `new` with `context` unchanged
    /// lines around each change; changes closer than twice the context
    /// share a hunk. `oldFirstLine`/`newFirstLine` number the first line.
    public static func hunks(_ old: [String], _ new: [String], context: Int = 3,
                             oldFirstLine: Int = 1, newFirstLine: Int = 1) -> [Hunk] {
        let script = edits(old, new)
        let changes = script.indices.filter { if case .equal = script[$0] { return false } else { return true } }
        guard let first = changes.first else { return [] }
        // Lines of each side before script position i.
        var oldBefore = [0], newBefore = [0]
        for edit in script {
            switch edit {
            case .equal: oldBefore.append(oldBefore.last! + 1); newBefore.append(newBefore.last! + 1)
            case .delete: oldBefore.append(oldBefore.last! + 1); newBefore.append(newBefore.last!)
            case .insert: oldBefore.append(oldBefore.last!); newBefore.append(newBefore.last! + 1)
            }
        }
        var groups: [(Int, Int)] = []
        var start = first, last = first
        for change in changes.dropFirst() {
            if change - last - 1 > 2 * context { groups.append((start, last)); start = change }
            last = change
        }
        groups.append((start, last))
        return groups.map { lo, hi in
            let from = max(0, lo - context), to = min(script.count - 1, hi + context)
            let lines = script[from...to].map { edit -> String in
                switch edit {
                case let .equal(o, _): return " " + old[o]
                case let .delete(o): return "-" + old[o]
                case let .insert(n): return "+" + new[n]
                }
            }
            let oldCount = oldBefore[to + 1] - oldBefore[from], newCount = newBefore[to + 1] - newBefore[from]
            // An empty side names the line before the hunk, as diff -u does.
            return Hunk(oldStart: oldFirstLine + oldBefore[from] - (oldCount == 0 ? 1 : 0), oldCount: oldCount,
                        newStart: newFirstLine + newBefore[from] - (newCount == 0 ? 1 : 0), newCount: newCount, lines: lines)
        }
    }
}
