import Foundation
import JSONSchema
import XCTest
@testable import DocsiteKit
@testable import YAML

/// Values files read as Helm v4 reads them (HelmYAML): go-yaml v2's YAML 1.1
/// scalars, float64 numbers, merge keys, duplicates, documents.
final class HelmYAMLTests: XCTestCase {
    func values(_ text: String) throws -> JSONValue { try ValuesDocument.parse(text, file: "v.yaml").value }

    func value(_ scalar: String) throws -> JSONValue? { try values("k: \(scalar)\n")["k"] }

    func failure(_ text: String) -> Diagnostic? {
        do {
            _ = try ValuesDocument.parse(text, file: "v.yaml")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    func testYAML11Booleans() throws {
        for word in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] { XCTAssertEqual(try value(word), true, word) }
        for word in ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] { XCTAssertEqual(try value(word), false, word) }
        for word in ["yEs", "oN", "nO", "tRUE"] { XCTAssertEqual(try value(word), .string(word), word) }
        XCTAssertEqual(try value("\"yes\""), "yes")
    }

    func testIntegersAsGoYAMLv2ReadsThem() throws {
        XCTAssertEqual(try value("0755"), 493)
        XCTAssertEqual(try value("0o17"), 15)
        XCTAssertEqual(try value("+9083"), 9083)
        XCTAssertEqual(try value("0x1F"), 31)
        XCTAssertEqual(try value("-0x1F"), -31)
        XCTAssertEqual(try value("0b101"), 5)
        XCTAssertEqual(try value("1_000"), 1000)
        XCTAssertEqual(try value("012_3"), 83)
        XCTAssertEqual(try value("09"), 9)           // not octal: read as the float 9
        XCTAssertEqual(try value("1e3"), 1000)
        XCTAssertEqual(try value("1e400"), "1e400")  // out of float64 range: a string
        XCTAssertEqual(try value("4.1.0"), "4.1.0")
        XCTAssertEqual(try value("2001-12-14"), "2001-12-14")
    }

    func testNumbersAreFloat64() throws {
        XCTAssertEqual(try value("65535.0000000000001"), 65535)
        XCTAssertEqual(try value("9007199254740993"), 9007199254740992)
        XCTAssertEqual(try value("18446744073709551615")?.numberValue, JSONNumber("18446744073709552000"))
        XCTAssertEqual(try value("1.10"), .number(JSONNumber("1.1")!))
    }

    func testInfinityAndNaNAreRefusedLikeHelm() {
        XCTAssertTrue(failure("a:\n  b: .inf\n")?.message.contains("json: unsupported value: +Inf") == true)
        XCTAssertEqual(failure("a:\n  b: .inf\n")?.line, 2)
        XCTAssertTrue(failure("b: -.Inf\n")?.message.contains("-Inf") == true)
        XCTAssertTrue(failure("b: .NaN\n")?.message.contains("NaN") == true)
    }

    func testExplicitTags() throws {
        XCTAssertEqual(try value("!!int \"17\""), 17)
        XCTAssertEqual(try value("!!str 5"), "5")
        XCTAssertEqual(try value("!!float 1"), 1)
        XCTAssertEqual(try value("!!bool yes"), true)
        XCTAssertEqual(try value("!!binary aGVsbG8="), "hello")
        XCTAssertEqual(try value("!custom 5"), "5")
        XCTAssertTrue(failure("k: !!int 1.5\n")?.message.contains("cannot decode !!float `1.5` as a !!int") == true)
        XCTAssertNotNil(failure("k: !!int abc\n"))
    }

    func testMergeKeysFollowGoYAMLOrder() throws {
        let text = "base: &b {p: 1, q: 1}\nm1:\n  <<: *b\n  q: 2\nm2:\n  q: 2\n  <<: *b\nm3:\n  <<: [{p: 3}, {p: 4, z: 4}]\n"
        let v = try values(text)
        XCTAssertEqual(v["m1"], ["p": 1, "q": 2])
        XCTAssertEqual(v["m2"], ["q": 1, "p": 1])    // a later merge overrides an earlier key
        XCTAssertEqual(v["m3"], ["p": 3, "z": 4])    // the first mapping of a list wins
        XCTAssertTrue(failure("m:\n  <<: 5\n")?.message.contains("map merge requires") == true)
        XCTAssertEqual(try values("m:\n  \"<<\": 1\n")["m"], ["<<": 1])
    }

