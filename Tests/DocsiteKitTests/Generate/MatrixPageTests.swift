import Foundation
import XCTest
@testable import DocsiteKit

/// MatrixPage: the version matrix with the cells the charts confirm.
final class MatrixPageTests: SiteGeneratorTestCase {
    func testMatrixVerifiesCellsAndReportsDrift() throws {
        _ = try build(root)
        XCTAssertTrue(try page("en/matrix/index.html").contains("class=\"verified\""))
        XCTAssertTrue(try page("ru/matrix/index.html").contains("Движок."))
        XCTAssertEqual(try CheckRunner.run(root: root).diagnostics.filter { $0.code == "matrix.drift" }, [])
        let matrix = root.appendingPathComponent("content/matrix.yaml")
        try Data(try String(contentsOf: matrix, encoding: .utf8).replacingOccurrences(of: "apache/spark:4.1.0", with: "apache/spark:4.0.1").utf8).write(to: matrix)
        let drift = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "matrix.drift" }
        XCTAssertEqual(drift.count, 1)
        XCTAssertEqual(drift.first?.file, "content/matrix.yaml")
        XCTAssertEqual(drift.first?.line, 7)
        XCTAssertTrue(drift.first?.message.contains("charts/demo/values.yaml key 'image' pins 'apache/spark:4.1.0'") == true, drift.first?.message ?? "")
    }

    func testMatrixOpensWithAnIntroductionAndExplainsItsMarks() throws {
        _ = try build(root)
        for language in ["en", "ru"] {
            let html = try page("\(language)/matrix/index.html")
            let ui = try LoadStage().run(root: root).site.strings(language)
            let article = HTMLScan.texts(of: "article", in: html).first ?? ""
            let intro = article.range(of: ui["matrix.intro"]), table = article.range(of: "<table")
            XCTAssertNotNil(intro, language)
            XCTAssertLessThan(intro?.lowerBound ?? article.endIndex, table?.lowerBound ?? article.startIndex, "introduction before the table")
            XCTAssertEqual(HTMLScan.texts(of: "dt", in: html), ["✓", "—"], language)
            XCTAssertEqual(HTMLScan.texts(of: "dd", in: html), [ui["matrix.legend.verified"], ui["matrix.legend.absent"]], language)
        }
    }
}
