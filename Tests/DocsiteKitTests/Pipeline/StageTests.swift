import Foundation
import XCTest
@testable import DocsiteKit

/// The stages of `build` and `check`: each names what it reports, and
/// nothing after the load stage reads what it loaded again.
final class StageTests: XCTestCase {
    /// Counts the chart loads of the stages it is passed to.
    final class CountingLoader: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var loads: Int { lock.lock(); defer { lock.unlock() }; return count }

        var stage: LoadStage {
            LoadStage(loadCharts: { root in
                self.lock.lock()
                self.count += 1
                self.lock.unlock()
                return ChartCatalog.load(root: root)
            })
        }
    }

    /// A site whose chart and chart translation fail to load, with one
    /// broken link for a check to find.
    func brokenSite() throws -> URL {
        try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                          "content/en/index.md": "---\ntitle: Home\n---\n[x](missing.md)\n",
                          "content/ru/index.md": "---\ntitle: Дом\n---\n[x](missing.md)\n",
                          "charts/broken/Chart.yaml": "apiVersion: v2\nname: [unclosed\n",
                          "charts/good/Chart.yaml": "apiVersion: v2\nname: good\nversion: 0.1.0\n",
                          "charts/good/values.yaml": "replicas: 1\n",
                          "content/i18n/charts/good.ru.yaml": "- not\n- a mapping\n"])
    }

    func testCheckLoadsTheChartsOnceAndReportsLoadProblemsOnceWithTheirStage() throws {
        let root = try brokenSite()
        let counter = CountingLoader()
        let found = try CheckRunner.run(root: root, load: counter.stage).diagnostics
        XCTAssertEqual(counter.loads, 1)
        let chart = found.filter { $0.file == "charts/broken/Chart.yaml" }
        XCTAssertEqual(chart.count, 1, "\(chart)")
        XCTAssertEqual(chart.first?.stage, "load")
        // Before: ChartTranslationCheck loaded the translations again for itself.
        let translation = found.filter { $0.file == "content/i18n/charts/good.ru.yaml" }
        XCTAssertEqual(translation.map(\.code), ["yaml.invalid"])
        XCTAssertEqual(translation.first?.stage, "load")
        let links = found.filter { $0.code == "link.broken" }
        XCTAssertEqual(links.count, 2)
        XCTAssertEqual(Set(links.map(\.stage)), ["check"])
    }

    func testBuildLoadsTheChartsOnceAndReportsWhatTheirTranslationsDidNotLoad() throws {
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "content/ru/index.md": "---\ntitle: Дом\n---\nПривет.\n",
                                     "charts/good/Chart.yaml": "apiVersion: v2\nname: good\nversion: 0.1.0\n",
                                     "charts/good/values.yaml": "replicas: 1\n",
                                     "content/i18n/charts/good.ru.yaml": "- not\n- a mapping\n"])
        let counter = CountingLoader()
        // Before: the render stage loaded the charts (a second time for
        // `serve`) and dropped what loading their translations found.
        let report = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false),
                                           load: counter.stage)
        XCTAssertEqual(counter.loads, 1)
        let translation = report.diagnostics.filter { $0.file == "content/i18n/charts/good.ru.yaml" }
        XCTAssertEqual(translation.map(\.code), ["yaml.invalid"])
        XCTAssertEqual(translation.first?.stage, "load")
    }

    func testEachStageNamesWhatItThrows() throws {
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: [unclosed\n---\nHi.\n"])
        XCTAssertEqual(buildErrors(root).map { "\($0.stage ?? "-") \($0.code)" }, ["load frontmatter.invalid"])

        let site = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: []\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n"])
        struct DiskFull: Error {}
        let options = BuildOptions(root: site, out: site.appendingPathComponent("site-out"), search: false)
        do {
            _ = try BuildPipeline.run(options, beforeEachFile: { _ in throw DiskFull() })
            XCTFail("a file that cannot be staged stops the build")
        } catch {
            XCTAssertEqual(error.diagnostics.map { "\($0.stage ?? "-") \($0.code)" }, ["render output.write"])
        }
        try Fixture.write("not a docsite output", to: "site-out/keep.txt", in: site)
        XCTAssertEqual(buildErrors(site).map { "\($0.stage ?? "-") \($0.code)" }, ["write output.write"])
    }

    func testExamplePagesShowTheVerdictsTheLoadStageReached() throws {
        let root = try Fixture.copy("charts-site")
        var site = try LoadStage().run(root: root).site
        let good = try XCTUnwrap(site.overlays.firstIndex { $0.fileName == "values-demo-good.yaml" })
        XCTAssertEqual(site.overlays[good].problems, [], "the fixture's good overlay validates")
        // A verdict only the loaded model holds: a page that validated the
        // overlay again would not show it.
        site.overlays[good].problems = [.error(.overlayInvalid, file: site.overlays[good].file, line: 2, "verdict held by the loaded site")]
        let pages = SiteGenerators.pages(site, highlighter: SyntaxHighlighter())
        let page = try XCTUnwrap(pages.first { $0.key == "examples/values-demo-good.yaml" })
        XCTAssertTrue(page.bodyHTML.markup.contains("verdict held by the loaded site"), page.bodyHTML.markup)
        // And `check` reports the same verdicts (no second validation either).
        XCTAssertEqual(OverlayCheck().run(site).filter { $0.file == site.overlays[good].file && $0.code != "overlay.when" }.map(\.message),
                       ["verdict held by the loaded site"])
    }

    func testAnAssetThatCannotBeReadStopsTheRenderInsteadOfVanishing() throws {
        let root = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: []\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\n![x](diagram.png)\n",
                                     "content/en/diagram.png": "png"])
        let (content, _) = try ContentLoader.load(root: root)
        XCTAssertEqual(content.assets, ["en/diagram.png"])
        let renderer = SiteRenderer(content: content)
        XCTAssertNotNil(try renderer.assemble(renderer.markdownPages(), searchEnabled: false, root: root).files["en/diagram.png"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/en/diagram.png"))
        XCTAssertThrowsError(try renderer.assemble(renderer.markdownPages(), searchEnabled: false, root: root)) { error in
            XCTAssertEqual((error as? DiagnosticsError)?.diagnostics.map { "\($0.file) \($0.code)" }, ["content/en/diagram.png content.unreadable"])
        }
    }

    func testASchemaThatIsNotUTF8IsAnErrorNotAChartWithoutSchema() throws {
        let root = try Fixture.make(["charts/demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
                                     "charts/demo/values.yaml": "replicas: 1\n"])
        try Data([0x7B, 0xFF, 0x7D]).write(to: root.appendingPathComponent("charts/demo/values.schema.json"))
        let (catalog, problems) = ChartCatalog.load(root: root)
        XCTAssertEqual(problems.map { "\($0.file) \($0.code)" }, ["charts/demo/values.schema.json content.encoding"])
        XCTAssertNil(catalog.chart("demo")?.schemaText)
    }

    func testUIStringsParityReadsTheKeysTheLoadStageReadAndANonUTF8FileIsAnError() throws {
        let root = try Fixture.make(["content/site.yaml": Fixture.minimalConfig,
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "content/ru/index.md": "---\ntitle: Дом\n---\nПривет.\n",
                                     "content/i18n/en.yaml": "nav:\n  home: Home\n  extra: Extra\n",
                                     "content/i18n/ru.yaml": "nav:\n  home: Главная\n"])
        let site = try LoadStage().run(root: root).site
        XCTAssertEqual(site.content.strings["en"]?.fileKeys, ["nav.home": 2, "nav.extra": 3])
        // The check finds the missing key from the loaded model, with the file gone.
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/i18n"))
        XCTAssertEqual(UIStringsParityCheck().run(site).map { "\($0.file):\($0.line ?? 0) \($0.code)" },
                       ["content/i18n/en.yaml:3 translation.missing"])
        // Before: a file that is not UTF-8 counted as no file at all.
        try Fixture.write("nav:\n  home: x\n", to: "content/i18n/ru.yaml", in: root)
        try Data([0x6E, 0x61, 0x76, 0x3A, 0x20, 0xFF, 0x0A]).write(to: root.appendingPathComponent("content/i18n/ru.yaml"))
        XCTAssertThrowsError(try LoadStage().run(root: root)) { error in
            XCTAssertEqual((error as? DiagnosticsError)?.diagnostics.map { "\($0.stage ?? "-") \($0.code)" }, ["load content.encoding"])
        }
    }

    func testBuildReportsASchemaThatCannotBeUsedAndCheckReportsItOnce() throws {
        let root = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: []\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "charts/demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
                                     "charts/demo/values.yaml": "replicas: 1\n",
                                     "charts/demo/values.schema.json": "{\"type\": \"object\",\n \"properties\": {\n"])
        // Before: the chart page lost its types without a word from `build`.
        let report = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false))
        let built = report.diagnostics.filter { $0.code == "chart.schema-invalid" }
        XCTAssertEqual(built.map { "\($0.stage ?? "-") \($0.file)" }, ["load charts/demo/values.schema.json"])
        let checked = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "chart.schema-invalid" }
        XCTAssertEqual(checked.count, 1, "\(checked)")
    }

    func testBuildReportsValuesHelmRefusesAndCheckReportsThemOnce() throws {
        let root = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: []\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "charts/demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
                                     "charts/demo/values.yaml": "replicas: 1\nratio: .inf\n"])
        // Before: the values reference silently lost every default.
        let report = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out"), search: false))
        let built = report.diagnostics.filter { $0.file == "charts/demo/values.yaml" }
        XCTAssertEqual(built.map { "\($0.stage ?? "-") \($0.code) \($0.line ?? 0)" }, ["load yaml.invalid 2"], "\(report.diagnostics)")
        let checked = try CheckRunner.run(root: root).diagnostics.filter { $0.file == "charts/demo/values.yaml" }
        XCTAssertEqual(checked.count, 1, "\(checked)")
    }
}