    func testDuplicateKeysKeepTheLastValueAndItsLine() throws {
        let document = try ValuesDocument.parse("a: 1\nb: 2\na: 3\n", file: "v.yaml")
        XCTAssertEqual(document.value["a"], 3)
        XCTAssertEqual(document.positions["/a"]?.line, 3)
        XCTAssertEqual(try values("{\"a\": 1, \"a\": 2}")["a"], 2)
    }

    func testKeysBecomeJSONStrings() throws {
        XCTAssertEqual(try values("on: 1\n")["true"], 1)
        XCTAssertEqual(try values("1: a\n")["1"], "a")
        XCTAssertEqual(try values("1.5: a\n")["1.5"], "a")
        XCTAssertEqual(try values("1e6: a\n")["1e+06"], "a")
        XCTAssertTrue(failure("~: a\n")?.message.contains("unsupported map key") == true)
        XCTAssertTrue(failure("18446744073709551615: a\n")?.message.contains("unsupported map key") == true)
    }

    func testDocumentsMergeInOrder() throws {
        let document = try ValuesDocument.parse("a: {p: 1}\nb: 1\n---\na: {q: 2}\nb: null\n--- # last\nc: 3\n", file: "v.yaml")
        XCTAssertEqual(document.value, ["a": ["p": 1, "q": 2], "b": nil, "c": 3])
        XCTAssertEqual(document.positions["/c"]?.line, 7)
        XCTAssertEqual(document.positions["/a/q"]?.line, 4)
        // `y` and `n` are booleans, as keys too.
        XCTAssertEqual(try values("y: 1\nn: 2\n"), ["true": 1, "false": 2])
    }

    func testContentAfterSeparatorIsRefusedWithItsLine() {
        let problem = failure("a: 1\n--- b: 2\n")
        XCTAssertEqual(problem?.line, 2)
        XCTAssertTrue(problem?.message.contains("document separator") == true, problem?.message ?? "")
    }

    func testEndMarkerHidesTheRestWithAWarning() throws {
        let document = try ValuesDocument.parse("a: 1\n...\nb: 2\n", file: "v.yaml")
        XCTAssertEqual(document.value, ["a": 1])
        XCTAssertEqual(document.notes.map(\.code), ["yaml.ignored"])
        XCTAssertEqual(document.notes.first?.severity, .warning)
    }

    func testEmptyFilesAreEmptyValues() throws {
        for text in ["", "# only a comment\n", "---\n", "---\n---\n", "null\n", "~\n", "\n\n"] {
            XCTAssertEqual(try values(text), .object(JSONObject()), text)
        }
        XCTAssertTrue(failure("- a\n")?.message.contains("mapping") == true)
        XCTAssertTrue(failure("hello\n")?.message.contains("mapping") == true)
    }

