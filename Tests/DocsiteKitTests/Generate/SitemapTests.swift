import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import DocsiteKit

/// Sitemap: every page with its language alternates.
final class SitemapTests: SiteGeneratorTestCase {
    func testSitemapListsPagesWithHreflangAlternates() throws {
        _ = try build(root)
        let sitemap = try XMLDocument(data: Data(try page("sitemap.xml").utf8))
        let locations = try sitemap.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        XCTAssertTrue(locations.contains("en/charts/demo/"))
        let alternates = try sitemap.nodes(forXPath: "//*[local-name()='link']")
        XCTAssertFalse(alternates.isEmpty)
    }
}
