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
}
