import Foundation
import XCTest
@testable import DocsiteKit

/// KeysIndex: the values keys the search overlay lists as results of their own.
final class KeysIndexTests: SiteGeneratorTestCase {
    func index(_ language: String) throws -> [[String: Any]] {
        let site = try LoadStage().run(root: root).site
        let object = try JSONSerialization.jsonObject(with: KeysIndex.json(site, language: language)) as? [String: Any]
        return try XCTUnwrap(object?["charts"] as? [[String: Any]])
    }

    func keys(_ chart: [String: Any]?) -> [String: [String: String]] {
        let list = chart?["keys"] as? [[String: String]] ?? []
        return Dictionary(list.map { ($0["key"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    func testEveryRowOfAValuesReferenceIsAKeyWithItsRowAnchor() throws {
        let charts = try index("en")
        XCTAssertEqual(charts.compactMap { $0["chart"] as? String }, ["demo", "demo/sub"])
        let demo = charts.first { $0["chart"] as? String == "demo" }
        XCTAssertEqual(demo?["url"] as? String, "../en/charts/demo/", "relative to assets/, where the file is")
        // The same rows, in the same order, as the page's table.
        _ = try build(root)
        let rows = HTMLScan.elements(in: try page("en/charts/demo/index.html")).filter { $0.name == "tr" }.compactMap { $0.attributes["id"] }
        XCTAssertEqual((demo?["keys"] as? [[String: String]])?.compactMap { $0["anchor"] }, rows)
        XCTAssertEqual(keys(demo)["image.tag"], ["key": "image.tag", "anchor": "values-image-tag", "text": "Pinned image tag."])
        XCTAssertEqual(keys(demo)["sub.workers"]?["anchor"], "values-sub-workers", "subchart keys under the parent's key")
        XCTAssertEqual(keys(charts.last)["workers"]?["anchor"], "values-workers", "and on the subchart's own page")
    }

    func testRussianTextIsTheTranslationElseTheEnglishDescription() throws {
        let demo = try index("ru").first { $0["chart"] as? String == "demo" }
        XCTAssertEqual(demo?["url"] as? String, "../ru/charts/demo/")
        XCTAssertEqual(keys(demo)["replicas"]?["text"], "Число реплик сервера.")
        XCTAssertEqual(keys(demo)["image.tag"]?["text"], "Pinned image tag.", "untranslated: the English text, as the row shows")
    }

    func testNewestApplicationVersionFirstAndLongDescriptionsCut() throws {
        let long = String(repeating: "A long description of the key. ", count: 10)
        try Fixture.write("apiVersion: v2\nname: alpha\nversion: 0.1.0\nappVersion: \"3.5.7\"\n", to: "charts/alpha/Chart.yaml", in: root)
        try Fixture.write("image:\n  tag: \"3.5.7\"\n", to: "charts/alpha/values.yaml", in: root)
        try Fixture.write(#"{"type": "object", "properties": {"image": {"type": "object", "properties": {"tag": {"type": "string", "description": "\#(long)"}}}}}"#,
                          to: "charts/alpha/values.schema.json", in: root)
        let charts = try index("en")
        // demo is 4.1.0, alpha 3.5.7, demo/sub has none: alpha is first by name but not here.
        XCTAssertEqual(charts.compactMap { $0["chart"] as? String }, ["demo", "alpha", "demo/sub"])
        let text = try XCTUnwrap(keys(charts[1])["image.tag"]?["text"])
        XCTAssertEqual(text.count, KeysIndex.excerptLength)
        XCTAssertTrue(text.hasSuffix("…") && long.hasPrefix(String(text.dropLast()).trimmingCharacters(in: .whitespaces)), text)
    }

    func testBuildWritesOneFilePerLanguageThePagesPointAt() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); the keys files come with search only")
        }
        setenv("PAGEFIND", tool, 1)
        _ = try build(root)
        for language in ["en", "ru"] {
            let html = try page("\(language)/guides/setup/index.html")
            let search = HTMLScan.elements(in: html).first { $0.attributes["class"] == "search" }
            XCTAssertEqual(search?.attributes["data-keys"], "../../../assets/keys.\(language).json")
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/assets/keys.\(language).json").path))
        }
        _ = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site-out/assets/keys.en.json").path),
                       "no search, no keys file")
    }
}
