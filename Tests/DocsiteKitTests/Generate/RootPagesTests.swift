import Foundation
import XCTest
@testable import DocsiteKit

/// index.html and 404.html: pages outside the layout, which must work
/// under any sub-path the site is served from.
final class RootPagesTests: SiteGeneratorTestCase {
    func links(_ file: String) throws -> [String] {
        HTMLScan.elements(in: try page(file)).flatMap { [$0.attributes["href"], $0.attributes["src"]] }.compactMap { $0 }
    }

    func testNoRootAbsoluteLinksWithoutBaseURL() throws {
        _ = try build(root)
        for file in ["index.html", "404.html"] {
            let found = try links(file)
            XCTAssertFalse(found.isEmpty, file)
            XCTAssertEqual(found.filter { $0.hasPrefix("/") }, [], file)
        }
        let anchors = HTMLScan.elements(in: try page("404.html")).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }
        XCTAssertEqual(anchors, ["en/", "ru/"])
    }

    func testNotFoundLinksAreAbsoluteWithBaseURL() throws {
        try edit(root, "content/site.yaml") { $0 + "base_url: https://docs.example.org/spark/\n" }
        _ = try build(root)
        let anchors = HTMLScan.elements(in: try page("404.html")).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }
        XCTAssertEqual(anchors, ["https://docs.example.org/spark/en/", "https://docs.example.org/spark/ru/"])
    }

    func testRootLoadsTheSiteScriptToPickALanguageAndLinksEachWithout() throws {
        _ = try build(root)
        let elements = HTMLScan.elements(in: try page("index.html"))
        XCTAssertNotNil(elements.first { $0.name == "html" }?.attributes["data-pick-language"])
        XCTAssertEqual(elements.filter { $0.name == "script" }.map { $0.attributes["src"] }, ["assets/docsite.js"])
        XCTAssertTrue(try page("index.html").contains("<noscript><meta http-equiv=\"refresh\" content=\"0; url=en/\"></noscript>"))
        let languageLinks = elements.filter { $0.name == "a" && $0.attributes["hreflang"] != nil }
        XCTAssertEqual(languageLinks.map { $0.attributes["href"] }, ["en/", "ru/"])
        XCTAssertEqual(languageLinks.map { $0.attributes["lang"] }, ["en", "ru"])
    }
}
