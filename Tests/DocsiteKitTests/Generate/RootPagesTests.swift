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
        let notFound = try page("404.html")
        XCTAssertEqual(HTMLScan.elements(in: notFound).compactMap { $0.attributes["data-site-path"] }, ["en/", "ru/"])
        XCTAssertTrue(notFound.contains(SiteRenderer.siteRootScript), "the script that finds the site root")
    }

    func testNotFoundLinksAreAbsoluteWithBaseURL() throws {
        try edit(root, "content/site.yaml") { $0 + "base_url: https://docs.example.org/spark/\n" }
        _ = try build(root)
        let anchors = HTMLScan.elements(in: try page("404.html")).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }
        XCTAssertEqual(anchors, ["https://docs.example.org/spark/en/", "https://docs.example.org/spark/ru/"])
        XCTAssertFalse(try page("404.html").contains("<script"), "no root to look for")
    }

    func testRootPicksALanguageWithScriptAndLinksEachWithout() throws {
        _ = try build(root)
        let html = try page("index.html")
        XCTAssertTrue(html.contains("<script>\(SiteRenderer.languageChoiceScript(["en", "ru"]))</script>"))
        XCTAssertTrue(html.contains("<noscript><meta http-equiv=\"refresh\" content=\"0; url=en/\"></noscript>"), html)
        let languageLinks = HTMLScan.elements(in: html).filter { $0.name == "a" && $0.attributes["hreflang"] != nil }
        XCTAssertEqual(languageLinks.map { $0.attributes["href"] }, ["en/", "ru/"])
        XCTAssertTrue(SiteRenderer.languageChoiceScript(["en", "ru"]).contains("localStorage.getItem('docsite.language')"))
        XCTAssertTrue(StaticAssets.script.contains("save('docsite.language'"), "the language switch remembers the choice")
    }
}
