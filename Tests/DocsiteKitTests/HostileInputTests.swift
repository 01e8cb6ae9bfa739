import Foundation
import XCTest
@testable import DocsiteKit

/// Issue 9: every kind of broken or hostile input gets a clear diagnostic
/// (the exact code is asserted) or is accepted when it should be, within a
/// time limit, without touching anything outside the output folder and
/// without letting content put active HTML into the site.
///
/// Each case runs in `hostile(...)`: a fresh temporary folder (the
/// repository is `repo/` inside it, with an `outside/` folder beside it), a
/// snapshot of everything but `repo/site-out` before and after, and the body
/// on a background thread that must finish within `limit` seconds.
final class HostileInputTests: XCTestCase {
    // MARK: Harness

    /// Generous against the slowest case measured (the 5 MB page, about 3 s
    /// in a debug build on a loaded 2-core machine) so the suite is not flaky.
    static let defaultLimit: TimeInterval = 20

    struct Case {
        /// The temporary folder that holds `repo/` and `outside/`.
        var top: URL
        var root: URL
        var out: URL { root.appendingPathComponent("site-out") }
    }

    /// Builds `repo/` from `files` (path -> text) or a fixture copy, runs
    /// `body` under the time limit and checks nothing outside `site-out/`
    /// changed.
    func hostile(fixture: String? = nil, files: [String: String] = [:], limit: TimeInterval = defaultLimit,
                 prepare: (Case) throws -> Void = { _ in },
                 file: StaticString = #filePath, line: UInt = #line,
                 _ body: @escaping @Sendable (Case) throws -> Void) throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("docsite-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: top) }
        let root = top.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: top.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("outside the repository: must never be read into the site or changed\n".utf8)
            .write(to: top.appendingPathComponent("outside/secret.txt"))
        if let fixture {
            try FileManager.default.copyItem(at: Fixture.directory.appendingPathComponent(fixture), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        for (path, text) in files { try Fixture.write(text, to: path, in: root) }
        let hostileCase = Case(top: top, root: root)
        try prepare(hostileCase)
        let before = try snapshot(top, excluding: hostileCase.out)

        let outcome = Outcome()
        let thread = Thread {
            do { try body(hostileCase) } catch { outcome.error = error }
            outcome.done.signal()
        }
        thread.stackSize = 8 << 20
        let start = Date()
        thread.start()
        guard outcome.done.wait(timeout: .now() + limit) == .success else {
            XCTFail("case did not finish within \(limit) s", file: file, line: line)
            return
        }
        let elapsed = Date().timeIntervalSince(start)
        if elapsed > limit / 2 { print("HostileInputTests: slow case at line \(line): \(elapsed) s") }
        if let error = outcome.error { XCTFail("case threw \(error)", file: file, line: line) }
        let after = try snapshot(top, excluding: hostileCase.out)
        let changed = Set(before.keys).symmetricDifference(after.keys).union(before.keys.filter { after[$0] != nil && after[$0] != before[$0] })
        XCTAssertEqual(changed.sorted(), [], "changed outside the output folder", file: file, line: line)
    }

    final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: Error?
    }

    /// Every file, folder and symbolic link below `folder` (links are not
    /// followed), with file bytes and link targets, except `excluding` and
    /// the build's own lock, cache and mirror (the previous site) beside it.
    func snapshot(_ folder: URL, excluding: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        let base = folder.path
        let skip = excluding.path
        let lock = excluding.deletingLastPathComponent().appendingPathComponent(".\(excluding.lastPathComponent).lock").path
        let cache = BuildCache.location(out: excluding).path
        let mirror = excluding.deletingLastPathComponent().appendingPathComponent(".\(excluding.lastPathComponent).prev").path
        let searchShards = SearchIndex.workFolder(out: excluding).path
        func walk(_ path: String) throws {
            for name in try fm.contentsOfDirectory(atPath: path) {
                let full = path + "/" + name
                if [skip, lock, cache, mirror, searchShards].contains(full) { continue }
                let relative = String(full.dropFirst(base.count))
                let attributes = try fm.attributesOfItem(atPath: full)
                switch attributes[.type] as? FileAttributeType {
                case .typeSymbolicLink?:
                    result[relative] = Data("-> \(try fm.destinationOfSymbolicLink(atPath: full))".utf8)
                case .typeDirectory?:
                    result[relative + "/"] = Data()
                    try walk(full)
                default:
                    result[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
                }
            }
        }
        try walk(base)
        return result
    }

    // MARK: Helpers (static: the bodies run on another thread)

    static let config = "title: {en: Hostile}\nlanguages: [en]\nsections: [guides]\n"

    static func site(_ pages: [String: String]) -> [String: String] {
        var files = ["content/site.yaml": config, "content/en/index.md": "---\ntitle: Home\n---\nHome page.\n"]
        for (path, text) in pages { files["content/en/\(path)"] = text }
        return files
    }

    static func buildErrors(_ c: Case) -> [Diagnostic] {
        do {
            _ = try BuildPipeline.run(BuildOptions(root: c.root, out: c.out))
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A build that must succeed; returns the diagnostics text on failure.
    static func mustBuild(_ c: Case) throws {
        let errors = buildErrors(c)
        if !errors.isEmpty { throw Failure(DiagnosticPrinter.render(errors, format: .text)) }
    }

    static func checkErrors(_ c: Case) throws -> [Diagnostic] {
        try CheckRunner.run(root: c.root).diagnostics.filter { $0.severity == .error }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Throws unless `condition`; bodies run off the main thread, so they
    /// report through the thrown error rather than XCTAssert.
    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(message()) }
    }

    static func expectCodes(_ diagnostics: [Diagnostic], _ codes: [String], file: String? = nil, mentions: String? = nil) throws {
        let found = diagnostics.map(\.code)
        try expect(found == codes, "expected \(codes), got \(diagnostics)")
        if let file { try expect(diagnostics.allSatisfy { $0.file == file }, "expected all in \(file): \(diagnostics)") }
        if let mentions {
            try expect(diagnostics.allSatisfy { $0.message.contains(mentions) }, "expected '\(mentions)' in \(diagnostics.map(\.message))")
        }
    }

    static func html(_ c: Case, _ path: String) throws -> String {
        try String(contentsOf: c.out.appendingPathComponent(path), encoding: .utf8)
    }

    /// The site's own `<script src=…assets/docsite.js>` and `…assets/theme.js`
    /// (and Pagefind's UI when search is on) are the only scripts;
    /// no element has an `on…` attribute; no href/src is a script URL.
    static func expectNoActiveContent(_ html: String, _ where_: String) throws {
        for element in HTMLScan.elements(in: html) {
            if element.name == "script" {
                let source = element.attributes["src"] ?? ""
                try expect(["assets/docsite.js", "assets/theme.js", "pagefind/pagefind-ui.js"].contains { source.hasSuffix($0) },
                           "\(where_): script from content: \(element)")
            }
            for (name, value) in element.attributes {
                try expect(!name.hasPrefix("on"), "\(where_): event handler \(name) on <\(element.name)>")
                if name == "href" || name == "src" {
                    let scheme = value.unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
                    try expect(!scheme.hasPrefix("javascript:") && !scheme.hasPrefix("vbscript:") && !scheme.hasPrefix("data:"),
                               "\(where_): script URL \(value) on <\(element.name)>")
                }
            }
        }
    }

    static func expectWholeSiteInert(_ c: Case) throws {
        for (path, data) in try treeContents(c.out) where path.hasSuffix(".html") {
            try expectNoActiveContent(String(decoding: data, as: UTF8.self), path)
        }
    }

    /// Billion laughs: ten levels of nine aliases, 10^9 values when expanded.
    static func aliasBomb(indent: String = "") -> String {
        var text = "\(indent)a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = Array("abcdefghij").map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(indent)\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text
    }

    /// Peak resident memory of this process grows by less than `megabytes`
    /// while `body` runs (Linux: VmHWM, reset through /proc/self/clear_refs).
    static func expectPeakMemoryGrowth(below megabytes: Int, _ body: () throws -> Void) throws {
        func peakKB() -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        func currentKB() -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let start = currentKB()
        try body()
        if let start, let peak = peakKB() {
            try expect(peak - start < megabytes * 1024, "peak memory grew by \((peak - start) / 1024) MB")
        }
    }

    // MARK: Markdown and front matter

    func testFrontMatterNeverClosed() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: Open\n\nbody, no closing fence\n"])) { c in
            try Self.expectCodes(Self.buildErrors(c), ["frontmatter.invalid"], file: "content/en/guides/a.md", mentions: "never closed")
            try Self.expect(Self.buildErrors(c).first?.line == 1, "the opening fence's line")
        }
    }

    func testPageThatIsOnlyAnOpeningFence() throws {
        // Fuzz regression: crashed with an out-of-bounds string index.
        try hostile(files: Self.site(["guides/a.md": "---"])) { c in
            try Self.expectCodes(Self.buildErrors(c), ["frontmatter.invalid"], file: "content/en/guides/a.md", mentions: "never closed")
        }
    }

    func testFrontMatterThatIsAListOrAScalar() throws {
        try hostile(files: Self.site(["guides/list.md": "---\n- title\n- x\n---\n", "guides/scalar.md": "---\njust text\n---\n"])) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["frontmatter.invalid", "frontmatter.invalid"], mentions: "must be a mapping")
            try Self.expect(errors.map(\.file) == ["content/en/guides/list.md", "content/en/guides/scalar.md"], "\(errors)")
            try Self.expect(errors.map(\.line) == [2, 2], "\(errors.map(\.line))")
        }
    }

    func testTabsInFrontMatter() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: T\n\tweight: 2\n---\n"])) { c in
            try Self.expectCodes(Self.buildErrors(c), ["frontmatter.invalid"], mentions: "tab")
            try Self.expect(Self.buildErrors(c).first?.line == 3, "line")
        }
    }

    func testDuplicateKeys() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\nweight: 1\ntitle: B\n---\n"])) { c in
            try Self.expectCodes(Self.buildErrors(c), ["frontmatter.invalid"], mentions: "duplicate key 'title'")
            try Self.expect(Self.buildErrors(c).first?.line == 4, "the second title's line")
        }
    }

    func testFiveMegabytePageBuilds() throws {
        // ~5 MB of ordinary Markdown: headings, paragraphs with links, lists, code.
        var body = "---\ntitle: Big\n---\n"
        var section = 0
        while body.utf8.count < 5_000_000 {
            section += 1
            body += "## Section \(section)\n\nSome *text* with a [link](#section-\(section)) and `code`, repeated. "
            body += String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 20)
            body += "\n\n- item one\n- item two\n\n```\nlet x = \(section)\n```\n\n"
        }
        let last = section
        try hostile(files: Self.site(["guides/big.md": body]), limit: 60) { c in
            try Self.mustBuild(c)
            let page = try Self.html(c, "en/guides/big/index.html")
            try Self.expect(page.contains("id=\"section-\(last)\""), "last heading missing")
        }
    }

    func testTenThousandNestedListsAndQuotes() throws {
        // `- - - …` opens one list per marker, so 10,000 levels fit on one line;
        // indented items go 1,000 deep (10,000 would be a 100 MB page).
        let lists = "---\ntitle: Lists\n---\n" + String(repeating: "- ", count: 10_000) + "level 9999\n"
            + String(repeating: "1. ", count: 10_000) + "ordered\n"
        var indented = "---\ntitle: Indented\n---\n"
        for level in 0..<1_000 { indented += String(repeating: "  ", count: level) + "- level \(level)\n" }
        let quotes = "---\ntitle: Quotes\n---\n" + String(repeating: ">", count: 10_000) + " deep\n"
        let mixed = "---\ntitle: Mixed\n---\n" + String(repeating: "> - ", count: 5_000) + "deep\n"
        try hostile(files: Self.site(["guides/lists.md": lists, "guides/indented.md": indented, "guides/quotes.md": quotes, "guides/mixed.md": mixed])) { c in
            try Self.mustBuild(c)
            // Structure below the nesting limit is flattened, the text kept.
            try Self.expect(try Self.html(c, "en/guides/quotes/index.html").contains("deep"), "text of the deep quote lost")
            try Self.expect(try Self.html(c, "en/guides/lists/index.html").contains("level 9999"), "text of the deep list lost")
            try Self.expect(try Self.html(c, "en/guides/indented/index.html").contains("level 999"), "text of the indented list lost")
        }
    }

    func testDeeplyNestedInlinesAndBrackets() throws {
        let page = "---\ntitle: Inline\n---\n" + String(repeating: "*a **b ", count: 3_000) + String(repeating: "[", count: 20_000)
            + "x" + String(repeating: "](y)", count: 20_000) + "\n"
        try hostile(files: Self.site(["guides/inline.md": page])) { c in
            try Self.mustBuild(c)
        }
    }

    func testUnclosedCodeFenceRunsToTheEnd() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: Fence\n---\n```\necho <script>\n## not a heading\n"])) { c in
            try Self.mustBuild(c)
            let page = try Self.html(c, "en/guides/a/index.html")
            try Self.expect(page.contains("echo &lt;script&gt;\n## not a heading"), "code block should run to the end")
            try Self.expectNoActiveContent(page, "a")
        }
    }

    func testCRLFAndBOMAreAccepted() throws {
        try hostile(files: Self.site(["guides/a.md": "\u{FEFF}---\r\ntitle: Windows\r\nweight: 1\r\n---\r\n## Heading\r\n\r\nText\r\n",
                                      "guides/b.md": "---\rtitle: Old Mac\r---\r# Title\r"])) { c in
            try Self.mustBuild(c)
            try Self.expect(try Self.html(c, "en/guides/a/index.html").contains("<h2 id=\"heading\">"), "heading")
            try Self.expect(try Self.html(c, "en/guides/b/index.html").contains("<title>Old Mac"), "CR-only page")
        }
    }

    func testInvalidUTF8NamesTheByteOffset() throws {
        try hostile(files: Self.site([:]), prepare: { c in
            var bytes = Array("---\ntitle: Latin-1\n---\nCaf".utf8)
            bytes += [0xE9, 0x0A]
            try Data(bytes).write(to: c.root.appendingPathComponent("content/en/bad.md"))
            // An overlong encoding and a lone continuation byte.
            try Data(Array("---\ntitle: x\n---\n".utf8) + [0xC0, 0xAF]).write(to: c.root.appendingPathComponent("content/en/overlong.md"))
        }) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["content.encoding", "content.encoding"])
            try Self.expect(errors[0].file == "content/en/bad.md" && errors[0].message.contains("byte offset 26") && errors[0].line == 4, "\(errors[0])")
            try Self.expect(errors[1].file == "content/en/overlong.md" && errors[1].message.contains("byte offset 17"), "\(errors[1])")
        }
    }

    func testNULBytes() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: T\n---\nA\u{0}B\n"])) { c in
            try Self.expectCodes(Self.buildErrors(c), ["content.encoding"], file: "content/en/guides/a.md", mentions: "NUL byte at byte offset 18")
            try Self.expect(Self.buildErrors(c).first?.line == 4, "the NUL byte's line")
        }
    }

    // MARK: HTML injection

    func testScriptInMarkdownIsShownAsText() throws {
        let page = """
        ---
        title: Injection
        ---
        <script>alert(1)</script>

        Inline <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>.

        [tab](java&#9;script:alert(1)) [newline](java&#10;script:alert(1)) [control](&#1;javascript:alert(1))
        [upper](JAVASCRIPT:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)
        ![img](javascript:alert(1)) <javascript:alert(1)> [title](https://example.org "\\" onmouseover=\\"alert(1)")

        [ref]: javascript:alert(1)
        [ref][]

        ## Heading <svg onload=alert(1)> {#x"onclick="alert(1)}

        | <script>x</script> |
        |---|
        | <iframe src=javascript:alert(1)> |

        """
        try hostile(files: Self.site(["guides/a.md": page])) { c in
            try Self.mustBuild(c)
            let html = try Self.html(c, "en/guides/a/index.html")
            try Self.expectNoActiveContent(html, "page")
            try Self.expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML should be shown as text")
            let article = HTMLScan.texts(of: "article", in: html).first ?? ""
            let tags = Set(HTMLScan.elements(in: article).map(\.name))
            try Self.expect(tags.isSubset(of: ["h1", "h2", "p", "a", "img", "pre", "div", "table", "thead", "tbody", "tr", "th", "td"]),
                            "unexpected elements from content: \(tags)")
        }
    }

    func testScriptInTitleDescriptionAndFileName() throws {
        let page = "---\ntitle: \"</title><script>alert(1)</script>\"\ndescription: '\"><script>alert(2)</script><meta http-equiv=refresh content=\"0;url=javascript:alert(3)\">'\n---\nBody.\n"
        let named = "---\ntitle: Named\n---\nLink to [the other](<\"><img src=x onerror=alert(4)>.md>).\n"
        try hostile(files: Self.site(["guides/a.md": page, "guides/\"><img src=x onerror=alert(4)>.md": named,
                                      "<script>alert(5)<script>.md": "---\ntitle: Script file\n---\n"])) { c in
            try Self.mustBuild(c)
            try Self.expectWholeSiteInert(c)
            let html = try Self.html(c, "en/guides/a/index.html")
            let elements = HTMLScan.elements(in: html)
            try Self.expect(!elements.contains { $0.name == "meta" && $0.attributes["http-equiv"] != nil }, "meta refresh from content")
            try Self.expect(elements.first { $0.name == "meta" && $0.attributes["name"] == "description" }?.attributes["content"]?.hasPrefix("\"><script>") == true,
                            "description must survive as text")
            try Self.expect(HTMLScan.texts(of: "h1", in: html).first == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "title escaped")
        }
    }

    func testScriptInAChartSchemaDescription() throws {
        try hostile(fixture: "hostile-chart", prepare: { c in
            try Fixture.write("""
            {"type": "object", "description": "<script>alert(1)</script>",
             "properties": {"replicas": {"type": "integer", "description": "<img src=x onerror=alert(2)> replicas"},
                            "name": {"type": "string", "description": "[x](javascript:alert(3))"},
                            "mode": {"enum": ["small", "large"], "description": "Size."}}}
            """, to: "charts/demo/values.schema.json", in: c.root)
        }) { c in
            try Self.expectCodes(try Self.checkErrors(c), [])
            try Self.mustBuild(c)
            try Self.expectWholeSiteInert(c)
            for (path, data) in try treeContents(c.out) {
                try Self.expect(!String(decoding: data, as: UTF8.self).contains("<script>alert"), "\(path) carries the schema's script")
            }
        }
    }

    // MARK: YAML

    func testAliasBombInFrontMatter() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: Bomb\n" + Self.aliasBomb() + "---\n"])) { c in
            try Self.expectPeakMemoryGrowth(below: 200) {
                try Self.expectCodes(Self.buildErrors(c), ["frontmatter.invalid"], file: "content/en/guides/a.md", mentions: "alias bomb")
            }
        }
    }

    func testAliasBombInAnOverlay() throws {
        try hostile(fixture: "hostile-chart", files: ["content/examples/values-demo-bomb.yaml": Self.aliasBomb()]) { c in
            try Self.expectPeakMemoryGrowth(below: 200) {
                try Self.expectCodes(try Self.checkErrors(c), ["overlay.invalid"], file: "content/examples/values-demo-bomb.yaml", mentions: "alias bomb")
            }
        }
    }

    func testAliasBombInValuesYAML() throws {
        try hostile(fixture: "hostile-chart", files: ["charts/demo/values.yaml": "replicas: 1\n" + Self.aliasBomb()]) { c in
            try Self.expectPeakMemoryGrowth(below: 200) {
                // (Whether index.md's chart link is reported in turn is the link check's business.)
                let errors = try Self.checkErrors(c).filter { $0.file.hasPrefix("charts/") }
                try Self.expectCodes(errors, ["yaml.invalid"], file: "charts/demo/values.yaml", mentions: "alias bomb")
            }
        }
    }

    func testAliasBombThroughMappingKeysAndMerges() throws {
        let bomb = Self.aliasBomb() + "? *j\n: key\nmerged:\n  <<: *j\n"
        try hostile(fixture: "hostile-chart", files: ["content/examples/values-demo-keys.yaml": bomb]) { c in
            try Self.expectCodes(try Self.checkErrors(c), ["overlay.invalid"], file: "content/examples/values-demo-keys.yaml", mentions: "alias bomb")
        }
    }

    func testUnknownTagsAreReadAsPlainValues() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: !custom Tagged\ndescription: !!python/object:os.system echo\nweight: !!int 3\n---\nBody\n"])) { c in
            try Self.mustBuild(c)
            let html = try Self.html(c, "en/guides/a/index.html")
            try Self.expect(html.contains("<h1>Tagged</h1>"), "title of a tagged scalar")
        }
    }

    func testVeryDeepYAMLNesting() throws {
        let flow = "title: Deep\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        var block = "title: Deep\n"
        for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k:\n" }
        try hostile(fixture: "hostile-chart", files: [
            "content/en/guides/flow.md": "---\n" + flow + "---\n",
            "content/en/guides/block.md": "---\n" + block + "---\n",
            "content/examples/values-demo-deep.yaml": "x: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n",
        ]) { c in
            // Before the libyaml pre-scan, 10,000 nested `[` crashed the process (stack overflow).
            let errors = try Self.checkErrors(c).sortedStably()
            try Self.expectCodes(errors, ["frontmatter.invalid", "frontmatter.invalid", "overlay.invalid"], mentions: "nesting deeper than")
            try Self.expect(errors.map(\.file) == ["content/en/guides/block.md", "content/en/guides/flow.md", "content/examples/values-demo-deep.yaml"], "\(errors)")
        }
    }

    // MARK: JSON Schema

    static func schemaCase(_ schema: String, overlay: String = "replicas: 2\n", limit: TimeInterval = defaultLimit,
                           _ test: HostileInputTests, line: UInt = #line, _ expectations: @escaping @Sendable ([Diagnostic]) throws -> Void) throws {
        try test.hostile(fixture: "hostile-chart", files: ["charts/demo/values.schema.json": schema, "content/examples/values-demo-ok.yaml": overlay],
                         limit: limit, line: line) { c in
            try expectations(try checkErrors(c))
        }
    }

    // A `$ref` cycle compiles (as in Helm's validator) and evaluation stops
    // on the first lap with a clear message, blamed on every values file.
    func testSchemaThatRefersToItself() throws {
        try Self.schemaCase(##"{"$ref": "#"}"##, self) { errors in
            try Self.expectCodes(errors, ["chart.values-invalid", "overlay.invalid"], mentions: "infinite recursion: $ref leads back")
        }
    }

    func testSchemaRefCycleThroughOthers() throws {
        let schema = ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"$ref": "#/$defs/a"}}, "properties": {"replicas": {"$ref": "#/$defs/a"}}}"##
        try Self.schemaCase(schema, self) { errors in
            try Self.expectCodes(errors, ["chart.values-invalid", "overlay.invalid"], mentions: "infinite recursion: $ref leads back")
        }
    }

    func testRecursiveSchemaWithABaseCaseStillValidates() throws {
        // Legitimate recursion (a tree) must keep working, and a deep instance is bounded.
        let schema = ##"{"$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}}, "properties": {"tree": {"$ref": "#/$defs/node"}}}"##
        let deep = "tree: " + String(repeating: "{child: ", count: 60) + "{}" + String(repeating: "}", count: 60) + "\n"
        try Self.schemaCase(schema, overlay: deep, self) { errors in
            try Self.expectCodes(errors, [])
        }
    }

    func testSchemaRefToAMissingPointer() throws {
        try Self.schemaCase(##"{"properties": {"replicas": {"$ref": "#/$defs/nowhere"}}}"##, self) { errors in
            try Self.expectCodes(errors, ["chart.schema-invalid"], file: "charts/demo/values.schema.json", mentions: "nowhere")
        }
    }

    func testRemoteRefIsRefusedWithoutNetwork() throws {
        for reference in ["https://example.invalid/schema.json", "http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "../../../../etc/passwd"] {
            try Self.schemaCase(##"{"properties": {"replicas": {"$ref": "\##(reference)"}}}"##, limit: 10, self) { errors in
                try Self.expectCodes(errors, ["chart.schema-invalid"], file: "charts/demo/values.schema.json")
                try Self.expect(!errors[0].message.contains("root:"), "a file outside the chart was read")
            }
        }
    }

    func testHugeEnum() throws {
        let values = (0..<200_000).map { "\"v\($0)\"" }.joined(separator: ",")
        let schema = ##"{"properties": {"mode": {"enum": [\##(values)], "description": "Many."}}}"##
        try Self.schemaCase(schema, overlay: "mode: v199999\n", limit: 30, self) { errors in
            try Self.expectCodes(errors, ["chart.values-invalid"], file: "charts/demo/values.yaml", mentions: "'mode'")
        }
    }

    func testCatastrophicRegexIsTimeBounded() throws {
        let schema = ##"{"properties": {"name": {"type": "string", "pattern": "^(a+)+$"}, "mode": {"type": "string", "pattern": "^(a|aa)*(b|c)*(x|y|xy)*$"}}}"##
        let evil = String(repeating: "a", count: 40) + "!"
        try Self.schemaCase(schema, overlay: "name: \"\(evil)\"\nmode: \"\(evil)\"\n", self) { errors in
            let overlay = errors.filter { $0.file == "content/examples/values-demo-ok.yaml" }
            try Self.expectCodes(overlay, ["overlay.invalid", "overlay.invalid"])
        }
    }

    // MARK: Paths

    func testLinkThatClimbsOutOfTheRepository() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n[passwd](../../../../etc/passwd) [secret](../../../../outside/secret.txt) ![img](/../../../x.png)\n"])) { c in
            let errors = try Self.checkErrors(c)
            try Self.expectCodes(errors, ["link.outside", "link.outside", "link.outside"], file: "content/en/guides/a.md")
            try Self.mustBuild(c)
            let article = HTMLScan.texts(of: "article", in: try Self.html(c, "en/guides/a/index.html")).first ?? ""
            let urls = HTMLScan.elements(in: article).compactMap { $0.attributes["href"] ?? $0.attributes["src"] }
            try Self.expect(urls.allSatisfy { $0 == "#" } && urls.count == 3, "\(urls)")
        }
    }

    func testSymlinkInContentPointingOutsideIsNotFollowed() throws {
        try hostile(files: Self.site([:]), prepare: { c in
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: c.root.appendingPathComponent("content/en/secret.md").path,
                                      withDestinationPath: c.top.appendingPathComponent("outside/secret.txt").path)
            try fm.createSymbolicLink(atPath: c.root.appendingPathComponent("content/en/up").path, withDestinationPath: "../../../outside")
        }) { c in
            let errors = Self.buildErrors(c).sortedStably()
            try Self.expectCodes(errors, ["link.outside", "link.outside"], mentions: "not followed")
            try Self.expect(errors.map(\.file) == ["content/en/secret.md", "content/en/up"], "\(errors)")
            try Self.expect(!FileManager.default.fileExists(atPath: c.out.path), "a site was written")
            try Self.expectCodes(try Self.checkErrors(c), ["link.outside", "link.outside"])
        }
    }

    func testSymlinksInChartsAndExamplesPointingOutsideAreNotRead() throws {
        // Each: the link to make (path in the repository -> target) and the file the refusal names.
        let cases: [(link: String, target: String, blamed: String?)] = [
            ("charts/demo/values.yaml", "../../../outside/kubeconfig.yaml", "charts/demo/values.yaml"),
            ("content/examples/values-demo-leak.yaml", "../../../outside/kubeconfig.yaml", "content/examples/values-demo-leak.yaml"),
            ("charts/demo/values.schema.json", "../../../outside/secret.json", "charts/demo/values.schema.json"),
            // Another JSON file of the chart is offered to $ref only when inside the repository.
            ("charts/demo/extra.json", "../../../outside/secret.json", nil),
        ]
        for item in cases {
            try hostile(fixture: "hostile-chart", prepare: { c in
                let outside = c.top.appendingPathComponent("outside")
                try Data("apiVersion: v1\nreplicas: 1\ntoken: TOPSECRET-kubeconfig\n".utf8).write(to: outside.appendingPathComponent("kubeconfig.yaml"))
                try Data(##"{"description": "TOPSECRET-json", "$defs": {"x": {"description": "TOPSECRET-json"}}}"##.utf8)
                    .write(to: outside.appendingPathComponent("secret.json"))
                let link = c.root.appendingPathComponent(item.link)
                try? FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: item.target)
                if item.blamed == nil {
                    try Fixture.write(##"{"properties": {"replicas": {"$ref": "extra.json#/$defs/x"}}}"##, to: "charts/demo/values.schema.json", in: c.root)
                }
            }) { c in
                let all = try CheckRunner.run(root: c.root).diagnostics
                if let blamed = item.blamed {
                    try Self.expectCodes(all.filter { $0.code == "link.outside" }, ["link.outside"], file: blamed, mentions: "not followed")
                } else {
                    try Self.expectCodes(all.filter { $0.severity == .error }, ["chart.schema-invalid"], file: "charts/demo/values.schema.json")
                }
                try Self.expect(!all.contains { $0.message.contains("TOPSECRET") }, "\(all)")
                _ = Self.buildErrors(c)
                if FileManager.default.fileExists(atPath: c.out.path) {
                    for (path, data) in try treeContents(c.out) where String(decoding: data, as: UTF8.self).contains("TOPSECRET") {
                        throw Failure("\(path) publishes a file from outside the repository")
                    }
                }
            }
        }
    }

    func testFileNamesWithSpacesCyrillicAndHash() throws {
        let names = ["guides/with space.md", "guides/Быстрый старт.md", "guides/c#-and-f#.md", "guides/percent%20.md", "guides/q?.md"]
        var pages: [String: String] = [:]
        for name in names { pages[name] = "---\ntitle: \(name)\n---\nBody of \(name).\n" }
        pages["guides/links.md"] = "---\ntitle: Links\n---\n[a](with%20space.md) [b](<Быстрый старт.md>) [c](<percent%2520.md>)\n"
        try hostile(files: Self.site(pages)) { c in
            try Self.mustBuild(c)
            let site = try treeContents(c.out)
            for name in names {
                let output = Page.urlPath(language: "en", path: name) + "index.html"
                try Self.expect(site[output] != nil, "missing \(output)")
            }
            try Self.expectCodes(try Self.checkErrors(c), [])
            // Every link in the navigation resolves to a page that was written.
            let html = try Self.html(c, "en/guides/links/index.html")
            let nav = HTMLScan.texts(of: "nav class=\"site-nav\"", in: html).first ?? ""
            var targets: [String] = []
            for element in HTMLScan.elements(in: nav) + HTMLScan.elements(in: HTMLScan.texts(of: "article", in: html).first ?? "") {
                guard element.name == "a", let href = element.attributes["href"] else { continue }
                guard let decoded = href.removingPercentEncoding,
                      let target = RelativePath.resolve(decoded, against: "en/guides/links") else { throw Failure("bad href \(href)") }
                targets.append(target)
                try Self.expect(site[target + "/index.html"] != nil || site[target + "index.html"] != nil, "link \(href) -> \(target) is broken")
            }
            try Self.expect(targets.count >= names.count + 3, "\(targets)")
        }
    }

    func testOutputAtTheRepositoryOrInContentIsRefusedBeforeDeleting() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n"])) { c in
            for out in [c.root, c.root.appendingPathComponent("content"), c.root.appendingPathComponent("content/en"),
                        c.root.appendingPathComponent("."), c.root.appendingPathComponent("content/../content"), c.top] {
                do {
                    _ = try BuildPipeline.run(BuildOptions(root: c.root, out: out))
                    throw Failure("--out \(out.path) was accepted")
                } catch let error as DiagnosticsError {
                    try Self.expectCodes(error.diagnostics, ["output.write"], mentions: "refusing --out")
                }
            }
        }
    }

    func testOutputThroughASymlinkToTheRepositoryIsRefused() throws {
        try hostile(files: Self.site([:]), prepare: { c in
            try FileManager.default.createSymbolicLink(atPath: c.root.appendingPathComponent("alias-of-content").path,
                                                       withDestinationPath: "content")
        }) { c in
            var errors: [Diagnostic] = []
            do {
                _ = try BuildPipeline.run(BuildOptions(root: c.root, out: c.root.appendingPathComponent("alias-of-content")))
            } catch let error as DiagnosticsError {
                errors = error.diagnostics
            }
            try Self.expectCodes(errors, ["output.write"])
        }
    }

    // MARK: Output

    func testFailingBuildLeavesThePreviousSiteIntact() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n", "guides/b.md": "---\ntitle: B\n---\n"])) { c in
            try Self.mustBuild(c)
            let before = try treeContents(c.out)
            try Fixture.write("---\ntitle: A, edited\n---\n", to: "content/en/guides/a.md", in: c.root)
            let counter = Counter()
            struct Injected: Error {}
            do {
                _ = try BuildPipeline.run(BuildOptions(root: c.root, out: c.out), beforeEachFile: { _ in
                    if counter.next() > 3 { throw Injected() }
                })
                throw Failure("the injected failure did not stop the build")
            } catch let error as DiagnosticsError {
                try Self.expectCodes(error.diagnostics, ["output.write"], mentions: "previous output kept")
            }
            try Self.expect(try treeContents(c.out) == before, "site-out changed after a failed build")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: c.root.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
            try Self.expect(leftovers.isEmpty, "leftovers \(leftovers)")
            // Restore the page so the snapshot outside site-out matches.
            try Fixture.write("---\ntitle: A\n---\n", to: "content/en/guides/a.md", in: c.root)
        }
    }

    func testTwoConcurrentBuildsDoNotCorruptTheOutput() throws {
        var pages: [String: String] = [:]
        for i in 0..<40 { pages["guides/p\(i).md"] = "---\ntitle: Page \(i)\n---\n## Part \(i)\n" }
        try hostile(files: Self.site(pages)) { c in
            try Self.mustBuild(c)
            let expected = try treeContents(c.out)
            try FileManager.default.removeItem(at: c.out)
            // The first build pauses inside its write stage until the second has run.
            let firstIsWriting = DispatchSemaphore(value: 0)
            let secondIsDone = DispatchSemaphore(value: 0)
            let first = Outcome()
            let paused = Counter()
            Thread {
                do {
                    _ = try BuildPipeline.run(BuildOptions(root: c.root, out: c.out), beforeEachFile: { _ in
                        if paused.next() == 1 {
                            firstIsWriting.signal()
                            _ = secondIsDone.wait(timeout: .now() + 10)
                        }
                    })
                } catch { first.error = error }
                first.done.signal()
            }.start()
            try Self.expect(firstIsWriting.wait(timeout: .now() + 10) == .success, "first build never wrote")
            let second = Self.buildErrors(c)
            secondIsDone.signal()
            try Self.expect(first.done.wait(timeout: .now() + 15) == .success, "first build did not finish")
            if let error = first.error { throw Failure("first build failed: \(error)") }
            try Self.expectCodes(second, ["output.locked"], mentions: "another docsite build")
            try Self.expect(try treeContents(c.out) == expected, "the output is not the complete site")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: c.root.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
            try Self.expect(leftovers.isEmpty, "leftovers \(leftovers)")
        }
    }

    func testTwoBuildsRacingFreelyAlwaysLeaveACompleteSite() throws {
        var pages: [String: String] = [:]
        for i in 0..<20 { pages["guides/p\(i).md"] = "---\ntitle: Page \(i)\n---\nText \(i)\n" }
        try hostile(files: Self.site(pages), limit: 60) { c in
            try Self.mustBuild(c)
            let expected = try treeContents(c.out)
            for _ in 0..<5 {
                let results = Outcome()
                let codes = Codes()
                let group = DispatchGroup()
                for _ in 0..<2 {
                    group.enter()
                    Thread {
                        codes.add(Self.buildErrors(c).map(\.code))
                        group.leave()
                    }.start()
                }
                try Self.expect(group.wait(timeout: .now() + 20) == .success, "builds did not finish")
                _ = results
                try Self.expect(codes.all.allSatisfy { $0 == [] || $0 == ["output.locked"] }, "\(codes.all)")
                try Self.expect(codes.all.contains([]), "neither build succeeded")
                try Self.expect(try treeContents(c.out) == expected, "the output is not the complete site")
            }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }

    final class Codes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var all: [[String]] = []
        func add(_ codes: [String]) { lock.lock(); all.append(codes); lock.unlock() }
    }
}
