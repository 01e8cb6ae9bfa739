import XCTest
@testable import DocsiteKit

/// The line diff behind `translations diff`: shortest edit scripts, and
/// hunks as `diff -u` prints them.
final class LineDiffTests: XCTestCase {
    /// Replays an edit script: it must turn `old` into `new` and use every old line once.
    func apply(_ script: [LineDiff.Edit], _ old: [String], _ new: [String]) -> [String] {
        var result: [String] = []
        var nextOld = 0
        for edit in script {
            switch edit {
            case let .equal(o, n):
                XCTAssertEqual(o, nextOld); XCTAssertEqual(old[o], new[n]); nextOld += 1
                result.append(old[o])
            case let .delete(o): XCTAssertEqual(o, nextOld); nextOld += 1
            case let .insert(n): result.append(new[n])
            }
        }
        XCTAssertEqual(nextOld, old.count)
        return result
    }

    /// Length of the longest common subsequence, by the textbook table.
    func lcs(_ a: [String], _ b: [String]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    func testMyersPaperExampleTakesFiveEdits() {
        let old = "ABCABBA".map(String.init), new = "CBABAC".map(String.init)
        let script = LineDiff.edits(old, new)
        XCTAssertEqual(apply(script, old, new), new)
        XCTAssertEqual(script.filter { if case .equal = $0 { return false } else { return true } }.count, 5)
    }

    func testRandomScriptsAreShortestAndReplay() {
        var random = SplitMix64(seed: 20)
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...14, using: &random)).map { _ in String(Int.random(in: 0...3, using: &random)) }
            let new = (0..<Int.random(in: 0...14, using: &random)).map { _ in String(Int.random(in: 0...3, using: &random)) }
            let script = LineDiff.edits(old, new)
            XCTAssertEqual(apply(script, old, new), new, "\(old) -> \(new)")
            let kept = script.filter { if case .equal = $0 { return true } else { return false } }.count
            XCTAssertEqual(kept, lcs(old, new), "not a shortest script for \(old) -> \(new)")
        }
    }

    /// Past the edit budget a rewrite is reported whole (removed, then
    /// added) instead of keeping O(D²) search state.
    func testRewriteBeyondTheEditBudgetIsRemovedAndAddedWhole() {
        let old = (0..<2000).map { "old \($0)" }, new = (0..<2000).map { "new \($0)" }
        let script = LineDiff.edits(["same"] + old, ["same"] + new)
        XCTAssertEqual(apply(script, ["same"] + old, ["same"] + new), ["same"] + new)
        XCTAssertEqual(script.count, 4001)
        XCTAssertEqual(script[1], .delete(old: 1))
        XCTAssertEqual(script[2001], .insert(new: 1))
    }

    func testHunksKeepThreeLinesOfContextAndMergeCloseChanges() {
        let old = (1...20).map { "line \($0)" }
        var new = old
        new[1] = "line two"            // line 2
        new[4] = "line five"           // line 5: 2 equal lines apart -> same hunk
        new.insert("inserted", at: 15) // after line 15: far away -> own hunk
        let hunks = LineDiff.hunks(old, new)
        XCTAssertEqual(hunks.map(\.header), ["@@ -1,8 +1,8 @@", "@@ -13,6 +13,7 @@"])
        XCTAssertEqual(hunks[0].lines, [" line 1", "-line 2", "+line two", " line 3", " line 4", "-line 5", "+line five",
                                        " line 6", " line 7", " line 8"])
        XCTAssertEqual(hunks[1].lines, [" line 13", " line 14", " line 15", "+inserted", " line 16", " line 17", " line 18"])
        XCTAssertEqual(hunks.map(\.added), [2, 1])
        XCTAssertEqual(hunks.map(\.removed), [2, 0])
    }

    func testHunkHeadersFollowDiffU() {
        XCTAssertEqual(LineDiff.hunks([], ["a", "b"]).map(\.header), ["@@ -0,0 +1,2 @@"])
        XCTAssertEqual(LineDiff.hunks(["a"], ["b"]).map(\.header), ["@@ -1 +1 @@"])
        XCTAssertEqual(LineDiff.hunks(["a", "b"], ["a"], oldFirstLine: 10, newFirstLine: 20).map(\.header), ["@@ -10,2 +20 @@"])
        XCTAssertEqual(LineDiff.hunks(["x", "y"], ["x", "y"]), [])
    }

    func testSectionsPairByHeadingAndIgnoreHashesInCode() {
        let old = ["Intro.", "", "## Install {#install}", "", "```bash", "# not a heading", "helm install a", "```",
                   "", "## Configure", "", "Set replicas."]
        let new = ["Intro.", "", "## Install {#install}", "", "```bash", "# not a heading", "helm install b", "```",
                   "", "## Configure", "", "Set replicas to 2."]
        let hunks = SectionDiff.hunks(old: old, new: new, oldFirstLine: 5, newFirstLine: 5)
        XCTAssertEqual(hunks.map(\.label), ["## Install {#install}", "## Configure"])
        XCTAssertEqual(hunks.map(\.header), ["@@ -8,6 +8,6 @@ ## Install {#install}", "@@ -14,3 +14,3 @@ ## Configure"])
        XCTAssertEqual(hunks[0].lines.filter { !$0.hasPrefix(" ") }, ["-helm install a", "+helm install b"])
    }

    func testRenamedSectionPairsWithItsOldSelfAndRemovedOneStandsAlone() {
        let old = ["## Setup", "Run it.", "## Old notes", "Gone.", "## End", "Bye."]
        let new = ["## Set up the charts", "Run it.", "## End", "Bye."]
        let hunks = SectionDiff.hunks(old: old, new: new, oldFirstLine: 1, newFirstLine: 1)
        XCTAssertEqual(hunks.map(\.header), ["@@ -1,2 +1,2 @@ ## Set up the charts", "@@ -3,2 +2,0 @@ ## Old notes"])
        XCTAssertEqual(hunks[1].lines, ["-## Old notes", "-Gone."])
    }
}
