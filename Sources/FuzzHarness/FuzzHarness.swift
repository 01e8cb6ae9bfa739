import YAML
import Foundation
import DocsiteKit
import JSONSchema
import Markdown

/// The logic behind each libFuzzer target, kept in a library so `swift test`
/// replays the corpus and every regression input through exactly the code
/// the fuzzers run. Each entry returns normally for any input; a broken
/// invariant stops the process (`preconditionFailure`), which libFuzzer
/// reports as a crash and saves the input.
public enum FuzzHarness {
    public typealias Entry = @Sendable ([UInt8]) -> Void

    public static let targets: [String: Entry] = [
        "FuzzPageLoading": pageLoading,
        "FuzzLinkRewriting": linkRewriting,
        "FuzzSchemaValidator": schemaValidator,
        "FuzzOverlayMerge": overlayMerge,
    ]

    // MARK: Page loading

    static let config: SiteConfig = {
        var config = SiteConfig.fallback
        config.languages = ["en"]
        config.sections = ["guides"]
        return config
    }()

    /// Bytes of a page file -> decode (BOM, CRLF, UTF-8), front matter,
    /// Markdown budgets, Markdown, then the page rendered through the site's
    /// link writer and layout. Whatever the page says, the HTML has no
    /// script, event handler or script URL of its own; a budget excess names
    /// a line of the page; only the output cap may stop the layout.
    public static func pageLoading(_ bytes: [UInt8]) {
        let file = "content/en/guides/page.md"
        guard let text = try? TextDecoding.decode(Data(bytes), file: file) else { return }
        checkSmallBudgets(text)
        let page: Page
        do {
            page = try ContentLoader.parsePage(text: text, language: "en", path: "guides/page.md")
        } catch {
            checkBudgetExcess(error.diagnostics, lines: text.split(separator: "\n", omittingEmptySubsequences: false).count)
            return
        }
        let content = SiteContent(config: config, strings: [:], pages: [page], assets: [])
        let renderer = SiteRenderer(content: content)
        let sitePage = renderer.sitePage(for: page)
        let tree: SiteTree
        do {
            tree = try renderer.assemble([sitePage], searchEnabled: false)
        } catch let error as DiagnosticsError where error.diagnostics.map(\.code) == ["markdown.budget"] {
            return  // the output cap
        } catch {
            preconditionFailure("laying out \(page.outputFile) failed without a writer: \(error)")
        }
        guard let data = tree.files[page.outputFile] else {
            preconditionFailure("no output for \(page.outputFile)")
        }
        checkNoActiveContent(String(decoding: data, as: UTF8.self), allowedScripts: 2)
    }

    /// Budgets small enough for fuzz-sized inputs to reach every limit: an
    /// excess names a line of the text, and what passes them passes the
    /// standard budgets too (every limit is monotonic).
    static let smallBudget: MarkdownBudget = {
        var budget = MarkdownBudget()
        budget.maxBytes = 8_192
        budget.maxTableColumns = 20
        budget.maxTableCells = 60
        budget.maxQuadraticOpeners = 8
        budget.maxInlineMarkers = 400
        budget.maxReferenceExpansion = 2_000
        return budget
    }()

    static func checkSmallBudgets(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if let excess = smallBudget.check(text) {
            precondition((1...max(lines, 1)).contains(excess.line), "small budget excess at line \(excess.line) of \(lines)")
            precondition(!excess.message.isEmpty)
        } else {
            precondition(MarkdownBudget.standard.check(text) == nil, "passes the small budgets but not the standard ones")
        }
    }

    /// A page refused by a budget gets exactly one error, at a line of the page.
    static func checkBudgetExcess(_ diagnostics: [Diagnostic], lines: Int) {
        let budget = diagnostics.filter { $0.code == DiagnosticCode.markdownBudget.rawValue }
        guard !budget.isEmpty else { return }
        precondition(diagnostics.count == 1, "a budget excess came with other errors: \(diagnostics)")
        precondition((1...max(lines, 1)).contains(budget[0].line ?? 0), "budget excess at line \(budget[0].line ?? 0) of a \(lines)-line page")
    }