    func testCRLFAndJSON() throws {
        XCTAssertEqual(try values("a:\r\n  b: 1\r\n---\r\nc: yes\r\n"), ["a": ["b": 1], "c": true])
        XCTAssertEqual(try values(#"{"a": [1, "x", null], "b": 1.5e2}"#), ["a": [1, "x", nil], "b": 150])
    }
}

/// Helm's coalescing and dependency processing, and the messages built on them.
final class HelmInstallSemanticsTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try Fixture.make([
            "charts/app/Chart.yaml": """
                apiVersion: v2
                name: app
                version: 1.0.0
                dependencies:
                  - name: sub
                    version: 1.0.0
                    condition: sub.enabled,global.subOn
                    tags: [extra]
                  - name: sub
                    version: 1.0.0
                    alias: copy
                    tags: [copies]
                """,
            "charts/app/values.yaml": "global:\n  region: eu\nname: demo\nlimits:\n  cpu: 1\nnested:\n  keep: null\n  value: 1\ntags:\n  copies: false\n",
            "charts/app/values.schema.json": #"""
                {"type": "object", "required": ["name"], "additionalProperties": false,
                 "properties": {"global": {"type": "object"}, "name": {"type": "string"}, "tags": {"type": "object"},
                   "limits": {"type": "object", "additionalProperties": false, "patternProperties": {"^(cpu|memory)$": {"type": ["integer", "string"]}}},
                   "nested": {"type": "object", "properties": {"keep": {"type": "integer"}, "value": {"type": "integer"}, "free": {"type": "null"}}},
                   "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                   "sub": {"type": "object"}, "copy": {"type": "object"}}}
                """#,
            "charts/app/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
            "charts/app/charts/sub/values.yaml": "enabled: true\nworkers: 2\nglobal:\n  zone: a\n",
            "charts/app/charts/sub/values.schema.json": #"""
                {"type": "object", "required": ["workers"], "additionalProperties": false,
                 "properties": {"enabled": {"type": "boolean"}, "workers": {"type": "integer", "minimum": 1},
                   "global": {"type": "object", "properties": {"region": {"type": "string", "maxLength": 2}}}}}
                """#,
        ])
    }

    func validate(_ text: String) throws -> [Diagnostic] {
        try Fixture.write(text, to: "values-test.yaml", in: root)
        let (catalog, problems) = ChartCatalog.load(root: root)
        XCTAssertEqual(problems, [])
        let chart = try XCTUnwrap(catalog.chart("app"))
        return OverlayValidation(root: root, catalog: catalog).validate(files: ["values-test.yaml"], chart: chart)
    }

    func errors(_ text: String) throws -> [String] {
        try validate(text).filter { $0.severity == .error }.map { "\($0.line ?? 0) \($0.message.prefix { $0 != ":" })" }
    }

    func testConditionTurnsASubchartOffAndItIsNotValidated() throws {
        XCTAssertEqual(try errors("sub:\n  workers: 0\n"), ["2 'sub.workers'"])
        for off in ["false", "no", "off", "Off", "N"] {
            XCTAssertEqual(try errors("sub:\n  enabled: \(off)\n  workers: 0\n"), [], off)
        }
        // A string is not a condition: the next path (global.subOn) or the default decides
        // (and sub's own schema then refuses the string).
        XCTAssertEqual(try errors("sub:\n  enabled: \"false\"\n  workers: 0\n"), ["2 'sub.enabled'", "3 'sub.workers'"])
        XCTAssertEqual(try errors("sub:\n  enabled: \"false\"\n  workers: 0\nglobal:\n  subOn: false\n"), [])
    }

    func testTagsYieldToConditionsAndAliasesAreTheirOwnSubcharts() throws {
        // `copy` (an alias of sub) is off through its tag default; on when the tag is true.
        XCTAssertEqual(try errors("copy:\n  workers: 0\n"), [])
        XCTAssertEqual(try errors("tags:\n  copies: yes\ncopy:\n  workers: 0\n"), ["4 'copy.workers'"])
        // sub's tag is false but its condition (defaulted true) wins.
        XCTAssertEqual(try errors("tags:\n  extra: false\nsub:\n  workers: 0\n"), ["4 'sub.workers'"])
        // An alias is a key of the chart's values like any other: no "not a key" warning.
        XCTAssertEqual(try validate("tags:\n  copies: true\ncopy:\n  workers: 3\n"), [])
        // With the condition gone (null deletes it), the tag decides.
        XCTAssertEqual(try errors("tags:\n  extra: false\nsub:\n  enabled: null\n  workers: 0\n"), [])
    }

    func testDisabledSubchartIsNeverBlamedAndGlobalsSkipIt() throws {
        let found = try validate("sub:\n  enabled: false\n  workers: 0\nglobal:\n  region: toolong\nzz: 1\n")
        XCTAssertEqual(found.filter { $0.severity == .error }.map(\.line), [6])
        XCTAssertFalse(found.contains { $0.message.contains("charts/sub/values.schema.json") })
        // With sub on, the parent's global reaches its schema and is blamed where it is set.
        XCTAssertEqual(try errors("global:\n  region: toolong\n"), ["2 'sub.global.region'"])
    }

    func testNullDeletesOnlyADefaultedKey() throws {
        XCTAssertEqual(try errors("name: null\n"), ["1 the top level"])
        XCTAssertTrue(try validate("name: null\n").first?.message.contains("'name' is set to null here") == true)
        XCTAssertEqual(try errors("limits:\n  cpu: null\n"), [])                 // default removed
        XCTAssertEqual(try errors("limits:\n  memory: null\n"), ["2 'limits.memory'"])  // no default: null is validated
        XCTAssertEqual(try errors("limits:\n  gpu: null\n"), ["2 'limits.gpu'"])        // unknown key, even as null
        XCTAssertEqual(try errors("nested:\n  free: null\n"), [])
        XCTAssertEqual(try errors("nested:\n  keep: null\n"), ["2 'nested.keep'"])    // a null default is no default
        // The subchart's default is removed, so its required key is missing.
        XCTAssertEqual(try errors("sub:\n  workers: null\n"), ["2 'sub'"])
        // A nulled section that the parent's values.yaml does not hold stays null: Helm stops.
        XCTAssertEqual(try errors("sub: null\n"), ["1 'sub'"])
        XCTAssertEqual(try errors("sub: 5\n"), ["1 'sub'"])
        XCTAssertTrue(try validate("sub: 5\n").first?.message.contains("must be a mapping") == true)
    }

    func testRejectedKeysAreNotCalledIgnored() throws {
        let found = try validate("zz: 1\nlimits:\n  gpu: 1\n")
        XCTAssertEqual(found.filter { $0.severity == .error }.count, 2)
        XCTAssertFalse(found.contains { $0.message.contains("ignores it") }, "\(found)")
    }

    func testKeysWithDotsAreQuoted() throws {
        let found = try validate("annotations:\n  example.com/team: 5\n")
        XCTAssertTrue(found.first?.message.hasPrefix("'annotations.\"example.com/team\"'") == true, found.first?.message ?? "")
        XCTAssertEqual(KeyPath.display("/a/b.c/d e/f"), "'a.\"b.c\".\"d e\".f'")
    }

    func testKeySpelledAsABooleanIsExplained() throws {
        let found = try validate("on: 1\n")
        XCTAssertTrue(found.first?.message.contains("YAML 1.1 reads the key 'on' as the boolean true") == true, found.first?.message ?? "")
    }

    func testWhatDocsiteDoesNotApplyIsSaid() throws {
        var chartYAML = try String(contentsOf: root.appendingPathComponent("charts/app/Chart.yaml"), encoding: .utf8)
        chartYAML += "\n    import-values: [data]\n"
        try Fixture.write(chartYAML, to: "charts/app/Chart.yaml", in: root)
        try Fixture.write("", to: "charts/app/charts/other-1.0.0.tgz", in: root)
        let found = try validate("name: x\n").filter { $0.code == "overlay.unsupported" }
        XCTAssertEqual(found.map(\.file), ["charts/app/Chart.yaml", "charts/app/charts/other-1.0.0.tgz"])
        XCTAssertTrue(found.allSatisfy { $0.severity == .warning })
    }

    func testChartIsFoundByPathOrName() throws {
        let outside = try Fixture.make([:])
        try FileManager.default.copyItem(at: root.appendingPathComponent("charts/app"), to: outside.appendingPathComponent("app"))
        for argument in ["app", "charts/app", root.appendingPathComponent("charts/app").path] {
            let located = try ChartLocation.resolve(argument, root: root)
            XCTAssertEqual(located.chart.id, "app", argument)
            XCTAssertEqual(located.chart.subcharts, ["app/sub"], argument)
        }
        XCTAssertEqual(try ChartLocation.resolve("app/sub", root: root).chart.id, "app/sub")
        let copy = try ChartLocation.resolve(outside.appendingPathComponent("app").path, root: root)
        XCTAssertEqual(copy.root.standardizedFileURL.path, outside.standardizedFileURL.path)
        XCTAssertEqual(copy.chart.directory, "app")
        XCTAssertThrowsError(try ChartLocation.resolve("nope", root: root))
    }
}

/// The official suite's cases whose data are objects, run as values files
/// over a chart without defaults: nulls stay in the values as in Helm, so
/// `allOf with base schema` and `patternProperties` with nulls pass.
final class SuiteThroughValuesTests: XCTestCase {
    func testNullCasesOfTheSuiteAsValuesFiles() throws {
        let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/json-schema-test-suite/tests")
        guard FileManager.default.fileExists(atPath: suite.path) else {
            throw XCTSkip("JSON Schema Test Suite not found at \(suite.path)")
        }
        var passed = 0, total = 0, failures: [String] = []
        for draft in ["draft7", "draft2020-12"] {
            for file in ["allOf.json", "patternProperties.json", "required.json", "properties.json", "additionalProperties.json"] {
                let text = try String(contentsOf: suite.appendingPathComponent("\(draft)/\(file)"), encoding: .utf8)
                for group in try JSONParser.parse(text).arrayValue ?? [] {
                    let validator = try SchemaValidator(schema: group["schema"] ?? .null,
                                                        options: .init(defaultDraft: draft == "draft7" ? .draft7 : .draft2020_12))
                    for test in group["tests"]?.arrayValue ?? [] {
                        guard case .object = test["data"] ?? .null else { continue }
                        // As a values file: JSON text read the way Helm reads -f, over empty defaults.
                        let document = try ValuesDocument.parse(test["data"]!.description, file: "data.json")
                        guard let values = HelmValues.coalesce(.object(JSONObject()), with: document.value) else { continue }
                        total += 1
                        if validator.validate(values).isEmpty == (test["valid"]?.boolValue ?? false) {
                            passed += 1
                        } else {
                            failures.append("\(draft)/\(file) / \(group["description"]?.stringValue ?? "") / \(test["description"]?.stringValue ?? "")")
                        }
                    }
                }
            }
        }
        print("suite cases as values files: \(passed)/\(total)")
        XCTAssertGreaterThan(total, 100)
        XCTAssertEqual(failures, [])
    }
}
