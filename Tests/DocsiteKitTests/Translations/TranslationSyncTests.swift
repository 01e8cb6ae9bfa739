import Foundation
import XCTest
@testable import DocsiteKit

/// Issue 17, class 10: `translations sync` on files with CRLF or CR line endings.
extension HostileInputTests {
    // MARK: Class 10: translations sync keeps line endings

    func testSyncKeepsCRLFAndCRLineEndings() throws {
        let english = "---\ntitle: Guide\n---\n\nBody text.\n"
        for (name, ending) in [("crlf", "\r\n"), ("cr", "\r"), ("crlf-no-hash", "\r\n")] {
            let hashLine = name == "crlf-no-hash" ? "" : "source_hash: 0000000000000000\(ending)"
            let russian = "---\(ending)title: Руководство\(ending)\(hashLine)weight: 2\(ending)---\(ending)\(ending)Текст.\(ending)"
            var files = Self.site(["guides/g.md": english])
            files["content/site.yaml"] = "title: {en: Hostile, ru: Враждебный}\nlanguages: [en, ru]\nsections: [guides]\n"
            files["content/ru/index.md"] = "---\ntitle: Главная\nsource_hash: \(PageSource.sourceHash(ofBody: "Home page."))\n---\nГлавная.\n"
            try editable(files) { c in
                try Fixture.write(russian, to: "content/ru/guides/g.md", in: c.root)
                let updated = try TranslationStatus.sync(root: c.root, paths: ["content/ru/guides/g.md"])
                XCTAssertEqual(updated, ["content/ru/guides/g.md"], name)
                let bytes = try Data(contentsOf: c.root.appendingPathComponent("content/ru/guides/g.md"))
                let text = String(decoding: bytes, as: UTF8.self)
                let expectedHash = PageSource.sourceHash(ofBody: "Body text.")
                XCTAssertTrue(text.hasPrefix("---\(ending)title: Руководство\(ending)"), "\(name): \(text.debugDescription)")
                XCTAssertTrue(text.contains("source_hash: \(expectedHash)\(ending)"), "\(name): \(text.debugDescription)")
                XCTAssertTrue(text.hasSuffix("Текст.\(ending)"), name)
                // No other line ending slipped in.
                let stripped = text.replacingOccurrences(of: ending, with: "")
                XCTAssertFalse(stripped.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "\(name): mixed line endings \(text.debugDescription)")
                // The file still loads and is up to date.
                let (content, problems) = try ContentLoader.load(root: c.root)
                XCTAssertEqual(problems, [], name)
                let pairs = TranslationStatus.pairs(content)
                XCTAssertTrue(pairs.contains { $0.path == "guides/g.md" && $0.language == "ru" && $0.state == .upToDate }, "\(name): \(pairs)")
            }
        }
    }
}
