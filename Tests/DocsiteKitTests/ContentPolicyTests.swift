import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import DocsiteKit
@testable import Preview

/// Issue 17, classes 1, 3, 8 and 11: what content may publish (no secrets
/// through symbolic links, no active files, no silent collisions) and odd
/// files and bytes that are reported exactly, never opened or echoed raw.
extension HostileInputTests {
    static func link(_ c: Case, _ path: String, to target: String) throws {
        let url = c.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    static func expectNoSecretPublished(_ c: Case) throws {
        guard FileManager.default.fileExists(atPath: c.out.path) else { return }
        for (path, data) in try treeContents(c.out) where String(decoding: data, as: UTF8.self).contains("TOPSECRET") {
            throw Failure("\(path) publishes a secret")
        }
    }

    // MARK: Class 1: symbolic links and dot-files

    func testSymlinksToSecretsInsideTheRepositoryAreRefused() throws {
        var files = Self.site([:])
        files[".git/config"] = "[remote]\n\turl = https://TOPSECRET@example.com/x\n"
        files[".env"] = "TOKEN=TOPSECRET\n"
        files["scripts/deploy.md"] = "---\ntitle: TOPSECRET\n---\n"
        try hostile(files: files, prepare: { c in
            try Self.link(c, "content/en/config.txt", to: "../../.git/config")
            try Self.link(c, "content/en/env.md", to: "../../.env")
            try Self.link(c, "content/en/guides/deploy.md", to: "../../../scripts/deploy.md")
            try Self.link(c, "content/examples/values-demo-x.yaml", to: "../../.env")
        }) { c in
            let build = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(build, ["link.outside", "link.outside", "link.outside"], mentions: "leads out of content/")
            try Self.expect(build.map(\.file) == ["content/en/config.txt", "content/en/env.md", "content/en/guides/deploy.md"], "\(build)")
            try Self.expectNoSecretPublished(c)
            let check = try CheckRunner.run(root: c.root).diagnostics.filter { $0.code == "link.outside" }
            try Self.expect(Set(check.map(\.file)).isSuperset(of: ["content/en/config.txt", "content/en/env.md", "content/en/guides/deploy.md"]), "check: \(check)")
            try Self.expect(!check.contains { $0.message.contains("TOPSECRET") }, "\(check)")
        }
    }

    func testLinksToDotFilesInsideContentAndChartLinksOutOfChartsAreRefused() throws {
        try hostile(fixture: "hostile-chart", prepare: { c in
            try Fixture.write("TOPSECRET\n", to: "content/.private/notes.txt", in: c.root)
            try Fixture.write("apiVersion: v1\ntoken: TOPSECRET\n", to: "content/kube.yaml", in: c.root)
            try Self.link(c, "content/en/notes.txt", to: "../.private/notes.txt")
            let values = c.root.appendingPathComponent("charts/demo/values.yaml")
            try FileManager.default.removeItem(at: values)
            try Self.link(c, "charts/demo/values.yaml", to: "../../content/kube.yaml")
        }) { c in
            let all = try CheckRunner.run(root: c.root).diagnostics
            let refused = all.filter { $0.code == "link.outside" }.sortedStably()
            try Self.expect(refused.map(\.file) == ["charts/demo/values.yaml", "content/en/notes.txt"], "\(refused)")
            try Self.expect(refused[0].message.contains("out of charts/") && refused[1].message.contains("hidden"), "\(refused)")
            _ = Self.buildErrors(c)
            try Self.expectNoSecretPublished(c)
        }
    }

    func testServeNeverAnswersWithDotFiles() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-serve-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: top) }
        for file in [".env", ".git/config", "en/.secret", "CVS/Entries", "en/index.html"] {
            try Fixture.write("x", to: file, in: top)
        }
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("en/env").path, withDestinationPath: "../.env")
        let resolver = StaticFileResolver(folder: top)
        for target in ["/.env", "/.git/config", "/en/.secret", "/CVS/Entries", "/en/env", "/.docsite-output"] {
            guard case .success(let path) = RequestPath.parse(target) else { return XCTFail(target) }
            XCTAssertEqual(resolver.resolve(path), .notFound, target)
        }
        guard case .success(let page) = RequestPath.parse("/en/index.html") else { return XCTFail() }
        XCTAssertNotEqual(resolver.resolve(page), .notFound)
    }

    // MARK: Class 3: active files

    func testActiveFilesInContentAreRefused() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"
        try hostile(files: Self.site([
            "logo.svg": svg, "guides/evil.html": "<script>alert(1)</script>", "app.JS": "alert(1)",
            "guides/feed.xml": "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
            "diagram.png": "PNG bytes",
        ])) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, Array(repeating: "content.active-file", count: 4), mentions: "run script")
            try Self.expect(errors.map(\.file) == ["content/en/app.JS", "content/en/guides/evil.html", "content/en/guides/feed.xml", "content/en/logo.svg"], "\(errors)")
            try Self.expect(!FileManager.default.fileExists(atPath: c.out.path), "a site was written")
            let check = try Self.checkErrors(c).filter { $0.code == "content.active-file" }
            try Self.expect(check.count == 4, "check: \(check)")
        }
    }

    // MARK: Class 8: collisions

    func testPageBesideAFolderIndexCollides() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\nfile\n", "guides/a/index.md": "---\ntitle: A index\n---\nfolder\n",
                                      "b.md": "---\ntitle: B\n---\n", "b/index.md": "---\ntitle: B2\n---\n"])) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["content.collision", "content.collision"], mentions: "same output file")
            try Self.expect(errors[0].message.contains("content/en/b.md") && errors[1].message.contains("content/en/guides/a.md"), "\(errors)")
            try Self.expectCodes(try Self.checkErrors(c).filter { $0.code == "content.collision" }, ["content.collision", "content.collision"])
        }
    }

    func testNamesThatDifferOnlyInNormalisationCollide() throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        // Swift compares strings by canonical equivalence, so the two names
        // cannot be keys of one dictionary: the files are made one by one.
        try hostile(files: Self.site([:]), prepare: { c in
            for (folder, name, ext) in [("guides", nfc, "md"), ("guides", nfd, "md"), ("img", nfc, "png"), ("img", nfd, "png")] {
                let folderURL = c.root.appendingPathComponent("content/en/\(folder)")
                try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
                try Data("---\ntitle: \(name)\n---\n".utf8).write(to: folderURL.appendingPathComponent("\(name).\(ext)"))
            }
        }) { c in
            let names = try FileManager.default.contentsOfDirectory(atPath: c.root.appendingPathComponent("content/en/guides").path)
            try Self.expect(names.count == 2, "the file system merged the two names: \(names)")
            let errors = Self.buildErrors(c)
            try Self.expectCodes(errors, ["content.collision", "content.collision"])
        }
    }

    // MARK: Class 11: special files, terminal escapes, byte offsets

    func testFIFOsAreSkippedWithoutOpening() throws {
        // Not in the harness: its snapshot would open the FIFOs itself.
        try editable([:]) { c in
            try FileManager.default.copyItem(at: Fixture.directory.appendingPathComponent("hostile-chart"), to: c.root)
            for path in ["content/en/pipe.md", "content/en/pipe.png", "charts/demo/extra.json", "content/examples/values-demo-fifo.yaml", "content/site.yaml"] {
                try? FileManager.default.removeItem(at: c.root.appendingPathComponent(path))
                XCTAssertEqual(mkfifo(c.root.appendingPathComponent(path).path, 0o644), 0, "mkfifo \(path)")
            }
            try Self.link(c, "content/en/to-pipe.md", to: "pipe.md")
            // Each step would block forever if it opened a FIFO for reading.
            try runWithin(20) {
                // site.yaml a FIFO: a clear error, not a hang.
                try Self.expectCodes(Self.buildErrors(c), ["config.missing"])
                try FileManager.default.removeItem(at: c.root.appendingPathComponent("content/site.yaml"))
                try Fixture.write(Self.config, to: "content/site.yaml", in: c.root)
                let diagnostics = try CheckRunner.run(root: c.root).diagnostics
                let special = diagnostics.filter { $0.code == "file.special" }.map(\.file).sorted()
                try Self.expect(special == ["content/en/pipe.md", "content/en/pipe.png", "content/en/to-pipe.md", "content/examples/values-demo-fifo.yaml"], "\(special)")
            }
        }
    }

    /// Runs `body` on another thread and fails when it does not finish in time.
    func runWithin(_ seconds: TimeInterval, file: StaticString = #filePath, line: UInt = #line,
                   _ body: @escaping @Sendable () throws -> Void) throws {
        let outcome = Outcome()
        let thread = Thread {
            do { try body() } catch { outcome.error = error }
            outcome.done.signal()
        }
        thread.start()
        guard outcome.done.wait(timeout: .now() + seconds) == .success else {
            return XCTFail("did not finish within \(seconds) s (a FIFO was opened?)", file: file, line: line)
        }
        if let error = outcome.error { XCTFail("\(error)", file: file, line: line) }
    }

    func testTextDiagnosticsEscapeTerminalControls() throws {
        let evil = "a\u{1B}]0;pwned\u{07}\u{1B}[2J\rb\u{202E}c\u{9B}d"
        let text = DiagnosticPrinter.render([Diagnostic(.error, "x.y", file: "content/en/\(evil).md", line: 1, "bad \(evil)")], format: .text)
        XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x9B || $0.value == 0x202E }, text)
        XCTAssertTrue(text.contains("a\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{D}b\\u{202E}c\\u{9B}d"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 2, "one line per diagnostic, one summary line")
    }

    func testBadByteOffsetsPointAtTheBadByte() throws {
        try hostile(files: Self.site([:]), prepare: { c in
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let head = Array("---\ntitle: x\n---\n".utf8)  // 17 bytes
            try Data(bom + head + [0x41, 0xFF]).write(to: c.root.appendingPathComponent("content/en/bom-ff.md"))
            try Data(bom + head + [0x00]).write(to: c.root.appendingPathComponent("content/en/bom-nul.md"))
            // A three-byte lead followed by ASCII: the lead byte is the bad one.
            try Data(head + [0xE2, 0x41, 0x42]).write(to: c.root.appendingPathComponent("content/en/cut.md"))
        }) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["content.encoding", "content.encoding", "content.encoding"])
            try Self.expect(errors[0].message.contains("0xff at byte offset 21"), "\(errors[0])")
            try Self.expect(errors[1].message.contains("NUL byte at byte offset 20"), "\(errors[1])")
            try Self.expect(errors[2].message.contains("0xe2 at byte offset 17"), "\(errors[2])")
        }
    }
}
