import Foundation
import XCTest
@testable import DocsiteKit

/// assets/theme.js: the remembered theme is set before the first paint
/// (fixture: Fixtures/SiteGenerators).
final class ThemeScriptTests: SiteGeneratorTestCase {
    func testEveryPageLoadsThemeScriptBeforeTheStylesWithoutDefer() throws {
        _ = try build(root)
        for (file, prefix) in [("en/guides/setup/index.html", "../../../"), ("ru/index.html", "../")] {
            let head = try XCTUnwrap(HTMLScan.texts(of: "head", in: try page(file)).first)
            let elements = HTMLScan.elements(in: head)
            let theme = try XCTUnwrap(elements.firstIndex { $0.name == "script" && $0.attributes["src"] == prefix + "assets/theme.js" }, file)
            let styles = try XCTUnwrap(elements.firstIndex { $0.name == "link" && $0.attributes["rel"] == "stylesheet" }, file)
            XCTAssertLessThan(theme, styles, "\(file): the theme must be set before the styles apply")
            XCTAssertNil(elements[theme].attributes["defer"], file)
            XCTAssertNil(elements[theme].attributes["async"], file)
        }
        let script = try String(contentsOf: root.appendingPathComponent("site-out/assets/theme.js"), encoding: .utf8)
        let main = try String(contentsOf: root.appendingPathComponent("site-out/assets/docsite.js"), encoding: .utf8)
        // One storage key: the switch saves where theme.js reads.
        XCTAssertTrue(script.contains("localStorage.getItem('docsite.theme')"), script)
        XCTAssertTrue(main.contains("save('docsite.theme', next)"))
        XCTAssertTrue(try page("en/index.html").contains(#"<script src="../assets/docsite.js" defer></script>"#), "the main script stays deferred")
    }
}
