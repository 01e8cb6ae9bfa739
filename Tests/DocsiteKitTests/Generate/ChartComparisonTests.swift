import Foundation
import XCTest
@testable import DocsiteKit

/// ChartComparison: spark-3.5 against spark-4.1, key by key (fixture: Fixtures/ChartComparison).
final class ChartComparisonTests: XCTestCase {
    func testKeysOfOneLineOnlyAndChangedDefaultsLinkToTheirRows() throws {
        let site = try LoadStage().run(root: try Fixture.copy("ChartComparison")).site
        let page = try XCTUnwrap(ChartComparison.page(site, language: "en"))
        XCTAssertEqual(page.headings.map(\.id), ["only-in-spark-35", "only-in-spark-41", "type-differs", "default-differs"])
        let links = HTMLScan.elements(in: page.bodyHTML.markup).compactMap { $0.attributes["href"] }.filter { !$0.hasPrefix("#") }
        XCTAssertEqual(links, ["../spark-3.5/#values-legacyshuffle", "../spark-4.1/#values-connect", "../spark-4.1/#values-replicas"])
        // The same port on both lines is no difference; equal types leave their section empty.
        XCTAssertFalse(page.bodyHTML.markup.contains("values-port"))
        XCTAssertEqual(page.bodyHTML.markup.components(separatedBy: site.strings("en")["compare.nothing"]).count - 1, 1)
    }

    func testNoPageWithoutBothLines() throws {
        let root = try Fixture.copy("ChartComparison")
        try FileManager.default.removeItem(at: root.appendingPathComponent("charts/spark-3.5"))
        XCTAssertNil(ChartComparison.page(try LoadStage().run(root: root).site, language: "en"))
    }
}
