import Foundation
import XCTest
@testable import DocsiteKit

/// ExamplePages: each example overlay with its verdict and chart.
final class ExamplePagesTests: SiteGeneratorTestCase {
    func testExamplePagesShowVerdictAndChart() throws {
        _ = try build(root)
        let bad = try page("en/examples/values-demo-bad/index.html")
        XCTAssertTrue(bad.contains("badge-error"))
        XCTAssertTrue(HTMLScan.elements(in: bad).contains { $0.name == "a" && $0.attributes["href"] == "../../charts/demo/" })
        XCTAssertTrue(try page("en/examples/values-demo-good/index.html").contains("badge-ok"))
    }
}

/// The page of one overlay (fixture: Fixtures/ExamplePages): keys linked to
/// the values reference, the file name as the block's title, the raw file,
/// and the sentence on when to use it.
final class ExampleOverlayPageTests: XCTestCase {
    var root: URL!
    let linked = "values-demo-linked"

    override func setUpWithError() throws {
        root = try Fixture.copy("ExamplePages")
        _ = try build(root)
    }

    func output(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("site-out/\(path)"), encoding: .utf8)
    }

    /// The links docsite wrote around overlay keys: (dotted path, href).
    func keyLinks(_ language: String) throws -> [(path: String, href: String)] {
        try HTMLScan.elements(in: output("\(language)/examples/\(linked)/index.html"))
            .filter { $0.name == "a" && $0.attributes["class"] == "values-key-link" }
            .map { ($0.attributes["title"] ?? "", $0.attributes["href"] ?? "") }
    }

    func testEveryKeyOfTheReferenceLinksToAnExistingRowOfIt() throws {
        for language in ["en", "ru"] {
            let links = try keyLinks(language)
            XCTAssertEqual(links.map(\.path), ["image", "image.tag", "replicas", "ports", "podAnnotations", "resources",
                                               "resources.requests", "resources.requests.cpu", "sub", "sub.workers"], language)
            let reference = try output("\(language)/charts/demo/index.html")
            let rowIDs = Set(HTMLScan.elements(in: reference).filter { $0.name == "tr" }.compactMap { $0.attributes["id"] })
            for link in links {
                let parts = link.href.split(separator: "#", maxSplits: 1).map(String.init)
                XCTAssertEqual(parts.first, "../../charts/demo/", link.href)
                XCTAssertTrue(rowIDs.contains(parts.last ?? ""), "\(link.path) -> \(link.href): no such row")
            }
        }
    }

    func testKeysWithoutARowStayPlainText() throws {
        let html = try output("en/examples/\(linked)/index.html")
        // A free-form map's entry and the fields of a list item: shown, not linked.
        for key in ["team", "name", "port"] {
            XCTAssertTrue(html.contains(#"<span class="tok-key">\#(key)</span>"#), key)
        }
        XCTAssertFalse(try keyLinks("en").contains { ["podAnnotations.team", "ports.name", "ports.port"].contains($0.path) })
    }

    func testTheFileNameIsTheBlockTitleWithALinkToTheRawFile() throws {
        let html = try output("en/examples/\(linked)/index.html")
        let figure = try XCTUnwrap(HTMLScan.texts(of: #"figure class="code-block""#, in: html).first)
        XCTAssertEqual(HTMLScan.elements(in: figure).map(\.name).prefix(5), ["figcaption", "a", "pre", "code", "span"])
        let caption = try XCTUnwrap(HTMLScan.texts(of: #"figcaption class="code-title""#, in: figure).first)
        XCTAssertTrue(caption.hasPrefix("\(linked).yaml <a "), caption)
        let pre = try XCTUnwrap(HTMLScan.elements(in: figure).first { $0.name == "pre" })
        XCTAssertNotNil(pre.attributes["data-pagefind-ignore"], "the file has lines in every language: not for one language's index")
        let download = try XCTUnwrap(HTMLScan.elements(in: caption).first)
        XCTAssertEqual(download.attributes["href"], "\(linked).yaml")
        XCTAssertNotNil(download.attributes["download"])
        let source = try Data(contentsOf: root.appendingPathComponent("content/examples/\(linked).yaml"))
        for language in ["en", "ru"] {
            let published = try Data(contentsOf: root.appendingPathComponent("site-out/\(language)/examples/\(linked)/\(linked).yaml"))
            XCTAssertEqual(published, source, "the raw file is not the overlay byte for byte (\(language))")
        }
    }

    func testTheSentenceOnWhenToUseLeadsThePageInItsLanguage() throws {
        for (language, sentence) in [("en", "When the demo needs two replicas."), ("ru", "Когда демо нужны две реплики.")] {
            let html = try output("\(language)/examples/\(linked)/index.html")
            XCTAssertEqual(HTMLScan.texts(of: #"p class="lead""#, in: html), [sentence], language)
            XCTAssertTrue(HTMLScan.elements(in: html).contains { $0.name == "meta" && $0.attributes["content"] == sentence }, language)
            XCTAssertTrue(try output("\(language)/examples/index.html").contains("<td>\(sentence)</td>"), language)
        }
        XCTAssertEqual(HTMLScan.texts(of: #"p class="lead""#, in: try output("en/examples/values-demo-bare/index.html")), [])
    }

    func testAMissingOrStraySentenceIsAWarningAtItsLine() throws {
        let found = try findings(of: OverlayCheck(), in: root).filter { $0.code == "overlay.when" }
        let summary = found.map { "\($0.file.split(separator: "/").last ?? ""):\($0.line ?? 0) \($0.severity)" }
        XCTAssertEqual(Set(summary), ["values-demo-bare.yaml:1 warning", "values-demo-odd.yaml:2 warning",
                                      "values-demo-odd.yaml:3 warning", "values-demo-odd.yaml:1 warning"], "\(found)")
        XCTAssertEqual(found.count, 5, "bare lacks both languages: \(found)")
        XCTAssertTrue(found.contains { $0.line == 2 && $0.message.contains("'# when[de]:' names a language") })
        XCTAssertTrue(found.contains { $0.line == 1 && $0.message.contains("no '# when[ru]:' line") && $0.file.hasSuffix("odd.yaml") })
        XCTAssertFalse(found.contains { $0.file.hasSuffix("linked.yaml") })
    }
}