    /// Fails when `html` holds a `<script>` beyond the site's own two, an `on…=`
    /// attribute, or an href/src that a browser would run as script.
    public static func checkNoActiveContent(_ html: String, allowedScripts: Int) {
        var scripts = 0
        for tag in startTags(html) {
            if tag.name == "script" {
                scripts += 1
                let source = tag.attributes["src"] ?? ""
                precondition(source.hasSuffix("assets/docsite.js") || source.hasSuffix("assets/theme.js"), "unexpected script tag: \(tag)")
            }
            for (name, value) in tag.attributes {
                precondition(!name.hasPrefix("on"), "event handler attribute in \(tag)")
                if ["href", "src", "action", "formaction"].contains(name) {
                    precondition(safeURL(value) == value, "script-capable URL in \(tag)")
                }
            }
        }
        precondition(scripts <= allowedScripts, "\(scripts) script tags")
    }

    struct Tag: CustomStringConvertible {
        var name: String
        var attributes: [String: String]
        var description: String { "<\(name) \(attributes)>" }
    }

    /// A small start-tag scanner (names and double-quoted attributes, which
    /// is all docsite writes). Anything else after `<` is treated as a tag
    /// too, so an unescaped `<` from content shows up as an unknown tag.
    static func startTags(_ html: String) -> [Tag] {
        let bytes = Array(html.utf8)
        var tags: [Tag] = []
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A }
        while i < bytes.count {
            guard bytes[i] == 0x3C else { i += 1; continue }  // <
            i += 1
            guard i < bytes.count, isNameByte(bytes[i]) else { continue }
            var name: [UInt8] = []
            while i < bytes.count, isNameByte(bytes[i]) { name.append(bytes[i]); i += 1 }
            var attributes: [String: String] = [:]
            while i < bytes.count, bytes[i] != 0x3E {  // >
                if isNameByte(bytes[i]) {
                    var attribute: [UInt8] = []
                    while i < bytes.count, isNameByte(bytes[i]) { attribute.append(bytes[i]); i += 1 }
                    var value: [UInt8] = []
                    if i + 1 < bytes.count, bytes[i] == 0x3D, bytes[i + 1] == 0x22 {  // ="
                        i += 2
                        while i < bytes.count, bytes[i] != 0x22 { value.append(bytes[i]); i += 1 }
                        i += 1
                    }
                    attributes[String(decoding: attribute, as: UTF8.self).lowercased()] = unescape(String(decoding: value, as: UTF8.self))
                } else {
                    i += 1
                }
            }
            tags.append(Tag(name: String(decoding: name, as: UTF8.self).lowercased(), attributes: attributes))
        }
        return tags
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: Link rewriting

    /// First line: the page's repository path; the rest: a link destination.
    /// Resolved targets never climb out of the repository, and the written
    /// href, read from the page's URL, never climbs above the site root.
    static func byteSegments(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }

    public static func linkRewriting(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let destination = parts.count > 1 ? String(parts[1]) : text
        // Pages always have a clean repository path (the loader lists them):
        // keep the fuzzed one only as such a path.
        // Split on bytes, as file systems do: split by Character, a '/'
        // followed by a combining mark is one grapheme and hid a '..'.
        let segments = (parts.count > 1 ? parts[0] : "").utf8.split(separator: UInt8(ascii: "/"))
            .map { String(decoding: $0, as: UTF8.self) }.filter { $0 != "." && $0 != ".." }
        let file = segments.isEmpty ? "content/en/guides/setup.md" : segments.joined(separator: "/")
        let language = "en"
        let target = LinkResolver.target(of: destination, inFile: file, language: language)
        switch target {
        case .page(_, let path, _):
            precondition(!byteSegments(path).contains(".."), "page path climbs: \(path)")
        case .repositoryFile(let path, _):
            precondition(!byteSegments(path).contains("..") && !path.hasPrefix("/"), "file path climbs: \(path)")
        default:
            break
        }
        let here = "en/guides/setup/"
        let writer = LinkWriter { target in
            switch target {
            case .page(let language, let path, _): return Page.urlPath(language: language, path: path)
            case .repositoryFile(let path, _): return path
            case .chart(let name, let key):
                // Only charts that exist have pages (as in SiteRenderer.Targets).
                guard ["spark-4.1", "spark-4.1/spark-connect"].contains(name) else { return nil }
                return "en/charts/\(name)/" + (key.map { "#" + ChartAnchor.id(forKey: $0) } ?? "")
            default: return nil
            }
        }
        let href = writer.href(destination, file: file, language: language, fromURL: here)
        switch target {
        case .chart(let name, _) where !["spark-4.1", "spark-4.1/spark-connect"].contains(name):
            precondition(href == destination, "unknown chart link rewritten")
        case .page, .repositoryFile, .chart:
            let path = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let decoded = path.removingPercentEncoding ?? path
            precondition(RelativePath.resolve(decoded, against: "en/guides/setup") != nil, "href \(href) climbs above the site root")
        case .outside:
            precondition(href == "#", "outside link written as \(href)")
        default:
            break
        }
    }

