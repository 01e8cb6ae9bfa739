import Foundation
import XCTest
@testable import DocsiteKit

/// Issue 17, classes 2, 4 and 5: the build replaces only a folder it made,
/// switches sites in one step and keys its lock and cache by the real path.
/// The cases run in the hostile-input harness, which fails when anything
/// outside `site-out/` (and its lock and cache) changes.
extension HostileInputTests {
    static func refusal(_ c: Case, out: URL) throws -> [Diagnostic] {
        do {
            _ = try BuildPipeline.run(BuildOptions(root: c.root, out: out))
            throw Failure("--out \(out.path) was accepted")
        } catch let error as DiagnosticsError {
            return error.diagnostics
        }
    }

    /// For cases that edit the sources between builds (the harness would
    /// report the edit as a change outside the output).
    func editable(_ files: [String: String], _ body: (Case) throws -> Void) throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-editable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: top) }
        let root = top.appendingPathComponent("repo")
        for (path, text) in files { try Fixture.write(text, to: path, in: root) }
        try body(Case(top: top, root: root))
    }

    // MARK: Class 2: only our own folder is replaced

    func testOutputThatDocsiteDidNotMakeIsRefused() throws {
        var files = Self.site(["guides/a.md": "---\ntitle: A\n---\n"])
        files["scripts/release.sh"] = "#!/bin/sh\necho keep me\n"
        files["mk/extra.mk"] = "x:\n\ttrue\n"
        files[".ci/run"] = "make test\n"
        files["README.md"] = "# Read me\n"
        try hostile(files: files) { c in
            let targets = ["scripts", "mk", ".ci", "README.md"].map { c.root.appendingPathComponent($0) }
                + [c.top.appendingPathComponent("outside"), c.top.appendingPathComponent("outside/secret.txt")]
            for out in targets {
                let errors = try Self.refusal(c, out: out)
                try Self.expectCodes(errors, ["output.write"], mentions: "refusing --out")
            }
            // No cache or lock beside a refused folder either.
            try Self.expect(!FileManager.default.fileExists(atPath: c.root.appendingPathComponent(".scripts.lock").path), "lock beside scripts/")
        }
    }

    func testHomeAndItsParentAreRefused() throws {
        try hostile(files: Self.site([:])) { c in
            let home = FileManager.default.homeDirectoryForCurrentUser
            for out in [home, home.deletingLastPathComponent(), URL(fileURLWithPath: "/")] {
                try Self.expectCodes(try Self.refusal(c, out: out), ["output.write"], mentions: "refusing --out")
            }
        }
    }

    func testEmptyNewAndOwnFoldersAreReplaced() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n"])) { c in
            try FileManager.default.createDirectory(at: c.out, withIntermediateDirectories: true)
            try Self.mustBuild(c)  // empty folder
            try Self.expect(FileManager.default.fileExists(atPath: c.out.appendingPathComponent(SiteWriter.marker).path), "no marker")
            try Self.mustBuild(c)  // our own folder, marked
            try FileManager.default.removeItem(at: c.out.appendingPathComponent(SiteWriter.marker))
            try Self.mustBuild(c)  // made before the marker existed: docsite's cache is beside it
            try FileManager.default.removeItem(at: c.out.appendingPathComponent(SiteWriter.marker))
            try FileManager.default.removeItem(at: BuildCache.location(out: c.out))
            let errors = try Self.refusal(c, out: c.out)
            try Self.expectCodes(errors, ["output.write"], mentions: SiteWriter.marker)
        }
    }

    // MARK: Class 4: one-step publishing

    func testEveryBuildSwapsTheWholeSiteAndKeepsUnchangedFiles() throws {
        try editable(Self.site(["guides/a.md": "---\ntitle: A\n---\nold\n", "guides/b.md": "---\ntitle: B\n---\nsame\n"])) { c in
            func inode(_ path: String) throws -> UInt64 {
                ((try FileManager.default.attributesOfItem(atPath: c.out.appendingPathComponent(path).path))[.systemFileNumber] as? UInt64) ?? 0
            }
            let options = BuildOptions(root: c.root, out: c.out, search: false)
            _ = try BuildPipeline.run(options)
            let folderBefore = try inode(""), unchangedBefore = try inode("en/guides/b/index.html")
            try Fixture.write("---\ntitle: A\n---\nnew\n", to: "content/en/guides/a.md", in: c.root)
            _ = try BuildPipeline.run(options)
            // A new folder took the old one's place in one rename; unchanged
            // pages are the same files (hard links), not rewritten.
            try Self.expect(try inode("") != folderBefore, "the output folder was updated file by file")
            try Self.expect(try inode("en/guides/b/index.html") == unchangedBefore, "an unchanged page was rewritten")
            try Self.expect(try Self.html(c, "en/guides/a/index.html").contains("new"), "new page not published")
        }
    }

    func testLeftoversOfAnInterruptedBuildAreRemoved() throws {
        try hostile(files: Self.site([:])) { c in
            try Self.mustBuild(c)
            // What a build killed with -9 leaves: a staging folder and a retired site.
            let parent = c.out.deletingLastPathComponent()
            let leftovers = [".site-out.tmp-99999-1", ".site-out.old-99999-2"].map { parent.appendingPathComponent($0) }
            for folder in leftovers {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("en"), withIntermediateDirectories: true)
                try Data("half".utf8).write(to: folder.appendingPathComponent("en/index.html"))
            }
            try Self.mustBuild(c)
            for folder in leftovers {
                try Self.expect(!FileManager.default.fileExists(atPath: folder.path), "\(folder.lastPathComponent) left behind")
            }
        }
    }

    func testAHalfUpdatedMirrorIsPutRightAndSharedFilesAreNeverWrittenThrough() throws {
        try editable(Self.site(["guides/a.md": "---\ntitle: A\n---\nv1\n", "guides/b.md": "---\ntitle: B\n---\nv1\n"])) { c in
            let options = BuildOptions(root: c.root, out: c.out, search: false)
            _ = try BuildPipeline.run(options)
            try Fixture.write("---\ntitle: A\n---\nv2\n", to: "content/en/guides/a.md", in: c.root)
            _ = try BuildPipeline.run(options)
            let writer = SiteWriter(root: c.root, out: c.out)
            let mirror = writer.mirror
            // What an interrupted build may leave in the mirror: a stray file,
            // a missing page, a page with other bytes.
            try Data("stray".utf8).write(to: mirror.appendingPathComponent("en/stray.html"))
            try FileManager.default.removeItem(at: mirror.appendingPathComponent("en/guides/b/index.html"))
            try FileManager.default.removeItem(at: mirror.appendingPathComponent("en/index.html"))
            try Data("half".utf8).write(to: mirror.appendingPathComponent("en/index.html"))
            let published = try Self.html(c, "en/guides/b/index.html")
            try Fixture.write("---\ntitle: A\n---\nv3\n", to: "content/en/guides/a.md", in: c.root)
            _ = try BuildPipeline.run(options)
            let cold = c.top.appendingPathComponent("cold")
            _ = try BuildPipeline.run(BuildOptions(root: c.root, out: cold, incremental: false, search: false))
            XCTAssertEqual(try treeContents(c.out), try treeContents(cold))
            // The site it replaced is now the mirror, unchanged by the build.
            XCTAssertEqual(try String(contentsOf: mirror.appendingPathComponent("en/guides/b/index.html"), encoding: .utf8), published)
            XCTAssertTrue(try String(contentsOf: mirror.appendingPathComponent("en/guides/a/index.html"), encoding: .utf8).contains("v2"))
        }
    }

    func testFailureAfterStagingLeavesTheCompleteOldSite() throws {
        try editable(Self.site(["guides/a.md": "---\ntitle: A\n---\nv1\n", "guides/b.md": "---\ntitle: B\n---\nv1\n"])) { c in
            try Self.mustBuild(c)
            let before = try treeContents(c.out)
            for page in ["a", "b"] { try Fixture.write("---\ntitle: \(page)\n---\nv2\n", to: "content/en/guides/\(page).md", in: c.root) }
            var count = 0
            do {
                _ = try BuildPipeline.run(BuildOptions(root: c.root, out: c.out, search: false)) { _ in
                    count += 1
                    if count == 3 { throw CocoaError(.fileWriteOutOfSpace) }
                }
                throw Failure("the build did not fail")
            } catch is DiagnosticsError {}
            try Self.expect(try treeContents(c.out) == before, "the old site changed")
            try Self.expect(OutputFolder.leftovers(of: c.out).isEmpty, "staging folder left behind")
        }
    }

    func testExchangeSwapsTwoFoldersAtomically() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-exchange-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: top) }
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(at: top.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data(name.utf8).write(to: top.appendingPathComponent("\(name)/which"))
        }
        #if os(Linux)
        XCTAssertTrue(OutputFolder.exchange(top.appendingPathComponent("a").path, top.appendingPathComponent("b").path))
        XCTAssertEqual(try String(contentsOf: top.appendingPathComponent("a/which"), encoding: .utf8), "b")
        XCTAssertEqual(try String(contentsOf: top.appendingPathComponent("b/which"), encoding: .utf8), "a")
        #endif
    }

    // MARK: Class 5: real paths and verified reuse

    func testASymlinkedAliasSharesTheLockAndTheCache() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n"]), prepare: { c in
            try FileManager.default.createDirectory(at: c.top.appendingPathComponent("aliases"), withIntermediateDirectories: true)
        }) { c in
            try Self.mustBuild(c)
            let alias = c.top.appendingPathComponent("aliases/alias")
            try FileManager.default.createSymbolicLink(atPath: alias.path, withDestinationPath: c.out.path)
            defer { try? FileManager.default.removeItem(at: alias) }
            // Through the alias, the cache of the real folder is found…
            let warm = try BuildPipeline.run(BuildOptions(root: c.root, out: alias))
            try Self.expect(warm.reusedPages > 0, "the alias did not find the cache")
            try Self.expect(!FileManager.default.fileExists(atPath: c.top.appendingPathComponent("aliases/.alias.cache").path), "cache keyed by the alias")
            // …and a build holding the real folder's lock keeps the alias out.
            let lock = try BuildLock(path: c.root.appendingPathComponent(".site-out.lock").path, output: "site-out")
            defer { lock.release() }
            let errors = try Self.refusal(c, out: alias)
            try Self.expectCodes(errors, ["output.locked"])
            // The alias itself is still a link to the site.
            try Self.expect((try? FileManager.default.destinationOfSymbolicLink(atPath: alias.path)) == c.out.path, "alias replaced")
        }
    }

    func testAPageEditedByHandInTheOutputIsRewritten() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\nGenuine text.\n", "guides/b.md": "---\ntitle: B\n---\nOther.\n"])) { c in
            try Self.mustBuild(c)
            let original = try treeContents(c.out)
            for page in ["en/guides/a/index.html", "en/guides/b/index.html"] {
                try Data("<script>alert(1)</script>".utf8).write(to: c.out.appendingPathComponent(page))
            }
            let report = try BuildPipeline.run(BuildOptions(root: c.root, out: c.out))
            try Self.expect(try treeContents(c.out) == original, "a hand-edited page survived the rebuild")
            try Self.expect(report.reusedPages > 0, "nothing reused at all: the check is too strict")
        }
    }
}
