import Foundation
import XCTest
@testable import DocsiteKit

/// Backlinks: the pages that link to a page.
final class BacklinksTests: SiteGeneratorTestCase {
    func testBacklinksListReferringPages() throws {
        _ = try build(root)
        let adr = try page("ru/adr/0001-use-helm/index.html")
        let aside = HTMLScan.texts(of: "aside class=\"backlinks\"", in: adr).first ?? ""
        XCTAssertEqual(HTMLScan.elements(in: aside).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }, ["../../guides/setup/"])
    }
}
