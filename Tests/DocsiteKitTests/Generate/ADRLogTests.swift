import Foundation
import XCTest
@testable import DocsiteKit

/// ADRLog: the ADR index newest first, status badges and supersede links.
final class ADRLogTests: SiteGeneratorTestCase {
    func testADRLogNewestFirstWithStatusAndSupersedeLinks() throws {
        _ = try build(root)
        let index = try page("en/adr/index.html")
        let rows = HTMLScan.elements(in: index).filter { $0.name == "tr" }.compactMap { $0.attributes["data-status"] }
        XCTAssertEqual(rows, ["accepted", "superseded"])
        let old = try page("en/adr/0001-use-helm/index.html")
        XCTAssertTrue(old.contains("badge-superseded"))
        XCTAssertTrue(HTMLScan.elements(in: old).contains { $0.name == "a" && $0.attributes["href"] == "../0002-use-helm-4/" })
    }

    /// The counts list: total, then one badge and number per status present.
    func counts(_ file: String) throws -> String {
        let list = HTMLScan.texts(of: "ul class=\"adr-counts\"", in: try page(file)).first ?? ""
        return list.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "|")
    }

    func testADRLogCountsDecisionsPerStatusInEachLanguage() throws {
        _ = try build(root)
        XCTAssertEqual(try counts("en/adr/index.html"), "Total: 2|accepted 1|superseded 1")
        XCTAssertEqual(try counts("ru/adr/index.html"), "Всего: 2|принято 1|заменено 1")
        XCTAssertTrue(HTMLScan.elements(in: try page("en/adr/index.html")).contains {
            $0.name == "ul" && $0.attributes["aria-label"] == "Decisions by status" })
    }

    func testADRIndexWithoutRecordsSaysSoInsteadOfAnEmptyTable() throws {
        for language in ["en", "ru"] {
            for file in ["0001-use-helm.md", "0002-use-helm-4.md"] {
                try FileManager.default.removeItem(at: root.appendingPathComponent("content/\(language)/adr/\(file)"))
            }
        }
        _ = try build(root)
        for (file, message) in [("en/adr/index.html", "No decisions are recorded yet."), ("ru/adr/index.html", "Решений пока нет.")] {
            let html = try page(file)
            XCTAssertEqual(HTMLScan.texts(of: "p class=\"empty-state\"", in: html), [message], file)
            XCTAssertFalse(html.contains("adr-table"), file)
        }
    }
}
