import Foundation
import XCTest
@testable import DocsiteKit

/// ADR entries in the sidebar: number and short title, the full title as
/// the tooltip (fixture: Fixtures/SiteGenerators).
final class ADRNavigationTests: SiteGeneratorTestCase {
    /// The sidebar's links on a page: (text, title attribute).
    func sidebarLinks(_ file: String) throws -> [(text: String, title: String?)] {
        let nav = try XCTUnwrap(HTMLScan.texts(of: #"nav class="site-nav""#, in: try page(file)).first)
        let pattern = try NSRegularExpression(pattern: #"<a ([^>]*)>([^<]*)</a>"#)
        return pattern.matches(in: nav, range: NSRange(nav.startIndex..., in: nav)).map { match in
            let attributes = HTMLScan.attributes(String(nav[Range(match.range(at: 1), in: nav)!]))
            return (HTMLScan.unescape(String(nav[Range(match.range(at: 2), in: nav)!])), attributes["title"])
        }
    }

    func testADREntriesShowNumberAndShortTitleWithTheFullTitleAsTooltip() throws {
        try edit(root, "content/en/adr/0002-use-helm-4.md") {
            $0.replacingOccurrences(of: "title: Use Helm 4\n", with: "title: \"ADR 0002: Use Helm 4 for every chart, from now on\"\nshort_title: Helm 4\n")
        }
        _ = try build(root)
        // A page beside the records and a record itself (whose own link is written apart).
        for file in ["en/guides/setup/index.html", "en/adr/0002-use-helm-4/index.html"] {
            let records = try sidebarLinks(file).filter { $0.text.range(of: #"^\d{4} · "#, options: .regularExpression) != nil }
            XCTAssertEqual(records.map(\.text).sorted(), ["0001 · Use Helm", "0002 · Helm 4"], file)
            XCTAssertEqual(records.first { $0.text.hasPrefix("0002") }?.title, "ADR 0002: Use Helm 4 for every chart, from now on", file)
            XCTAssertEqual(records.first { $0.text.hasPrefix("0001") }?.title, "Use Helm", file)
        }
        // Russian: no short title, so the title itself after the number.
        let russian = try sidebarLinks("ru/guides/setup/index.html")
        XCTAssertTrue(russian.contains { $0.text == "0002 · Use Helm 4" && $0.title == "Use Helm 4" }, "\(russian)")
        // The heading and the breadcrumb keep the full title.
        let record = try page("en/adr/0002-use-helm-4/index.html")
        XCTAssertEqual(HTMLScan.texts(of: "h1", in: record), ["ADR 0002: Use Helm 4 for every chart, from now on"])
        XCTAssertTrue(record.contains(#"<span aria-current="page">ADR 0002: Use Helm 4 for every chart, from now on</span>"#))
    }

    func testLabelDropsTheADRPrefixAndKeepsOtherTitles() {
        XCTAssertEqual(ADRRecord.navigationLabel(path: "adr/0007-md.md", title: "ADR 0007: cmark-gfm as the engine", shortTitle: nil),
                       "0007 · cmark-gfm as the engine")
        XCTAssertEqual(ADRRecord.navigationLabel(path: "adr/0007-md.md", title: "ADR 0007: long", shortTitle: " Markdown "), "0007 · Markdown")
        XCTAssertEqual(ADRRecord.navigationLabel(path: "adr/0012-x.md", title: "Celeborn 0.7.0", shortTitle: ""), "0012 · Celeborn 0.7.0")
        XCTAssertNil(ADRRecord.navigationLabel(path: "adr/index.md", title: "Decisions", shortTitle: nil))
    }
}
