import DocsiteKit
import Foundation
import JSONSchema
import Markdown

/// `docsite-bench hostile`: the issue-17 budget attacks at growing sizes,
/// timed in-process, with what each ends in (a budget error or a result).
/// Sizes straddle each budget, so the figures show the work is bounded:
/// within a budget time grows at most like the budget allows, past it the
/// check refuses in about the time of one linear scan.
enum HostileBench {
    static func run(arguments: [String]) throws {
        say("Markdown (MarkdownBudget.check, then cmark-gfm parse + HTML when within budget)")
        say("| attack | n | input | check | parse+render | outcome |")
        say("| --- | ---: | ---: | ---: | ---: | --- |")
        for attack in markdownAttacks {
            for n in attack.sizes { markdownRow(attack.name, n, attack.make(n)) }
        }
        say("")
        say("Schemas (one validation; steps of the 1,000,000 budget, 2 s of regex matching)")
        say("| attack | n | validate | steps | outcome |")
        say("| --- | ---: | ---: | ---: | --- |")
        for attack in schemaAttacks {
            for n in attack.sizes {
                let (schema, instance) = attack.make(n)
                schemaRow(attack.name, n, schema: schema, instance: instance)
            }
        }
        say("")
        try chartCosts()
    }

    // MARK: Markdown

    struct MarkdownAttack: Sendable { var name: String; var sizes: [Int]; var make: @Sendable (Int) -> String }

    static let markdownAttacks: [MarkdownAttack] = [
        MarkdownAttack(name: "table columns × rows (n columns, n rows)", sizes: [100, 300, 317, 1000]) { n in
            "|" + String(repeating: "a|", count: n) + "\n|" + String(repeating: "-|", count: n) + "\n" + String(repeating: "x\n", count: n - 2)
        },
        MarkdownAttack(name: "reference used n times (4 KB definition)", sizes: [1000, 3900, 10000, 50000]) { n in
            "[a]: /" + String(repeating: "u", count: 4000) + "\n\n" + String(repeating: "[a] ", count: n)
        },
        MarkdownAttack(name: "image-link flood ![[]()", sizes: [500, 1000, 2000, 20000]) { n in String(repeating: "![[]()", count: n) },
        MarkdownAttack(name: "unclosed <![CDATA[", sizes: [500, 1000, 2000, 40000]) { n in String(repeating: "a <![CDATA[ ", count: n) },
        MarkdownAttack(name: "unclosed processing instruction <?", sizes: [500, 1000, 2000, 40000]) { n in String(repeating: "a <?x ", count: n) },
        MarkdownAttack(name: "inline markers [a] (n)", sizes: [60000, 62000, 2000000]) { n in String(repeating: "[a] ", count: n) },
        MarkdownAttack(name: "plain text (n lines of 60 bytes)", sizes: [10000, 130000, 150000]) { n in
            String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit sed.\n", count: n)
        },
    ]

    static func markdownRow(_ name: String, _ n: Int, _ text: String) {
        let (excess, checkSeconds) = timed { MarkdownBudget.standard.check(text) }
        var parse = "-"
        var outcome: String
        if let excess {
            outcome = "budget error, line \(excess.line)"
        } else {
            let (html, seconds) = timed { HTMLRenderer().render(MarkdownParser.parse(text), headings: []) }
            parse = format(seconds)
            outcome = "ok, \(html.utf8.count / 1024) KB of HTML"
        }
        say("| \(name) | \(n) | \(text.utf8.count / 1024) KB | \(format(checkSeconds)) | \(parse) | \(outcome) |")
    }

    // MARK: Schemas

    struct SchemaAttack: Sendable { var name: String; var sizes: [Int]; var make: @Sendable (Int) -> (String, String) }

    static func nested(_ levels: Int, dynamic: Bool) -> String {
        var defs = (0..<levels).map { ##""d\##($0)": {"anyOf": [{"$ref": "#/$defs/d\##($0 + 1)"}, {"allOf": [{"$ref": "#/$defs/d\##($0 + 1)"}, {"minimum": 0}]}]}"## }
        defs.append(##""d\##(levels)": {"type": "string"}"##)
        if dynamic { defs.append(##""meta": {"$dynamicAnchor": "meta"}"##) }
        return ##"{"$defs": {\##(defs.joined(separator: ", "))}, "properties": {"x": {"$ref": "#/$defs/d0"}}}"##
    }

    static let schemaAttacks: [SchemaAttack] = [
        SchemaAttack(name: "nested anyOf/allOf via $ref (n levels, memoised)", sizes: [10, 22, 100]) { n in (nested(n, dynamic: false), ##"{"x": 5}"##) },
        SchemaAttack(name: "same with a $dynamicAnchor (no memo)", sizes: [10, 16, 22, 40]) { n in (nested(n, dynamic: true), ##"{"x": 5}"##) },
        SchemaAttack(name: "backtracking pattern ^(a+)+$ (n items)", sizes: [1, 4, 100]) { n in
            (##"{"items": {"pattern": "^(a+)+$"}}"##, "[" + Array(repeating: "\"" + String(repeating: "a", count: 30) + "!\"", count: n).joined(separator: ",") + "]")
        },
        SchemaAttack(name: "uniqueItems (n items)", sizes: [1000, 100000, 500000]) { n in
            (##"{"uniqueItems": true}"##, "[" + (0..<n).map(String.init).joined(separator: ",") + "]")
        },
        SchemaAttack(name: "multipleOf 3000-digit divisor (n 5000-digit values)", sizes: [1, 100]) { n in
            (##"{"items": {"multipleOf": 0.\##(String(repeating: "3", count: 3000))}}"##,
             "[" + Array(repeating: "1" + String(repeating: "3", count: 5000), count: n).joined(separator: ",") + "]")
        },
    ]

    static func schemaRow(_ name: String, _ n: Int, schema: String, instance: String) {
        guard let validator = try? SchemaValidator(schemaText: schema), let value = try? JSONParser.parse(instance) else {
            return say("| \(name) | \(n) | - | - | does not compile |")
        }
        let (violations, seconds) = timed { validator.validate(value) }
        let outcome = violations.first?.keyword == "budget" ? "budget error at \(violations[0].schemaPath)" : "\(violations.count) violation(s)"
        say("| \(name) | \(n) | \(format(seconds)) | \(validator.cost(of: value)) | \(outcome) |")
    }

    /// How far below the budget this repository's charts are: each chart's
    /// schema against its own defaults.
    static func chartCosts() throws {
        let root = URL(fileURLWithPath: ".").standardizedFileURL
        let (catalog, _) = ChartCatalog.load(root: root)
        guard !catalog.charts.isEmpty else { return say("(run from the repository to see its charts' costs)") }
        say("| chart (own defaults) | steps of 1,000,000 |")
        say("| --- | ---: |")
        for chart in catalog.charts {
            guard let text = chart.schemaText, let validator = try? SchemaValidator(schemaText: text),
                  let values = try? ValuesDocument.load(root: root, file: chart.directory + "/values.yaml") else { continue }
            say("| \(chart.id) | \(validator.cost(of: values.value)) |")
        }
    }

    static func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }
}
