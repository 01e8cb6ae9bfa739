import Foundation
import XCTest
@testable import DocsiteKit

/// What the executable used to compute itself: the `translations status`
/// columns and where `validate` reads its file arguments from.
final class CommandLineSupportTests: XCTestCase {
    func testStatusReportPadsTheStateColumnAndCounts() {
        let pairs = [
            TranslationPair(path: "guides/a.md", language: "ru", title: "A", state: .upToDate),
            TranslationPair(path: "guides/b.md", language: "ru", title: "B", state: .stale),
            TranslationPair(path: "adr/0001-x.md", language: "ru", title: "X", state: .missing),
            TranslationPair(path: "guides/c.md", language: "ru", title: "C", state: .stale),
        ]
        XCTAssertEqual(TranslationStatus.textReport(pairs), """
            up-to-date  ru  content/ru/guides/a.md
            stale       ru  content/ru/guides/b.md
            missing     ru  content/ru/adr/0001-x.md
            stale       ru  content/ru/guides/c.md
            1 up to date, 2 stale, 1 missing

            """)
        XCTAssertEqual(TranslationStatus.textReport([]), "0 up to date, 0 stale, 0 missing\n")
    }

    func testValidateReadsFilesFromTheCurrentDirectoryAndKeepsTheirNames() {
        let cwd = URL(fileURLWithPath: "/work/here")
        let paths = OverlayValidation.commandLinePaths(["a.yaml", "../b.yaml", "/abs/c.yaml", "./d/./e.yaml"],
                                                       currentDirectory: cwd)
        XCTAssertEqual(paths.map(\.url.path), ["/work/here/a.yaml", "/work/b.yaml", "/abs/c.yaml", "/work/here/d/e.yaml"])
        XCTAssertEqual(paths.map(\.file), ["a.yaml", "../b.yaml", "/abs/c.yaml", "./d/./e.yaml"])
    }
}
