import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import DocsiteKit

final class PrinterTests: XCTestCase {
    let sample: [Diagnostic] = [
        .error(.linkBroken, file: "content/en/a.md", line: 3, column: 7, "link 'x.md' points nowhere, 100% \"sure\" <b>"),
        .warning(.translationStale, file: "content/ru/a.md", line: 4, "changed:\nagain"),
        .error(.configMissing, file: "content/site.yaml", "no config"),
    ]

    func testTextFormat() {
        let lines = DiagnosticPrinter.render(sample, format: .text).split(separator: "\n")
        XCTAssertEqual(lines[0], "content/en/a.md:3:7: error: link 'x.md' points nowhere, 100% \"sure\" <b> [link.broken]")
        XCTAssertEqual(lines.last, "2 error(s), 1 warning(s)")
    }

    func testJSONDecodesBack() throws {
        struct Report: Decodable {
            struct Summary: Decodable { var errors: Int; var warnings: Int }
            var diagnostics: [Diagnostic]
            var summary: Summary
        }
        let data = Data(DiagnosticPrinter.render(sample, format: .json).utf8)
        let report = try JSONDecoder().decode(Report.self, from: data)
        XCTAssertEqual(Set(report.diagnostics), Set(sample))
        XCTAssertEqual(report.summary.errors, 2)
        XCTAssertEqual(report.summary.warnings, 1)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let first = (object?["diagnostics"] as? [[String: Any]])?.first
        XCTAssertEqual(Set(first?.keys.map { $0 } ?? []), ["severity", "code", "file", "line", "column", "message", "stage"])
    }

    func testTheStageShowsInJSONAndJUnitAndLeavesTheTextLinesAsTheyWere() throws {
        let staged = sample.reported(by: "load")
        XCTAssertEqual(DiagnosticPrinter.render(staged, format: .text), DiagnosticPrinter.render(sample, format: .text))
        let json = try JSONSerialization.jsonObject(with: Data(DiagnosticPrinter.render(staged, format: .json).utf8)) as? [String: Any]
        let stages = (json?["diagnostics"] as? [[String: Any]])?.map { $0["stage"] as? String }
        XCTAssertEqual(stages, ["load", "load", "load"])
        let unstaged = try JSONSerialization.jsonObject(with: Data(DiagnosticPrinter.render(sample, format: .json).utf8)) as? [String: Any]
        XCTAssertTrue((unstaged?["diagnostics"] as? [[String: Any]])?.allSatisfy { $0["stage"] is NSNull } == true)
        let junit = try XMLDocument(data: Data(DiagnosticPrinter.render(staged, format: .junit).utf8))
        let failures = try junit.nodes(forXPath: "//failure").compactMap(\.stringValue)
        XCTAssertEqual(failures.count, 2)
        XCTAssertTrue(failures.allSatisfy { $0.hasSuffix(" (load stage)") }, "\(failures)")
        // A stage already named is kept: the inner stage knows best.
        XCTAssertEqual(staged.reported(by: "check").map(\.stage), ["load", "load", "load"])
    }

    func testGitHubAnnotationsMatchTheGrammar() throws {
        let output = DiagnosticPrinter.render(sample, format: .github)
        let pattern = try NSRegularExpression(pattern: #"^::(error|warning) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[a-z.\-]+::[^\n\r]*$"#)
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        for line in lines {
            XCTAssertEqual(pattern.numberOfMatches(in: line, range: NSRange(line.startIndex..., in: line)), 1, line)
        }
        XCTAssertTrue(lines.contains { $0.contains("changed:%0Aagain") })
        XCTAssertTrue(lines.contains { $0.contains("100%25") })
    }

    func testJUnitIsWellFormedWithOneCasePerCheckAndFile() throws {
        let output = DiagnosticPrinter.render(sample, format: .junit, checks: ["adr", "link", "translation"])
        let document = try XMLDocument(data: Data(output.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        XCTAssertEqual(suites, ["adr", "config", "link", "translation"])
        let failures = try document.nodes(forXPath: "//failure")
        XCTAssertEqual(failures.count, 2)
        let cases = try document.nodes(forXPath: "//testsuite[@name='link']/testcase").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        XCTAssertEqual(cases, ["content/en/a.md"])
        let passing = try document.nodes(forXPath: "//testsuite[@name='adr']/testcase/failure")
        XCTAssertEqual(passing.count, 0)
    }

    func testSourceHashUsesSHA256KnownVectors() {
        XCTAssertEqual(SourceHash.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SourceHash.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SourceHash.sha256Hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        XCTAssertEqual(SourceHash.of("abc"), "ba7816bf8f01cfea")
    }

    func testDiagnosticCodesAreOneListWithChecksAndSummaries() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        XCTAssertEqual(Set(codes).count, codes.count, "codes are unique")
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(code.rawValue.hasPrefix(code.check + "."), code.rawValue)
            for language in DiagnosticCode.referenceLanguages {
                XCTAssertFalse(code.explanation(language).meaning.isEmpty, code.rawValue)
                XCTAssertFalse(code.explanation(language).fix.isEmpty, code.rawValue)
            }
            XCTAssertFalse(code.severities.isEmpty, code.rawValue)
        }
        XCTAssertEqual(Diagnostic.error(.translationStale, file: "f", "m").checkName, "translation")
        // The JUnit suites are the checks of the codes reported.
        let junit = DiagnosticPrinter.render(sample, format: .junit)
        for check in Set(sample.map(\.checkName)) { XCTAssertTrue(junit.contains("<testsuite name=\"\(check)\""), check) }
    }
}
