import Foundation
import XCTest
@testable import DocsiteKit

final class DiagnosticCodesPageTests: XCTestCase {
    func testThePageListsEveryCodeInEveryLanguageWithItsOwnText() throws {
        let root = try Fixture.copy("DiagnosticCodesPage")
        let site = try LoadStage().run(root: root).site
        let pages = DiagnosticCodesPage.pages(site)
        XCTAssertEqual(pages.map(\.urlPath), ["en/diagnostic-codes/", "ru/diagnostic-codes/"])
        for page in pages {
            let rows = HTMLScan.elements(in: page.bodyHTML.markup).filter { $0.name == "tr" }.compactMap { $0.attributes["id"] }
            XCTAssertEqual(rows, DiagnosticCode.allCases.map(DiagnosticCodesPage.anchor), page.language)
            for code in DiagnosticCode.allCases {
                XCTAssertTrue(page.bodyHTML.markup.contains("<code>\(code.rawValue)</code>"), "\(page.language): \(code.rawValue)")
                let fix = DiagnosticCodesPage.inline(code.explanation(page.language).fix).markup
                XCTAssertTrue(page.bodyHTML.markup.contains(fix), "\(page.language): \(code.rawValue)")
            }
        }
    }

    func testTheRussianTextIsRussianAndEveryCodeHasBothTexts() {
        for code in DiagnosticCode.allCases {
            let en = code.explanation("en"), ru = code.explanation("ru")
            XCTAssertNotEqual(en, ru, code.rawValue)
            for text in [ru.meaning, ru.fix] {
                XCTAssertTrue(text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(code.rawValue): \(text)")
            }
            XCTAssertFalse(en.meaning.isEmpty || en.fix.isEmpty, code.rawValue)
        }
        XCTAssertEqual(DiagnosticCode.linkBroken.explanation("de"), DiagnosticCode.linkBroken.explanation("en"))
    }

    func testBacktickSpansBecomeCodeAndTheRestIsEscaped() {
        XCTAssertEqual(DiagnosticCodesPage.inline("use `a<b>` & go").markup, "use <code>a&lt;b&gt;</code> &amp; go")
        XCTAssertEqual(DiagnosticCodesPage.inline("odd ` tick").markup, "odd ` tick")
    }

    func testAPageLinkingToTheCodesReachesThePageInItsReadersLanguage() throws {
        let root = try Fixture.copy("DiagnosticCodesPage")
        XCTAssertEqual(try CheckRunner.run(root: root, strict: true).diagnostics, [])
        _ = try build(root)
        for language in ["en", "ru"] {
            let html = try String(contentsOf: root.appendingPathComponent("site-out/\(language)/index.html"), encoding: .utf8)
            let links = HTMLScan.elements(in: HTMLScan.texts(of: "article", in: html).first ?? "").compactMap { $0.attributes["href"] }
            XCTAssertEqual(links, ["diagnostic-codes/#code-link-broken"], language)
        }
    }

    /// The severities the reference lists are the ones the sources report
    /// each code with (read from this repository's Sources/).
    func testTheListedSeveritiesCoverEveryUseInTheSources() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        var text = ""
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) ?? .init()
            where url.pathExtension == "swift" {
            text += try String(contentsOf: url, encoding: .utf8)
        }
        for code in DiagnosticCode.allCases {
            let name = String(describing: code)
            for severity in [Diagnostic.Severity.error, .warning] where text.contains(".\(severity.rawValue)(.\(name),") {
                XCTAssertTrue(code.severities.contains(severity), "\(code.rawValue) is reported as \(severity.rawValue) in Sources/")
            }
        }
    }

    func testTheWritingGuideLinksToThePageInBothLanguages() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for language in ["en", "ru"] {
            let guide = try String(contentsOf: repository.appendingPathComponent("content/\(language)/guides/writing-docs.md"), encoding: .utf8)
            XCTAssertTrue(guide.contains("(../../../\(DiagnosticCodesPage.sourceFile))"), language)
        }
    }
}
