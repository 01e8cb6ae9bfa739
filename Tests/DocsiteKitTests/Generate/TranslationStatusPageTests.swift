import Foundation
import XCTest
@testable import DocsiteKit

/// TranslationStatusPage: every pair with its state, in each language.
final class TranslationStatusPageTests: SiteGeneratorTestCase {
    func row(_ html: String, _ file: String) -> String {
        HTMLScan.texts(of: "tr", in: html).first { $0.contains(file) } ?? ""
    }

    func testEachPairShowsWhetherItIsUpToDateStaleOrMissing() throws {
        _ = try TranslationStatus.sync(root: root, paths: ["content/ru/guides/setup.md"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/ru/adr/index.md"))
        let site = try LoadStage().run(root: root).site
        let pages = TranslationStatusPage.pages(site)
        XCTAssertEqual(pages.map(\.urlPath), ["en/translations/", "ru/translations/"])
        for page in pages {
            let ui = site.strings(page.language)
            XCTAssertTrue(row(page.bodyHTML.markup, "content/ru/guides/setup.md").contains(ui["translations.up-to-date"]), page.language)
            XCTAssertTrue(row(page.bodyHTML.markup, "content/ru/adr/index.md").contains(ui["translations.missing"]), page.language)
            // Never synced: no source_hash yet.
            XCTAssertTrue(row(page.bodyHTML.markup, "content/ru/adr/0001-use-helm.md").contains(ui["translations.stale"]), page.language)
        }
    }
}
