import Foundation
import JSONSchema
import XCTest
@testable import DocsiteKit

/// OverlayCheck and ChartSchemaCheck: example overlays and the charts' own values against their schemas (fixture: Fixtures/charts-site).
final class OverlayCheckTests: XCTestCase {
    var root: URL!
    var found: [Diagnostic] = []

    override func setUpWithError() throws {
        root = try Fixture.copy("charts-site")
        found = try CheckRunner.run(root: root).diagnostics.filter(isAboutValidation)
    }

    /// These tests are about validation: the `# when:` sentence the fixture's
    /// overlays lack has its own tests (ExampleOverlayPageTests).
    func isAboutValidation(_ finding: Diagnostic) -> Bool { finding.code != "overlay.when" }

    func diagnostics(_ file: String) -> [Diagnostic] { found.filter { $0.file == file } }

    func at(_ file: String) -> [String] {
        diagnostics(file).map { "\($0.line ?? 0):\($0.column ?? 0) \($0.code) \($0.message.split(separator: ":").first ?? "")" }
    }

    func testValidOverlayWithCommonValuesHasNoFindings() {
        XCTAssertEqual(diagnostics("content/examples/values-demo-good.yaml"), [])
    }

    func testErrorsNameTheLineOfNestedKeysAndListItems() {
        XCTAssertEqual(at("content/examples/values-demo-bad.yaml"), [
            "3:3 overlay.invalid 'image.tag'",
            "4:1 overlay.invalid 'replicas'",
            "9:5 overlay.invalid 'ports.1.port'",
            "11:3 overlay.invalid 'sub.workers'",
            "12:1 overlay.invalid 'mode'",
        ])
        let subchart = diagnostics("content/examples/values-demo-bad.yaml").first { $0.message.hasPrefix("'sub.workers'") }
        XCTAssertTrue(subchart?.message.contains("charts/demo/charts/sub/values.schema.json") == true)
    }

    func testNullDeletesADefaultLikeHelmAndIsPointedAt() {
        // The required key is missing because line 2 set it to null.
        XCTAssertEqual(at("content/examples/values-demo-nulled.yaml"), ["2:3 overlay.invalid 'image'"])
        let message = diagnostics("content/examples/values-demo-nulled.yaml").first?.message ?? ""
        XCTAssertTrue(message.contains("\"repository\"") && message.contains("'image.repository' is set to null here"), message)
    }

    func testGlobalReachesSubchartsAndIsBlamedWhereItIsSet() {
        XCTAssertEqual(at("content/examples/values-demo-global.yaml"), ["3:3 overlay.invalid 'sub.global.region'"])
    }

    func testDisabledSubchartIsNotValidatedLikeHelmInstall() throws {
        XCTAssertEqual(at("content/examples/values-demo-subdisabled.yaml"), [])
        // The same section with the subchart on is rejected by its schema.
        try Fixture.write("sub:\n  enabled: yes\n  workers: -5\n", to: "content/examples/values-demo-subdisabled.yaml", in: root)
        let again = try CheckRunner.run(root: root).diagnostics.filter { $0.file == "content/examples/values-demo-subdisabled.yaml" && isAboutValidation($0) }
        XCTAssertEqual(again.map { "\($0.line ?? 0) \($0.code)" }, ["3 overlay.invalid"])
    }

    func testUnknownKeyWarnsWithSuggestion() {
        let typo = diagnostics("content/examples/values-demo-typo.yaml")
        XCTAssertEqual(typo.map(\.code), ["overlay.unknown-key"])
        XCTAssertEqual(typo.first?.severity, .warning)
        XCTAssertEqual(typo.first?.line, 2)
        XCTAssertTrue(typo.first?.message.contains("did you mean 'requests'") == true)
    }

    func testUnknownChart() {
        XCTAssertEqual(at("content/examples/values-nochart-x.yaml"), ["1:0 overlay.unknown-chart no chart under charts/ matches this file name; name overlays values-<chart>-<variant>.yaml with one of"])
    }

    func testUndocumentedSchemaKeyNamesSchemaLine() {
        let undocumented = found.filter { $0.code == "chart.undocumented" }
        XCTAssertEqual(undocumented.map(\.file), ["charts/demo/values.schema.json"])
        XCTAssertEqual(undocumented.first?.line, 30)
        XCTAssertTrue(undocumented.first?.message.contains("'mode'") == true)
    }

    func testChartDefaultsMustPassTheirSchema() throws {
        try Fixture.write("image:\n  repository: apache/spark\n  tag: \"4.1.0\"\nreplicas: 0\n", to: "charts/demo/values.yaml", in: root)
        let invalid = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "chart.values-invalid" }
        XCTAssertEqual(invalid.map(\.file), ["charts/demo/values.yaml"])
        XCTAssertEqual(invalid.first?.line, 4)
    }

    func testLongestChartNamePrefixWins() throws {
        let catalog = ChartCatalog(charts: [
            Chart(id: "spark", directory: "charts/spark", metadata: nil, values: nil, schemaText: nil, subcharts: []),
            Chart(id: "spark-4.1", directory: "charts/spark-4.1", metadata: nil, values: nil, schemaText: nil, subcharts: []),
        ])
        let validation = OverlayValidation(root: root, catalog: catalog)
        XCTAssertEqual(validation.chartForOverlay(fileName: "values-spark-4.1-minimal.yaml")?.id, "spark-4.1")
        XCTAssertEqual(validation.chartForOverlay(fileName: "values-spark-dev.yaml")?.id, "spark")
        XCTAssertNil(validation.chartForOverlay(fileName: "values-other-dev.yaml"))
    }

    func testRemoteReferenceIsRefusedNotFetched() throws {
        try Fixture.write(#"{"type": "object", "properties": {"x": {"$ref": "https://example.invalid/schema.json", "description": "x"}}}"#,
                          to: "charts/demo/values.schema.json", in: root)
        let problems = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "chart.schema-invalid" }
        XCTAssertFalse(problems.isEmpty)
        XCTAssertTrue(problems.allSatisfy { $0.file == "charts/demo/values.schema.json" })
        XCTAssertTrue(problems.first?.message.contains("example.invalid") == true, problems.first?.message ?? "")
    }

    func testHelmCoalesceRules() throws {
        let base = try JSONParser.parse(#"{"a": {"b": 1, "c": [1, 2]}, "d": "x"}"#)
        let top = try JSONParser.parse(#"{"a": {"c": [3], "e": true}, "d": null}"#)
        XCTAssertEqual(HelmValues.coalesce(base, with: top), try JSONParser.parse(#"{"a": {"b": 1, "c": [3], "e": true}}"#))
    }
}
