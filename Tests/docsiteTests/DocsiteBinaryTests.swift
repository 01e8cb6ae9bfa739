import Foundation
import XCTest

/// Runs the built `docsite` executable as CI and people do: exit codes,
/// the help text, and each diagnostics format on real fixture trees.
final class DocsiteBinaryTests: XCTestCase {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `.build/<config>/docsite`, beside the test runner (the target's
    /// dependency on `docsite` makes `swift test` build it first).
    static var binary: URL {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return runner.deletingLastPathComponent().appendingPathComponent("docsite")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DocsiteKitTests/Fixtures")

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a full pipe would block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    override func setUp() {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.binary.path),
                      "no built docsite at \(Self.binary.path)")
    }

    func testHelpListsCommandsAndShowsRealDefaults() throws {
        let root = try run(["--help"])
        XCTAssertEqual(root.status, 0)
        for command in ["build", "check", "validate", "translations", "new", "serve"] {
            XCTAssertTrue(root.stdout.contains("  \(command)"), "no \(command) in\n\(root.stdout)")
        }
        let check = try run(["check", "--help"])
        XCTAssertEqual(check.status, 0)
        XCTAssertTrue(check.stdout.contains("default: text)"), check.stdout)
        XCTAssertFalse(check.stdout.contains("OutputFormatArgument"), check.stdout)
        XCTAssertTrue(check.stdout.contains("(default: .)"), check.stdout)
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try run(["no-such-command"]).status, 2)
        let badFormat = try run(["check", "--format", "yaml"])
        XCTAssertEqual(badFormat.status, 2)
        XCTAssertTrue(badFormat.stderr.contains("--format"), badFormat.stderr)
    }

    func testCleanTreeExitsZeroAndFindingsExitOne() throws {
        let clean = try run(["check", "--root", fixture("clean-site"), "--strict"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let findings = try run(["check", "--root", fixture("minimal-site")])
        XCTAssertEqual(findings.status, 1)
        XCTAssertTrue(findings.stderr.contains("content/en/guides/beta.md:1: error: "), findings.stderr)
        XCTAssertTrue(findings.stderr.contains("[translation.missing]"), findings.stderr)
        XCTAssertTrue(findings.stderr.hasSuffix("2 error(s), 3 warning(s)\n"), findings.stderr)
        XCTAssertEqual(findings.stdout, "", "text diagnostics are a log: standard error only")
    }

    func testEachFormatOnStandardOutput() throws {
        let root = fixture("minimal-site")
        let json = try run(["check", "--root", root, "--format", "json"])
        XCTAssertEqual(json.status, 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let diagnostics = try XCTUnwrap(object?["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.filter { $0["severity"] as? String == "error" }.count, 2)
        XCTAssertEqual(diagnostics.first?["code"] as? String, "translation.missing")

        let github = try run(["check", "--root", root, "--format", "github"])
        XCTAssertEqual(github.status, 1)
        XCTAssertTrue(github.stdout.contains("::error file=content/en/guides/beta.md,line=1,title=translation.missing::"),
                      github.stdout)

        let junit = try run(["check", "--root", root, "--format", "junit"])
        XCTAssertEqual(junit.status, 1)
        XCTAssertTrue(junit.stdout.hasPrefix("<?xml"), junit.stdout)
        XCTAssertTrue(junit.stdout.contains("<failure type=\"translation.missing\""), junit.stdout)
        XCTAssertTrue(junit.stdout.contains("failures=\"2\""), junit.stdout)
    }

    func testFailureBeforeAnyCheckUsesTheChosenFormat() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-no-such-root-\(UUID().uuidString)")
        let text = try run(["check", "--root", missing.path])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stderr.contains("[config.missing]"), text.stderr)
        let json = try run(["check", "--root", missing.path, "--format", "json"])
        XCTAssertEqual(json.status, 1)
        XCTAssertTrue(json.stdout.contains("\"code\" : \"config.missing\""), json.stdout)
    }

    /// `translations diff`: 0 with the diff on standard output, 1 with a
    /// diagnostic when the history cannot answer, 2 without a path.
    func testTranslationsDiffExitCodes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ text: String, _ path: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("title: {en: T, ru: Т}\nlanguages: [en, ru]\nsections: [guides]\n", "content/site.yaml")
        try write("---\ntitle: A\n---\n\nOne.\n", "content/en/guides/a.md")
        // 70277bfc409b5021: the first 16 hex digits of SHA-256("One."), the body trimmed.
        try write("---\ntitle: А\nsource_hash: 70277bfc409b5021\n---\n\nОдин.\n", "content/ru/guides/a.md")
        let page = "content/ru/guides/a.md"
        try write("---\ntitle: A\n---\n\nOne.\nTwo.\n", "content/en/guides/a.md")

        let outside = try run(["translations", "diff", "--root", root.path, page])
        XCTAssertEqual(outside.status, 1)
        XCTAssertTrue(outside.stderr.contains("is not inside a git checkout"), outside.stderr)
        XCTAssertTrue(outside.stderr.contains("[translation.history]"), outside.stderr)

        for arguments in [["init", "-q"], ["add", "-A"],
                          ["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one"]] {
            XCTAssertEqual(try git(root, arguments), 0, "git \(arguments)")
            // The first commit holds the translated English text; the change to it stays uncommitted.
            if arguments == ["init", "-q"] { try write("---\ntitle: A\n---\n\nOne.\n", "content/en/guides/a.md") }
        }
        try write("---\ntitle: A\n---\n\nOne.\nTwo.\n", "content/en/guides/a.md")
        let diff = try run(["translations", "diff", "--root", root.path, page])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("@@ -4,2 +4,3 @@\n \n One.\n+Two.\n"), diff.stdout)

        XCTAssertEqual(try run(["translations", "diff", "--root", root.path]).status, 2)
    }

    func git(_ root: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
