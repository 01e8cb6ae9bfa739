import Foundation
import XCTest
@testable import DocsiteKit

/// A rebuild that reuses the build cache must give exactly the tree a cold
/// build gives, whatever was edited.
final class IncrementalBuildTests: XCTestCase {
    func incrementalEqualsCold(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        let warm = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("site-out")))
        let cold = try BuildPipeline.run(BuildOptions(root: root, out: root.appendingPathComponent("cold"), incremental: false))
        XCTAssertEqual(cold.reusedPages, 0, file: file, line: line)
        let a = try treeContents(root.appendingPathComponent("site-out"))
        let b = try treeContents(root.appendingPathComponent("cold"))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), file: file, line: line)
        for (path, data) in b where a[path] != data {
            XCTFail("\(path) differs between incremental and cold build", file: file, line: line)
        }
        return warm
    }

    func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    func testEditsGiveTheSameTreeAsAColdBuild() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        // Nothing changed: every page is carried over.
        let unchanged = try incrementalEqualsCold(root)
        XCTAssertEqual(unchanged.reusedPages, unchanged.files - 6, "all pages; only index.html, 404.html, sitemap.xml and three assets are written")

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "Back to", with: "Return to") }
        let bodyEdit = try incrementalEqualsCold(root)
        XCTAssertGreaterThan(bodyEdit.reusedPages, 0, "a body edit must not re-render everything")

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "title: Setup", with: "title: Installation") }
        _ = try incrementalEqualsCold(root)

        try edit(root, "content/en/guides/setup.md") { $0.replacingOccurrences(of: "## Install the charts", with: "## Install the Helm charts") }
        _ = try incrementalEqualsCold(root)

        try Fixture.write("---\ntitle: New\nweight: 9\n---\n\nSee [setup](setup.md).\n", to: "content/en/guides/new.md", in: root)
        _ = try incrementalEqualsCold(root)

        try FileManager.default.removeItem(at: root.appendingPathComponent("content/en/guides/new.md"))
        _ = try incrementalEqualsCold(root)

        try edit(root, "content/ru/guides/setup.md") { $0 + "\nЕщё.\n" }
        _ = try incrementalEqualsCold(root)
    }

    func testUnchangedPagesAreNotRewritten() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        let page = root.appendingPathComponent("site-out/ru/guides/setup/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int
        try edit(root, "content/en/index.md") { $0 + "\nMore.\n" }
        _ = try build(root)
        let after = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int
        XCTAssertNotNil(before)
        XCTAssertEqual(before, after, "an unchanged page keeps its file (hard link), it is not written again")
    }

    func testCorruptCacheFallsBackToAColdBuild() throws {
        let root = try Fixture.copy("clean-site")
        _ = try build(root)
        try Data("not json".utf8).write(to: BuildCache.location(out: root.appendingPathComponent("site-out")))
        let report = try incrementalEqualsCold(root)
        XCTAssertEqual(report.reusedPages, 0)
    }
}
