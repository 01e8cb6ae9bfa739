import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import DocsiteKit

/// The JUnit report quotes file names and messages from content: whatever
/// they hold, the report stays well-formed and a parser reads them back.
final class JUnitEscapingTests: XCTestCase {
    func testMessagesReadBackFromAttributesAndText() throws {
        let message = "first line\nsecond\tcolumn \"quoted\" <b> & 'x' — ё"
        let diagnostics: [Diagnostic] = [.error(.linkBroken, file: "content/en/a&b.md", line: 2, message)]
        let output = DiagnosticPrinter.render(diagnostics, format: .junit)
        let document = try XMLDocument(data: Data(output.utf8), options: [.nodePreserveWhitespace])
        let failure = try XCTUnwrap(document.nodes(forXPath: "//failure").first as? XMLElement)
        // Line break and tab in an attribute used to come back as spaces.
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, message)
        XCTAssertEqual(failure.stringValue, "content/en/a&b.md:2: \(message)")
        let testcase = try XCTUnwrap(document.nodes(forXPath: "//testcase").first as? XMLElement)
        XCTAssertEqual(testcase.attribute(forName: "name")?.stringValue, "content/en/a&b.md")
    }

    func testCharactersXMLCannotHoldAreReplacedNotWritten() throws {
        let diagnostics: [Diagnostic] = [.warning(.translationStale, file: "content/ru/a.md", line: 1, "bell\u{7} esc\u{1B} nonchar\u{FFFF}")]
        let output = DiagnosticPrinter.render(diagnostics, format: .junit)
        let document = try XMLDocument(data: Data(output.utf8))
        let systemOut = try XCTUnwrap(document.nodes(forXPath: "//system-out").first?.stringValue)
        XCTAssertTrue(systemOut.contains("bell? esc? nonchar?"), systemOut)
    }
}
