import Foundation
import XCTest
@testable import DocsiteKit

/// HeadingIDCheck (issue 17, class 9): heading anchors that would clash
/// with each other or with the layout's own ids.
extension HostileInputTests {
    // MARK: Class 9: heading ids

    func testDuplicateExplicitIDsAndLayoutIDsAreReported() throws {
        let page = "---\ntitle: A\n---\n## Setup {#setup}\n\n## Install {#setup}\n\n## Main {#content}\n\n## Search {#pagefind-ui}\n\n## Again {#setup}\n"
        try hostile(files: Self.site(["guides/a.md": page])) { c in
            let found = try Self.checkErrors(c).filter { $0.code.hasPrefix("heading.") }.sortedStably()
            try Self.expect(found.map(\.code) == ["heading.duplicate-id", "heading.reserved-id", "heading.reserved-id", "heading.duplicate-id"], "\(found)")
            try Self.expect(found.map(\.line) == [6, 8, 10, 12], "\(found.map(\.line))")
            try Self.expect(found[0].message.contains("line 4"), found[0].message)
        }
    }

    func testGeneratedAnchorsStepAroundLayoutIDs() throws {
        try hostile(files: Self.site(["guides/a.md": "---\ntitle: A\n---\n## Content\n\n## Content\n\n## Backlinks title\n"])) { c in
            try Self.expectCodes(try Self.checkErrors(c).filter { $0.code.hasPrefix("heading.") }, [])
            try Self.mustBuild(c)
            let html = try Self.html(c, "en/guides/a/index.html")
            try Self.expect(html.components(separatedBy: "id=\"content\"").count == 2, "the layout's #content is not unique")
            try Self.expect(html.contains("<h2 id=\"content-1\">") && html.contains("<h2 id=\"content-2\">") && html.contains("<h2 id=\"backlinks-title-1\">"), html)
        }
    }
}
