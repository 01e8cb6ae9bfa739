import Foundation
import XCTest
@testable import DocsiteKit

/// CRDReference: the operator chart's custom resources, from what the load stage read.
final class CRDReferenceTests: XCTestCase {
    func testCustomResourcesAreReadOnceAndABrokenOneIsReported() throws {
        let crd = "spec:\n  group: example.io\n  names: {kind: Widget}\n  versions:\n  - name: v1\n"
        let root = try Fixture.make(["content/site.yaml": "title: T\nlanguages: [en]\nsections: []\n",
                                     "content/en/index.md": "---\ntitle: Home\n---\nHi.\n",
                                     "charts/spark-operator/Chart.yaml": "apiVersion: v2\nname: spark-operator\nversion: 0.1.0\n",
                                     "charts/spark-operator/values.yaml": "{}\n",
                                     "charts/spark-operator/crds/a-widgets.yaml": crd,
                                     "charts/spark-operator/crds/b-broken.yaml": "spec: [unclosed\n"])
        let site = try LoadStage().run(root: root).site
        XCTAssertEqual(site.customResources["spark-operator"]?.map(\.file), ["charts/spark-operator/crds/a-widgets.yaml"])
        // Before: the CRD page skipped a file it could not parse, silently.
        let broken = try CheckRunner.run(root: root).diagnostics.filter { $0.file == "charts/spark-operator/crds/b-broken.yaml" }
        XCTAssertEqual(broken.map { "\($0.stage ?? "-") \($0.code)" }, ["load yaml.invalid"])
        // The page is made from what was loaded, not from the folder.
        try FileManager.default.removeItem(at: root.appendingPathComponent("charts/spark-operator/crds"))
        let page = try XCTUnwrap(SiteGenerators.pages(site, highlighter: SyntaxHighlighter()).first { $0.key == "charts/spark-operator/crds" })
        XCTAssertEqual(page.headings.map(\.text), ["Widget", "Widget v1"])
    }
}
