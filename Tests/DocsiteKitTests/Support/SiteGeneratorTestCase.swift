import Foundation
import XCTest
@testable import DocsiteKit

/// Generated pages are tested on one small site with a chart, examples,
/// ADRs, a matrix and a chart translation (Fixtures/SiteGenerators).
class SiteGeneratorTestCase: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try Fixture.copy("SiteGenerators")
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("site-out/\(path)"), encoding: .utf8)
    }
}
