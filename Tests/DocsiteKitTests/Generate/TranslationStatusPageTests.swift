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

    func summary(_ html: String) -> [String] {
        let list = HTMLScan.texts(of: "ul class=\"translation-summary\"", in: html).first ?? ""
        return HTMLScan.texts(of: "li", in: list).map { $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression) }
    }

    func testSummaryCountsEachLanguageByNameAndRowsNameTheLanguage() throws {
        // Of the five pairs: three synced, one deleted, ADR 1 never synced (stale).
        _ = try TranslationStatus.sync(root: root, paths: ["content/ru/guides/setup.md", "content/ru/index.md", "content/ru/adr/0002-use-helm-4.md"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/ru/adr/index.md"))
        let pages = TranslationStatusPage.pages(try LoadStage().run(root: root).site)
        let byLanguage = Dictionary(uniqueKeysWithValues: pages.map { ($0.language, $0.bodyHTML.markup) })
        XCTAssertEqual(summary(byLanguage["en"] ?? ""), ["Русский: 3/5 up to date · stale: 1 · missing: 1"])
        XCTAssertEqual(summary(byLanguage["ru"] ?? ""), ["Русский: 3/5 актуальны · устарели: 1 · отсутствуют: 1"])
        XCTAssertTrue(row(byLanguage["en"] ?? "", "content/ru/guides/setup.md").contains("<span lang=\"ru\">Русский</span>: "))
    }
}
