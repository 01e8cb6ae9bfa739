import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import DocsiteKit

/// Sitemap and canonical links: absolute with `base_url`, absent without.
final class SitemapTests: SiteGeneratorTestCase {
    func setBaseURL(_ value: String) throws {
        try edit(root, "content/site.yaml") { $0 + "base_url: \(value)\n" }
    }

    func testWithBaseURLSitemapAndCanonicalLinksAreAbsolute() throws {
        try setBaseURL("https://docs.example.org/spark")
        _ = try build(root)
        let sitemap = try XMLDocument(data: Data(try page("sitemap.xml").utf8))
        let locations = try sitemap.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        XCTAssertTrue(locations.contains("https://docs.example.org/spark/en/charts/demo/"))
        XCTAssertTrue(locations.allSatisfy { $0.hasPrefix("https://docs.example.org/spark/") }, "\(locations)")
        let alternates = try sitemap.nodes(forXPath: "//*[local-name()='link']/@href").compactMap(\.stringValue)
        XCTAssertFalse(alternates.isEmpty)
        XCTAssertTrue(alternates.allSatisfy { $0.hasPrefix("https://docs.example.org/spark/") }, "\(alternates)")
        let canonical = HTMLScan.elements(in: try page("en/charts/demo/index.html"))
            .filter { $0.name == "link" && $0.attributes["rel"] == "canonical" }.map { $0.attributes["href"] }
        XCTAssertEqual(canonical, ["https://docs.example.org/spark/en/charts/demo/"])
        let redirect = HTMLScan.elements(in: try page("index.html")).filter { $0.attributes["rel"] == "canonical" }
        XCTAssertEqual(redirect.map { $0.attributes["href"] }, ["https://docs.example.org/spark/en/"])
    }

    func testWithoutBaseURLNoSitemapNoCanonicalAndAWarning() throws {
        let report = try build(root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/sitemap.xml").path))
        let warning = report.diagnostics.filter { $0.code == DiagnosticCode.sitemapNoBaseURL.rawValue }
        XCTAssertEqual(warning.map(\.severity), [.warning])
        XCTAssertEqual(warning.first?.file, "content/site.yaml")
        for file in ["index.html", "en/charts/demo/index.html"] {
            XCTAssertFalse(HTMLScan.elements(in: try page(file)).contains { $0.attributes["rel"] == "canonical" }, file)
        }
    }

    func testRelativeBaseURLIsAConfigError() throws {
        try setBaseURL("/docs/")
        let errors = buildErrors(root)
        XCTAssertEqual(errors.map(\.code), [DiagnosticCode.configInvalid.rawValue])
        XCTAssertEqual(errors.first?.line, 4)
        XCTAssertTrue(errors.first?.message.contains("base_url") ?? false)
    }
}
