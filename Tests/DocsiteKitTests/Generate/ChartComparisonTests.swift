import Foundation
import XCTest
@testable import DocsiteKit

/// ChartComparison: spark-3.5 against spark-4.1, key by key (fixture: Fixtures/ChartComparison).
final class ChartComparisonTests: XCTestCase {
    func testKeysOfOneLineOnlyAndChangedDefaultsLinkToTheirRows() throws {
        let site = try LoadStage().run(root: try Fixture.copy("ChartComparison")).site
        let page = try XCTUnwrap(ChartComparison.page(site, language: "en"))
        // Differing defaults first: what silently changes behaviour on a move.
        XCTAssertEqual(page.headings.map(\.id), ["default-differs", "only-in-spark-35", "only-in-spark-41", "type-differs"])
        let links = HTMLScan.elements(in: page.bodyHTML.markup).compactMap { $0.attributes["href"] }.filter { !$0.hasPrefix("#") }
        XCTAssertEqual(links, ["../spark-4.1/#values-replicas", "../spark-3.5/#values-legacyshuffle", "../spark-4.1/#values-connect"])
        // The same port on both lines is no difference; equal types leave their section empty.
        XCTAssertFalse(page.bodyHTML.markup.contains("values-port"))
        XCTAssertEqual(page.bodyHTML.markup.components(separatedBy: site.strings("en")["compare.nothing"]).count - 1, 1)
    }

    func testCountsPerSectionLinkToTheSectionsBeforeTheTables() throws {
        let site = try LoadStage().run(root: try Fixture.copy("ChartComparison")).site
        let html = try XCTUnwrap(ChartComparison.page(site, language: "ru")).bodyHTML.markup
        let list = try XCTUnwrap(HTMLScan.texts(of: "ul class=\"compare-counts\"", in: html).first)
        let items = HTMLScan.texts(of: "li", in: list).map { $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression) }
        let ui = site.strings("ru")
        XCTAssertEqual(items, ["\(ui["compare.defaultDiffers"]): 1", "\(ui["compare.onlyIn"]) spark-3.5: 1",
                               "\(ui["compare.onlyIn"]) spark-4.1: 1", "\(ui["compare.typeDiffers"]): 0"])
        XCTAssertEqual(HTMLScan.elements(in: list).compactMap { $0.attributes["href"] },
                       ["#default-differs", "#only-in-spark-35", "#only-in-spark-41", "#type-differs"])
        XCTAssertLessThan(html.range(of: "compare-counts")!.lowerBound, html.range(of: "<table")!.lowerBound)
    }

    func testNoPageWithoutBothLines() throws {
        let root = try Fixture.copy("ChartComparison")
        try FileManager.default.removeItem(at: root.appendingPathComponent("charts/spark-3.5"))
        XCTAssertNil(ChartComparison.page(try LoadStage().run(root: root).site, language: "en"))
    }
}
