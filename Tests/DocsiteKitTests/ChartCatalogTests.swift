import Foundation
import XCTest
@testable import DocsiteKit

final class ChartCatalogTests: XCTestCase {
    /// A Helm library chart (type: library) has no values: it is neither a chart page nor a subchart.
    func testLibraryChartsAreLeftOut() throws {
        let root = try Fixture.make([
            "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 0.1.0\n",
            "charts/app/values.yaml": "# -- Replicas.\nreplicas: 1\n",
            "charts/app/charts/common/Chart.yaml": "apiVersion: v2\nname: common\ntype: library\nversion: 0.1.0\n",
            "charts/app/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            "charts/common/Chart.yaml": "apiVersion: v2\nname: common\ntype: library\nversion: 0.1.0\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let (catalog, problems) = ChartCatalog.load(root: root)
        XCTAssertEqual(catalog.charts.map(\.id), ["app", "app/sub"])
        XCTAssertEqual(catalog.chart("app")?.subcharts, ["app/sub"])
        XCTAssertEqual(problems, [])
    }
}
