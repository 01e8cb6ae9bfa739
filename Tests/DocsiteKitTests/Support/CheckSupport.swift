import Foundation
import XCTest
@testable import DocsiteKit

/// Running some checks over a fixture: what loading found and what the
/// checks found, each once, in output order. A check's test sees its check only.
func findings(of checks: any Check..., in root: URL) throws -> [Diagnostic] {
    let (site, contentProblems) = try LoadStage().run(root: root)
    return (contentProblems + site.problems + CheckStage(checks: checks).run(site)).uniqueFindings().sortedStably()
}

extension XCTestCase {
    func assertOnly(_ diagnostics: [Diagnostic], _ code: String, _ severity: Diagnostic.Severity,
                    file: String, line: Int?, column: Int? = nil, mentions: String = "", sourceLine: UInt = #line) {
        XCTAssertEqual(diagnostics.map(\.code), [code], "\(diagnostics)", line: sourceLine)
        XCTAssertEqual(diagnostics.first?.severity, severity, line: sourceLine)
        XCTAssertEqual(diagnostics.first?.file, file, line: sourceLine)
        XCTAssertEqual(diagnostics.first?.line, line, line: sourceLine)
        if let column { XCTAssertEqual(diagnostics.first?.column, column, line: sourceLine) }
        if !mentions.isEmpty {
            XCTAssertTrue(diagnostics.first?.message.contains(mentions) == true, diagnostics.first?.message ?? "", line: sourceLine)
        }
    }

    func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }
}
