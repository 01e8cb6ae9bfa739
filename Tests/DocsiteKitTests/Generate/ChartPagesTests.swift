import Foundation
import XCTest
@testable import DocsiteKit

/// ChartPages and ValuesReference: a chart's values reference in each language.
final class ChartPagesTests: SiteGeneratorTestCase {
    func testEverySchemaKeyHasARowWithItsAnchorAndDefault() throws {
        _ = try build(root)
        let html = try page("en/charts/demo/index.html")
        let rows = HTMLScan.elements(in: html).filter { $0.name == "tr" }.compactMap { $0.attributes["id"] }
        for key in ["image", "image.repository", "image.tag", "replicas", "ports", "podAnnotations", "mode", "resources",
                    "sub", "sub.enabled", "sub.workers"] {
            XCTAssertTrue(rows.contains(ChartAnchor.id(forKey: key)), "no row for \(key) in \(rows)")
        }
        let replicasRow = HTMLScan.texts(of: "tr id=\"values-replicas\"", in: html).first ?? ""
        XCTAssertTrue(replicasRow.contains("<code>1</code>"), replicasRow)
        let tagRow = HTMLScan.texts(of: "tr id=\"values-image-tag\"", in: html).first ?? ""
        XCTAssertTrue(tagRow.contains("<code>4.1.0</code>"), tagRow)
        XCTAssertTrue(tagRow.contains("pattern: ^[0-9]+"), tagRow)
        let subchartPage = try page("en/charts/demo/sub/index.html")
        XCTAssertTrue(subchartPage.contains("id=\"values-workers\""))
    }

    /// The install command is generated, not Markdown, and still goes through
    /// the highlighter like every other shell block of the site.
    func testInstallCommandIsHighlightedLikeMarkdownShellBlocks() throws {
        _ = try build(root)
        for language in ["en", "ru"] {
            let html = try page("\(language)/charts/demo/index.html")
            let block = HTMLScan.texts(of: "code class=\"language-bash\"", in: html).first ?? ""
            let kinds = Set(HTMLScan.elements(in: block).compactMap { $0.attributes["class"] })
            XCTAssertTrue(kinds.contains("tok-cmd"), "helm is not marked as a command in \(language): \(block)")
            let text = block.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            XCTAssertTrue(text.hasPrefix("helm install demo charts/demo -n spark"), text)
        }
    }

    func testRussianDescriptionsUsedWhereTranslatedElseMarked() throws {
        _ = try build(root)
        let html = try page("ru/charts/demo/index.html")
        let replicas = HTMLScan.texts(of: "tr id=\"values-replicas\"", in: html).first ?? ""
        XCTAssertTrue(replicas.contains("Число реплик сервера."))
        XCTAssertFalse(replicas.contains("нет перевода"))
        let tag = HTMLScan.texts(of: "tr id=\"values-image-tag\"", in: html).first ?? ""
        XCTAssertTrue(tag.contains("Pinned image tag."))
        XCTAssertTrue(tag.contains("нет перевода"))
        let missing = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "translation.missing" && $0.file.contains("demo") }
        XCTAssertEqual(missing.count, 2, "\(missing)")  // demo and demo/sub
        XCTAssertTrue(missing.contains { $0.message.contains("image.tag") })
    }

    func testGuideLinksToValuesKeyAnchor() throws {
        _ = try build(root)
        let hrefs = HTMLScan.elements(in: try page("ru/guides/setup/index.html")).compactMap { $0.attributes["href"] }
        XCTAssertTrue(hrefs.contains("../../charts/demo/#values-replicas"), "\(hrefs)")
    }

    func testConstraintsAndTheLegendAreInThePageLanguage() throws {
        _ = try build(root)
        for (language, oneOf, pattern, notSet) in [("en", "one of: \"small\", \"large\"", "pattern: ^[0-9]+", "not set"),
                                                   ("ru", "одно из: \"small\", \"large\"", "шаблон: ^[0-9]+", "не задано")] {
            let html = try page("\(language)/charts/demo/index.html")
            func row(_ key: String) -> String { HTMLScan.texts(of: "tr id=\"\(ChartAnchor.id(forKey: key))\"", in: html).first ?? "" }
            XCTAssertTrue(row("mode").contains(oneOf), row("mode"))
            XCTAssertTrue(row("image.tag").contains(pattern), row("image.tag"))
            XCTAssertTrue(row("global").contains("<span class=\"not-set\">\(notSet)</span>"), row("global"))
            let legend = HTMLScan.texts(of: "dl class=\"values-legend\"", in: html).first ?? ""
            let terms = HTMLScan.texts(of: "dt", in: legend).map { $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression) }
            XCTAssertEqual(terms, ["\"\"", language == "en" ? "empty cell" : "пустая ячейка", notSet], language)
            XCTAssertEqual(HTMLScan.texts(of: "dd", in: legend).count, 3)
        }
        XCTAssertFalse(try page("ru/charts/demo/index.html").contains("элементов"), "no array bounds in the fixture")
    }

    func testMaintainersShownOnlyWhenTheChartNamesThem() throws {
        _ = try build(root)
        XCTAssertFalse(HTMLScan.texts(of: "dt", in: try page("en/charts/demo/index.html")).contains("Maintainers"))
        try edit(root, "charts/demo/Chart.yaml") { $0 + "maintainers:\n  - name: Platform team\n" }
        _ = try build(root)
        let facts = HTMLScan.texts(of: "dl class=\"chart-facts\"", in: try page("en/charts/demo/index.html")).first ?? ""
        XCTAssertTrue(facts.contains("<dt>Maintainers</dt>"), facts)
        XCTAssertTrue(facts.contains("Platform team"), facts)
    }
}