    // MARK: Schema validator

    /// Schema text, a NUL byte, instance text (a missing instance is `{}`).
    public static func schemaValidator(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let schemaText = String(decoding: bytes[..<split], as: UTF8.self)
        let instanceText = split < bytes.count ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : "{}"
        guard let schema = try? JSONParser.parse(schemaText) else { return }
        // A small work budget, so the fuzzer reaches it: excess is one
        // `budget` violation, never a hang.
        var options = SchemaValidator.Options(regexTimeLimit: 0.2)
        options.workBudget = 20_000
        options.regexBudget = 0.5
        guard let validator = try? SchemaValidator(schema: schema, options: options) else { return }
        let instance = (try? JSONParser.parse(instanceText)) ?? .string(instanceText)
        let first = validator.validate(instance)
        if first.contains(where: { $0.keyword == "budget" }) {
            precondition(first.count == 1 && first[0].schemaLocation.contains("#"), "budget excess must be the only violation, at a schema location: \(first)")
            return  // with regex time in play a second run may differ
        }
        // Validation is a pure function of its inputs.
        precondition(validator.validate(instance).count == first.count, "validation is not deterministic")
        precondition(validator.cost(of: instance) <= options.workBudget, "cost over the budget without a budget violation")
        _ = SchemaDocumentation.undocumented(schemaText: schemaText, file: "values.schema.json")
    }

    // MARK: Overlay merge

    static let chartDefaults: JSONValue = {
        let text = """
        {"image": {"repository": "apache/spark", "tag": "4.1.0"}, "replicas": 1,
         "global": {"region": "eu"}}
        """
        return (try? JSONParser.parse(text)) ?? .null
    }()

    /// YAML text as an overlay: parsed with positions, merged over a common
    /// file like `-f common -f overlay`, coalesced over chart defaults, with
    /// `global` pushed into a subchart.
    public static func overlayMerge(_ bytes: [UInt8]) {
        guard let text = try? TextDecoding.decode(Data(bytes), file: "values-demo-x.yaml"),
              let overlay = try? ValuesDocument.parse(text, file: "values-demo-x.yaml") else { return }
        for pointer in overlay.positions.keys { precondition(overlay.position(of: pointer) != nil) }
        guard let common = try? ValuesDocument.parse("global:\n  region: eu-1\n", file: "values-common.yaml") else {
            preconditionFailure("the fixed common values do not parse")
        }
        let user = UserValues.merge([common, overlay])
        let subDefaults: JSONValue = ["enabled": true, "global": ["zone": "a"]]
        guard let merged = HelmValues.coalesce(chartDefaults, subcharts: [("sub", subDefaults)], with: user) else { return }
        guard case .object(let object) = merged else { preconditionFailure("coalesce of two objects is \(merged)") }
        if case .object(let top) = user {
            // A null removes a key that has a default (and only then).
            for member in top where member.value == .null && chartDefaults[member.key] != nil && member.key != "sub" {
                precondition(object[member.key] == nil, "null did not delete \(member.key)")
            }
        }
        for pointer in overlay.positions.keys.prefix(50) { _ = JSONPointer.dotted(pointer) }
    }

    // MARK: Replay

    /// Runs `entry` on every file named in `paths` (folders: every file in
    /// them); returns how many inputs ran. Used by the targets' plain
    /// (non-fuzzing) builds and by the replay tests.
    @discardableResult
    public static func replay(_ paths: [String], _ entry: Entry) -> Int {
        var count = 0
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
                : [path]
            for file in files {
                guard let data = fm.contents(atPath: file) else { continue }
                entry([UInt8](data))
                count += 1
            }
        }
        return count
    }
}
