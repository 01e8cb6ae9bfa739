import XCTest
import TypedHTML
@testable import DocsiteKit

final class SyntaxHighlighterTests: XCTestCase {
    let highlighter = SyntaxHighlighter()

    // MARK: Languages

    func testUnknownLanguagesReturnNil() {
        for language in ["", "swift", "text", "html", "yamlx", "c++", "<script>"] {
            XCTAssertNil(highlighter.highlight(code: "a: 1 <b>", language: language), language)
        }
    }

    func testEveryNameAndAliasIsHighlighted() {
        for language in ["yaml", "yml", "bash", "sh", "shell", "zsh", "console", "shell-session", "python", "py", "dockerfile",
                         "docker", "json", "YAML", "Dockerfile", "yaml title=\"values.yaml\""] {
            XCTAssertNotNil(highlighter.highlight(code: "x", language: language), language)
        }
    }

    // MARK: YAML

    func testYAMLKeyLinksWrapOnlyTheKeysAtTheirOffsets() {
        let code = "a:\n  b: 1 # b: no\nc: {b: 2}\n"
        let plain = highlighter.highlight(code: code, language: "yaml")
        XCTAssertEqual(highlighter.highlight(yaml: code, keyLinks: [:]), plain, "no links: the same markup as highlight(code:language:)")
        // Offsets 5 (`b` on line 2) and 22 (`b` inside the flow mapping).
        let linked = highlighter.highlight(yaml: code, keyLinks: [5: .init(href: "#values-a-b", title: "a.b"),
                                                                  22: .init(href: "#values-c-b", title: "c.b")]).markup
        let link = { (href: String, title: String) in
            #"<a class="values-key-link" href="\#(href)" title="\#(title)"><span class="tok-key">b</span></a>"#
        }
        XCTAssertTrue(linked.contains("  " + link("#values-a-b", "a.b") + ": "), linked)
        XCTAssertTrue(linked.contains("{" + link("#values-c-b", "c.b") + ": "), linked)
        XCTAssertTrue(linked.contains(#"<span class="tok-key">a</span>"#) && linked.contains(#"<span class="tok-com"># b: no</span>"#))
        XCTAssertEqual(linked.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression), code,
                       "links must not add, drop or move text")
    }

    func testOverlayKeyOffsetsCountCharactersNotBytesAndSkipLists() {
        let code = "ключ:\n  вложенный: {ещё: 1}\nlist:\n  - name: x\n"
        let keys = OverlayKeys.keys(in: code)
        XCTAssertEqual(keys.map(\.path), ["ключ", "ключ.вложенный", "ключ.вложенный.ещё", "list"])
        let bytes = Array(code.utf8)
        for key in keys {
            let name = key.path.split(separator: ".").last.map(String.init) ?? ""
            XCTAssertEqual(String(decoding: bytes[key.offset..<(key.offset + name.utf8.count)], as: UTF8.self), name, key.path)
        }
        XCTAssertEqual(OverlayKeys.keys(in: "a: [unclosed"), [], "an overlay that does not parse has no keys")
    }

    func testYAMLKeysScalarsAndComments() throws {
        let code = """
        # Spark Connect
        spark-connect:
          replicas: 2   # one per zone
          enabled: true
          image: "apache/spark:4.1.0"
          pullPolicy: IfNotPresent
          url: http://host:8080/a#b
          ratio: -1.5e3
          version: 3.5.7
          empty: ~
          'quoted key': 'it''s'
          - name: driver
            port: 0x1F
          inline: {cpu: 1, memory: "2g", flag: off}
          list: [a, "b", 3]
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "yaml"))
        assertHighlightToken(tokens, .comment, "# Spark Connect")
        assertHighlightToken(tokens, .key, "spark-connect")
        assertHighlightToken(tokens, .key, "replicas")
        assertHighlightToken(tokens, .number, "2")
        assertHighlightToken(tokens, .comment, "# one per zone")
        assertHighlightToken(tokens, .keyword, "true")
        assertHighlightToken(tokens, .string, "\"apache/spark:4.1.0\"")
        assertHighlightToken(tokens, .string, "IfNotPresent")
        assertHighlightToken(tokens, .string, "http://host:8080/a#b")
        assertHighlightToken(tokens, .number, "-1.5e3")
        assertHighlightToken(tokens, .string, "3.5.7")
        assertHighlightToken(tokens, .keyword, "~")
        assertHighlightToken(tokens, .key, "'quoted key'")
        assertHighlightToken(tokens, .string, "'it''s'")
        assertHighlightToken(tokens, .key, "name")
        assertHighlightToken(tokens, .string, "driver")
        assertHighlightToken(tokens, .number, "0x1F")
        assertHighlightToken(tokens, .key, "cpu")
        assertHighlightToken(tokens, .number, "1")
        assertHighlightToken(tokens, .key, "memory")
        assertHighlightToken(tokens, .string, "\"2g\"")
        assertHighlightToken(tokens, .keyword, "off")
        assertHighlightToken(tokens, .string, "a")
        assertHighlightToken(tokens, .string, "\"b\"")
        assertHighlightToken(tokens, .number, "3")
    }

    func testYAMLBlockScalarContentIsStringNotComment() throws {
        let code = """
        script: |
          # not a comment
          echo "a: b"

          done
        next: >-
          folded
        after: 1
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "yml"))
        assertHighlightToken(tokens, .string, "# not a comment")
        assertHighlightToken(tokens, .string, "echo \"a: b\"")
        assertHighlightToken(tokens, .string, "done")
        assertHighlightToken(tokens, .string, "folded")
        assertHighlightToken(tokens, .key, "next")
        assertHighlightToken(tokens, .key, "after")
        XCTAssertFalse(tokens.contains { $0.kind == .comment })
        XCTAssertFalse(tokens.contains { $0.kind == .key && $0.text == "echo \"a" })
    }

    func testYAMLPipeInsideAValueIsNotABlockScalar() throws {
        let tokens = try highlightSegments(highlighter.highlight(code: "cmd: a | b\nnext: 1\n", language: "yaml"))
        assertHighlightToken(tokens, .string, "a | b")
        assertHighlightToken(tokens, .key, "next")
    }

    // MARK: JSON

    func testJSONKeysStringsNumbersLiterals() throws {
        let code = #"{"name": "spark", "re\"plicas" : 3, "ratio": -0.5e-2, "on": true, "off": false, "x": null, "list": ["a", 1]}"#
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "json"))
        assertHighlightToken(tokens, .key, "\"name\"")
        assertHighlightToken(tokens, .string, "\"spark\"")
        assertHighlightToken(tokens, .key, #""re\"plicas""#)
        assertHighlightToken(tokens, .number, "3")
        assertHighlightToken(tokens, .number, "-0.5e-2")
        assertHighlightToken(tokens, .keyword, "true")
        assertHighlightToken(tokens, .keyword, "false")
        assertHighlightToken(tokens, .keyword, "null")
        assertHighlightToken(tokens, .string, "\"a\"")
        assertHighlightToken(tokens, .number, "1")
    }

    // MARK: Shell

    func testShellCommentsStringsKeywordsAndNumbers() throws {
        let code = """
        #!/bin/bash
        set -euo pipefail
        for chart in spark-3.5 spark-4.1; do
          if [ "$#" -gt 0 ]; then echo 'if done' # check
          fi
          helm install "$chart" --set replicas=2 --timeout 300
        done
        echo if ${done} x#y
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "bash"))
        assertHighlightToken(tokens, .comment, "#!/bin/bash")
        assertHighlightToken(tokens, .keyword, "set")
        assertHighlightToken(tokens, .keyword, "for")
        assertHighlightToken(tokens, .keyword, "in")
        assertHighlightToken(tokens, .keyword, "do")
        assertHighlightToken(tokens, .keyword, "if")
        assertHighlightToken(tokens, .string, "\"$#\"")
        assertHighlightToken(tokens, .keyword, "then")
        assertHighlightToken(tokens, .string, "'if done'")
        assertHighlightToken(tokens, .comment, "# check")
        assertHighlightToken(tokens, .keyword, "fi")
        assertHighlightToken(tokens, .string, "\"$chart\"")
        assertHighlightToken(tokens, .number, "300")
        assertHighlightToken(tokens, .keyword, "done")
        // Arguments are not keywords; `x#y` and `${done}` hold no comment or keyword.
        XCTAssertEqual(tokens.filter { $0.kind == .keyword && $0.text == "if" }.count, 1)
        XCTAssertEqual(tokens.filter { $0.kind == .keyword && $0.text == "done" }.count, 1)
        XCTAssertFalse(tokens.contains { $0.kind == .comment && $0.text.hasPrefix("#y") })
        XCTAssertFalse(tokens.contains { $0.kind == .number && $0.text == "2" })
    }

    func testShellCommandsAndVariablesAreTokens() throws {
        let code = """
        helm install spark charts/spark-4.1 -f charts/values-common.yaml
        NS=spark kubectl -n "$NS" get pods | grep driver && echo $? ${HOME}/x $(date)
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "bash"))
        XCTAssertEqual(tokens.filter { $0.kind == .command }.map(\.text), ["helm", "kubectl", "grep", "echo", "date"])
        XCTAssertEqual(tokens.filter { $0.kind == .variable }.map(\.text), ["NS", "$?", "${HOME}"])
        assertHighlightToken(tokens, .string, "\"$NS\"")
        // The same lines after a prompt, in both console names; output stays plain.
        for language in ["console", "shell-session"] {
            let session = try highlightSegments(highlighter.highlight(code: "$ helm list\nNAME\n", language: language))
            XCTAssertEqual(session.filter { $0.kind != nil }.map(\.text), ["helm"], language)
        }
        let zsh = try highlightSegments(highlighter.highlight(code: "kubectl get pods\n", language: "zsh"))
        XCTAssertEqual(zsh.filter { $0.kind == .command }.map(\.text), ["kubectl"])
    }

    func testShellHereDocumentBodyIsString() throws {
        let code = """
        cat <<'EOF' > values.yaml
        # not a comment
        replicas: 2
        EOF
        echo done # real comment
        cat <<-END
        \tbody
        \tEND
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "sh"))
        assertHighlightToken(tokens, .string, "# not a comment\nreplicas: 2\n")
        assertHighlightToken(tokens, .comment, "# real comment")
        assertHighlightToken(tokens, .string, "\tbody\n")
        XCTAssertFalse(tokens.contains { $0.kind == .comment && $0.text == "# not a comment" })
    }

    func testConsoleHighlightsOnlyPromptLines() throws {
        let code = """
        $ helm install spark charts/spark-4.1 \\
            --set x=1 # comment
        NAME: spark
        # output, not a comment, if anything
        $ kubectl get pods
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "console"))
        assertHighlightToken(tokens, .comment, "# comment")
        XCTAssertFalse(tokens.contains { $0.kind != nil && $0.text.contains("output") })
        XCTAssertFalse(tokens.contains { $0.kind != nil && $0.text.contains("NAME") })
        XCTAssertEqual(tokens.filter { $0.kind == .comment }.count, 1)
    }

    // MARK: Python

    func testPythonKeywordsStringsCommentsNumbers() throws {
        let code = """
        from pyspark.sql import SparkSession  # session
        def main(argv=None):
            '''Doc # not comment
            still doc'''
            spark = SparkSession.builder.remote(f"sc://{host}:15002").getOrCreate()
            if iffy is not True and élif: return 1_000 + 0x1F + 1e-3 + .5
            path = r'C:\\dir\\'  # raw
            b"bytes"
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "py"))
        for keyword in ["from", "import", "def", "None", "if", "is", "not", "True", "and", "return"] {
            assertHighlightToken(tokens, .keyword, keyword)
        }
        assertHighlightToken(tokens, .comment, "# session")
        assertHighlightToken(tokens, .string, "'''Doc # not comment\n    still doc'''")
        assertHighlightToken(tokens, .string, "f\"sc://{host}:15002\"")
        assertHighlightToken(tokens, .number, "1_000")
        assertHighlightToken(tokens, .number, "0x1F")
        assertHighlightToken(tokens, .number, "1e-3")
        assertHighlightToken(tokens, .number, ".5")
        assertHighlightToken(tokens, .string, "r'C:\\dir\\'  # raw")
        assertHighlightToken(tokens, .string, "b\"bytes\"")
        XCTAssertFalse(tokens.contains { $0.text == "iffy" || $0.text == "élif" })
    }

    // MARK: Dockerfile

    func testDockerfileInstructionsAndShellArguments() throws {
        let code = """
        # syntax=docker/dockerfile:1
        FROM apache/spark:4.1.0 AS base
        ENV SPARK_HOME="/opt/spark" PORT=15002
        run apt-get update && \\
            # comment inside the command
            apt-get install -y curl && \\
            if true; then echo ok; fi
        EXPOSE 15002 4040/tcp
        COPY --chown=spark:spark conf/ $SPARK_HOME/conf/
        CMD ["/opt/spark/bin/spark-submit", "--version"]
        """
        let tokens = try highlightSegments(highlighter.highlight(code: code, language: "dockerfile"))
        assertHighlightToken(tokens, .comment, "# syntax=docker/dockerfile:1")
        for instruction in ["FROM", "ENV", "run", "EXPOSE", "COPY", "CMD"] { assertHighlightToken(tokens, .key, instruction) }
        assertHighlightToken(tokens, .keyword, "AS")
        assertHighlightToken(tokens, .string, "\"/opt/spark\"")
        assertHighlightToken(tokens, .number, "15002")
        assertHighlightToken(tokens, .number, "4040")
        assertHighlightToken(tokens, .comment, "# comment inside the command")
        assertHighlightToken(tokens, .keyword, "if")
        assertHighlightToken(tokens, .keyword, "fi")
        assertHighlightToken(tokens, .string, "\"/opt/spark/bin/spark-submit\"")
        // The continued RUN lines are not instructions.
        XCTAssertFalse(tokens.contains { $0.kind == .key && $0.text == "apt-get" })
        XCTAssertEqual(tokens.filter { $0.kind == .key }.count, 6)
    }

    // MARK: Escaping and round trip

    func testMarkupInCodeIsEscapedInEveryLanguage() throws {
        let hostile = "<script>alert('x&y')</script> \"<img src=x onerror=alert(1)>\" # <b>&amp;</b>\nkey<: >v"
        for language in Self.languages {
            let html = try XCTUnwrap(highlighter.highlight(code: hostile, language: language)).markup
            let parts = try highlightSegments(html, language)
            XCTAssertEqual(parts.map(\.text).joined(), hostile, language)
            XCTAssertFalse(html.contains("<script"), language)
            XCTAssertFalse(html.contains("<img"), language)
            XCTAssertTrue(html.contains("&amp;amp;"), language)
        }
    }

    func testRoundTripOverSamplesAndTheirPrefixes() throws {
        for language in Self.languages {
            for sample in Self.samples {
                var prefix = ""
                // Every prefix: unterminated strings, comments and here-documents at every point.
                for character in sample {
                    prefix.append(character)
                    try assertRoundTrip(prefix, language)
                }
            }
        }
    }

    func testRoundTripOverRandomHostileInputs() throws {
        var generator = SplitMix64(seed: 0x5eed)
        let pieces = ["\"", "'", "'''", "\"\"\"", "\\", "#", "<", ">", "&", "&amp;", "\n", "\r\n", "\t", " ", ":", ": ",
                      "- ", "|", ">-", "{", "}", "[", "]", ",", "$", "${", "$(", "<<EOF", "<<-'X'", "EOF", "X", "`",
                      "//", "/*", "*/", "0x", "1e-", "9", ".5", "if", "in", "RUN ", "FROM", "AS", "é", "😀", "e\u{301}",
                      "\u{0}", "ё", "---", "...", "~", "!tag", "&a", "*a", "r\"", "f'", "true", "null", "</span>",
                      "<span class=\"tok-key\">", "$ ", "\\\n"]
        for language in Self.languages {
            for _ in 0..<400 {
                let length = Int(generator.next() % 40)
                var input = ""
                for _ in 0..<length { input += pieces[Int(generator.next() % UInt64(pieces.count))] }
                try assertRoundTrip(input, language)
            }
        }
    }

    func testLargePathologicalInputsComplete() throws {
        // Shapes that would be quadratic for a backtracking lexer; each must
        // simply finish and round-trip.
        let inputs = [
            String(repeating: "\"", count: 20_000),
            String(repeating: "'''", count: 10_000),
            String(repeating: "a: ", count: 20_000),
            String(repeating: "<<A ", count: 5_000) + "\n" + String(repeating: "x\n", count: 5_000),
            String(repeating: "[{", count: 20_000),
            String(repeating: "key:\n  - ", count: 10_000),
            String(repeating: "RUN a \\\n# c\n", count: 5_000),
            String(repeating: "x ", count: 50_000) + "#",
        ]
        for input in inputs {
            for language in Self.languages { try assertRoundTrip(input, language) }
        }
    }

    func testRealisticValuesFileRoundTrips() throws {
        let url = Fixture.directory.appendingPathComponent("charts-site/charts/demo/values.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try assertRoundTrip(text, "yaml")
        let tokens = try highlightSegments(highlighter.highlight(code: text, language: "yaml"))
        XCTAssertTrue(tokens.contains { $0.kind == .key })
    }

    // MARK: Helpers

    static let languages = ["yaml", "json", "bash", "console", "python", "dockerfile"]

    static let samples = [
        "a: \"x\\\"y\" # c\nb: |\n  z # q\nc: [1, 'two', {k: v}]\n",
        "{\"k\": [1, -2.5e3, true, null, \"s\\\"<\"], /* c */ \"o\": {}} // end",
        "cat <<EOF | grep x && echo \"$HOME\" 'q' # c\nbody <b>\nEOF\nfor i in 1 2; do :; done",
        "$ helm install x \\\n  --set a=b\noutput # here\n$ echo 'hi'",
        "def f(x: int) -> str:\n    \"\"\"doc\"\"\"\n    return rb'\\x00' + f\"{x!r}\" # c\n",
        "FROM a AS b\nRUN echo \\\n  # c\n  x && \\\n  y\nEXPOSE 80\nLABEL a=\"b\"\n",
        "é: ё # ü\n😀 \"😀\" '😀' e\u{301}\r\nkey:\tv\r\n",
    ]

    private func assertRoundTrip(_ input: String, _ language: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let html = try XCTUnwrap(highlighter.highlight(code: input, language: language), file: file, line: line)
        let parts = try highlightSegments(html, language)
        XCTAssertEqual(parts.map(\.text).joined(), input, "\(language): \(input.debugDescription)", file: file, line: line)
    }
}

// MARK: - Reading the markup back

fileprivate enum TokenClass: String {
    case key, str, com, num, kw, cmd, `var`

    static var string: TokenClass { .str }
    static var comment: TokenClass { .com }
    static var number: TokenClass { .num }
    static var keyword: TokenClass { .kw }
    static var command: TokenClass { .cmd }
    static var variable: TokenClass { .var }
}

fileprivate struct HighlightSegment {
    var kind: TokenClass?
    var text: String
}

/// Parses the highlighter's output strictly: text, the three entities, and
/// un-nested `<span class="tok-…">…</span>`. Anything else (a raw `<` or
/// `>`, another entity, a stray tag) throws, so no markup can leak through.
fileprivate func highlightSegments(_ html: HTML?, _ context: String = "") throws -> [HighlightSegment] {
    try highlightSegments(XCTUnwrap(html).markup, context)
}

fileprivate func highlightSegments(_ html: String, _ context: String = "") throws -> [HighlightSegment] {
    // Scalars, not Characters: a combining mark right after `>` would
    // otherwise merge with the tag into one grapheme.
    let scalars = Array(html.unicodeScalars)
    var result: [HighlightSegment] = []
    var current = HighlightSegment(kind: nil, text: "")
    var index = 0
    func has(_ prefix: String) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        return index + wanted.count <= scalars.count && Array(scalars[index..<(index + wanted.count)]) == wanted
    }
    func flush() {
        if !current.text.isEmpty { result.append(current) }
        current.text = ""
    }
    func context30() -> String { String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + 30)])) }
    while index < scalars.count {
        let scalar = scalars[index]
        if scalar == "<" {
            if has("</span>") {
                guard current.kind != nil else { throw HighlightMarkupError.unexpected("stray </span>", context) }
                flush()
                current.kind = nil
                index += 7
                continue
            }
            guard current.kind == nil, let kind = [TokenClass.key, .str, .com, .num, .kw, .cmd, .var].first(where: { has("<span class=\"tok-\($0.rawValue)\">") }) else {
                throw HighlightMarkupError.unexpected(context30(), context)
            }
            flush()
            current.kind = kind
            index += "<span class=\"tok-\(kind.rawValue)\">".unicodeScalars.count
        } else if scalar == ">" {
            throw HighlightMarkupError.unexpected("raw > at \(context30())", context)
        } else if scalar == "&" {
            guard let (entity, text) = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")].first(where: { has($0.0) }) else {
                throw HighlightMarkupError.unexpected("bad entity \(context30())", context)
            }
            current.text += text
            index += entity.count
        } else {
            current.text.unicodeScalars.append(scalar)
            index += 1
        }
    }
    guard current.kind == nil else { throw HighlightMarkupError.unexpected("unclosed span", context) }
    flush()
    return result
}

fileprivate enum HighlightMarkupError: Error { case unexpected(String, String) }

fileprivate func assertHighlightToken(_ segments: [HighlightSegment], _ kind: TokenClass, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let found = segments.contains { $0.kind == kind && $0.text == text }
    let seen = segments.filter { $0.kind != nil }.map { "\($0.kind!.rawValue):\($0.text.debugDescription)" }
    XCTAssertTrue(found, "no \(kind.rawValue) token \(text.debugDescription); tokens: \(seen)", file: file, line: line)
}
