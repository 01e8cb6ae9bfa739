import Foundation
import XCTest
@testable import DocsiteKit

/// Generated pages: chart reference, matrix, ADR log, backlinks, examples.
final class SiteFeatureTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try Fixture.copy("charts-site")
        try Fixture.write("title: {en: Features, ru: Возможности}\nlanguages: [en, ru]\nsections: [guides, charts, examples, adr]\n",
                          to: "content/site.yaml", in: root)
        try Fixture.write("---\ntitle: Главная\n---\n", to: "content/ru/index.md", in: root)
        try Fixture.write("---\ntitle: Setup\n---\n\nSet [replicas](chart:demo#replicas) and read [ADR 1](../adr/0001-use-helm.md).\n",
                          to: "content/en/guides/setup.md", in: root)
        try Fixture.write("---\ntitle: Установка\n---\n\nЗадайте [реплики](chart:demo#replicas) и прочитайте [ADR 1](../adr/0001-use-helm.md).\n",
                          to: "content/ru/guides/setup.md", in: root)
        for (language, sections) in [("en", ["Context", "Decision", "Consequences"]), ("ru", ["Контекст", "Решение", "Последствия"])] {
            try Fixture.write("---\ntitle: Use Helm\nstatus: superseded\nsuperseded_by: [2]\ndate: 2026-01-10\n---\n\n" + sections.map { "## \($0)\n\nText.\n" }.joined(separator: "\n"),
                              to: "content/\(language)/adr/0001-use-helm.md", in: root)
            try Fixture.write("---\ntitle: Use Helm 4\nstatus: accepted\nsupersedes: [1]\ndate: 2026-02-01\n---\n\n" + sections.map { "## \($0)\n\nText.\n" }.joined(separator: "\n"),
                              to: "content/\(language)/adr/0002-use-helm-4.md", in: root)
            try Fixture.write("---\ntitle: ADR\n---\n\nLog.\n", to: "content/\(language)/adr/index.md", in: root)
        }
        try Fixture.write("""
        "replicas":
          text: "Число реплик сервера."
          source_hash: "\(ChartTranslations.hash("Server replicas."))"

        """, to: "content/i18n/charts/demo.ru.yaml", in: root)
        try Fixture.write("""
        lines: ["3.5.7", "4.1.0"]
        components:
          - name: Spark
            notes: {en: "The engine.", ru: "Движок."}
            cells:
              "3.5.7": {version: "3.5.7"}
              "4.1.0": {version: "4.1.0", chart: demo, key: image, image: "apache/spark:4.1.0"}

        """, to: "content/matrix.yaml", in: root)
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("site-out/\(path)"), encoding: .utf8)
    }

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

    func testChangedEnglishDescriptionMakesTranslationStale() throws {
        let schema = root.appendingPathComponent("charts/demo/values.schema.json")
        let text = try String(contentsOf: schema, encoding: .utf8).replacingOccurrences(of: "Server replicas.", with: "Number of server replicas.")
        try Data(text.utf8).write(to: schema)
        let stale = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "translation.stale" && $0.file == "content/i18n/charts/demo.ru.yaml" }
        XCTAssertEqual(stale.map(\.line), [1])
    }

    func testGuideLinksToValuesKeyAnchor() throws {
        _ = try build(root)
        let hrefs = HTMLScan.elements(in: try page("ru/guides/setup/index.html")).compactMap { $0.attributes["href"] }
        XCTAssertTrue(hrefs.contains("../../charts/demo/#values-replicas"), "\(hrefs)")
    }

    func testMatrixVerifiesCellsAndReportsDrift() throws {
        _ = try build(root)
        XCTAssertTrue(try page("en/matrix/index.html").contains("class=\"verified\""))
        XCTAssertTrue(try page("ru/matrix/index.html").contains("Движок."))
        XCTAssertEqual(try CheckRunner.run(root: root).diagnostics.filter { $0.code == "matrix.drift" }, [])
        let matrix = root.appendingPathComponent("content/matrix.yaml")
        try Data(try String(contentsOf: matrix, encoding: .utf8).replacingOccurrences(of: "apache/spark:4.1.0", with: "apache/spark:4.0.1").utf8).write(to: matrix)
        let drift = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "matrix.drift" }
        XCTAssertEqual(drift.count, 1)
        XCTAssertEqual(drift.first?.file, "content/matrix.yaml")
        XCTAssertEqual(drift.first?.line, 7)
        XCTAssertTrue(drift.first?.message.contains("charts/demo/values.yaml key 'image' pins 'apache/spark:4.1.0'") == true, drift.first?.message ?? "")
    }

    func testADRLogNewestFirstWithStatusAndSupersedeLinks() throws {
        _ = try build(root)
        let index = try page("en/adr/index.html")
        let rows = HTMLScan.elements(in: index).filter { $0.name == "tr" }.compactMap { $0.attributes["data-status"] }
        XCTAssertEqual(rows, ["accepted", "superseded"])
        let old = try page("en/adr/0001-use-helm/index.html")
        XCTAssertTrue(old.contains("badge-superseded"))
        XCTAssertTrue(HTMLScan.elements(in: old).contains { $0.name == "a" && $0.attributes["href"] == "../0002-use-helm-4/" })
    }

    func testBacklinksListReferringPages() throws {
        _ = try build(root)
        let adr = try page("ru/adr/0001-use-helm/index.html")
        let aside = HTMLScan.texts(of: "aside class=\"backlinks\"", in: adr).first ?? ""
        XCTAssertEqual(HTMLScan.elements(in: aside).filter { $0.name == "a" }.compactMap { $0.attributes["href"] }, ["../../guides/setup/"])
    }

    func testExamplePagesShowVerdictAndChart() throws {
        _ = try build(root)
        let bad = try page("en/examples/values-demo-bad/index.html")
        XCTAssertTrue(bad.contains("badge-error"))
        XCTAssertTrue(HTMLScan.elements(in: bad).contains { $0.name == "a" && $0.attributes["href"] == "../../charts/demo/" })
        XCTAssertTrue(try page("en/examples/values-demo-good/index.html").contains("badge-ok"))
    }

    func testSitemapListsPagesWithHreflangAlternates() throws {
        _ = try build(root)
        let sitemap = try XMLDocument(data: Data(try page("sitemap.xml").utf8))
        let locations = try sitemap.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        XCTAssertTrue(locations.contains("en/charts/demo/"))
        let alternates = try sitemap.nodes(forXPath: "//*[local-name()='link']")
        XCTAssertFalse(alternates.isEmpty)
    }

    func testSearchIndexHasRussianTermsWhenPagefindIsInstalled() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); search indexing not tested here")
        }
        setenv("PAGEFIND", tool, 1)
        _ = try build(root)
        let pagefind = root.appendingPathComponent("site-out/pagefind")
        let entry = try String(contentsOf: pagefind.appendingPathComponent("pagefind-entry.json"), encoding: .utf8)
        XCTAssertTrue(entry.contains("\"ru\""), entry)
        XCTAssertTrue(entry.contains("\"en\""), entry)
        XCTAssertTrue(try page("ru/guides/setup/index.html").contains("pagefind-ui.js"))
    }

    func testBuildWithoutSearchHasNoIndexNoSearchBoxAndNoWarning() throws {
        // Whether or not Pagefind is installed, `--no-search` means none of it.
        let report = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false))
        XCTAssertFalse(report.diagnostics.contains { $0.code == "search.unavailable" }, "\(report.diagnostics)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/pagefind").path))
        let html = try page("en/guides/setup/index.html")
        XCTAssertFalse(html.contains("pagefind-ui.js"), "no search script without an index")
        XCTAssertFalse(html.contains("class=\"search\""), "no search box without an index")
        XCTAssertTrue(html.contains("class=\"site-nav\""), "the rest of the page shell is there")
    }
}
#if canImport(FoundationXML)
import FoundationXML
#endif
