import Foundation
import XCTest
@testable import DocsiteKit

/// Breadcrumbs: home › section › page in a labelled nav holding an ordered list.
final class BreadcrumbsTests: SiteGeneratorTestCase {
    /// The breadcrumb nav of a page: its attributes and the tags inside it.
    func breadcrumbs(_ file: String) throws -> (nav: HTMLElement?, inside: [HTMLElement], text: String) {
        let html = try page(file)
        let nav = HTMLScan.elements(in: html).first { $0.name == "nav" && $0.attributes["class"] == "breadcrumbs" }
        let body = HTMLScan.texts(of: "nav class=\"breadcrumbs\"", in: html).first ?? ""
        let text = body.replacingOccurrences(of: "<[^>]+>", with: "|", options: .regularExpression)
            .split(separator: "|").joined(separator: "/")
        return (nav, HTMLScan.elements(in: body), text)
    }

    func testADRPageShowsHomeSectionAndPage() throws {
        _ = try build(root)
        let crumbs = try breadcrumbs("en/adr/0001-use-helm/index.html")
        XCTAssertEqual(crumbs.nav?.attributes["aria-label"], "Breadcrumbs")
        XCTAssertEqual(crumbs.inside.map(\.name), ["ol", "li", "a", "li", "a", "li", "span"])
        XCTAssertEqual(crumbs.inside.compactMap { $0.attributes["href"] }, ["../../", "../"])
        XCTAssertEqual(crumbs.inside.last?.attributes["aria-current"], "page")
        XCTAssertEqual(crumbs.text, "Home/ADR/Use Helm")
    }

    func testRussianPagesUseRussianLabelAndTheHomePageHasNone() throws {
        _ = try build(root)
        let ru = try breadcrumbs("ru/guides/setup/index.html")
        XCTAssertEqual(ru.nav?.attributes["aria-label"], "Путь к странице")
        XCTAssertTrue(ru.text.hasPrefix("Главная/"), ru.text)
        XCTAssertNil(try breadcrumbs("en/index.html").nav, "the home page is the whole trail")
    }
}
