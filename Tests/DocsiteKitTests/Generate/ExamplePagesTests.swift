import Foundation
import XCTest
@testable import DocsiteKit

/// ExamplePages: each example overlay with its verdict and chart.
final class ExamplePagesTests: SiteGeneratorTestCase {
    func testExamplePagesShowVerdictAndChart() throws {
        _ = try build(root)
        let bad = try page("en/examples/values-demo-bad/index.html")
        XCTAssertTrue(bad.contains("badge-error"))
        XCTAssertTrue(HTMLScan.elements(in: bad).contains { $0.name == "a" && $0.attributes["href"] == "../../charts/demo/" })
        XCTAssertTrue(try page("en/examples/values-demo-good/index.html").contains("badge-ok"))
    }
}
