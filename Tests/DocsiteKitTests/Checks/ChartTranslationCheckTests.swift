import Foundation
import XCTest
@testable import DocsiteKit

/// ChartTranslationCheck: translated values descriptions in step with the English ones.
final class ChartTranslationCheckTests: SiteGeneratorTestCase {
    func testChangedEnglishDescriptionMakesTranslationStale() throws {
        let schema = root.appendingPathComponent("charts/demo/values.schema.json")
        let text = try String(contentsOf: schema, encoding: .utf8).replacingOccurrences(of: "Server replicas.", with: "Number of server replicas.")
        try Data(text.utf8).write(to: schema)
        let stale = try CheckRunner.run(root: root).diagnostics.filter { $0.code == "translation.stale" && $0.file == "content/i18n/charts/demo.ru.yaml" }
        XCTAssertEqual(stale.map(\.line), [1])
    }
}
