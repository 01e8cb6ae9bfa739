import Foundation
import XCTest
import Markdown
@testable import DocsiteKit

/// The glossary (`content/i18n/glossary.yaml`) and `translation.term`: the
/// `glossary-site` fixture plants forbidden variants in prose, in code and
/// in link destinations of a Russian page and a translated values description.
final class TranslationTermTests: XCTestCase {
    struct Finding: Equatable, CustomStringConvertible {
        var file: String, line: Int?, column: Int?, found: String
        var description: String { "\(file):\(line ?? 0):\(column ?? 0) \(found)" }
    }

    func termFindings(_ root: URL, strict: Bool = false) throws -> [Diagnostic] {
        try CheckRunner.run(root: root, strict: strict).diagnostics.filter { $0.code == "translation.term" }
    }

    /// The quoted word(s) a message names: «...» at its start.
    func found(_ diagnostic: Diagnostic) -> Finding {
        let quoted = diagnostic.message.dropFirst().prefix { $0 != "»" }
        return Finding(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, found: String(quoted))
    }

    let page = "content/ru/guides/setup.md"

    func testPlantedVariantsAreReportedAtLineAndColumnAndCodeIsNot() throws {
        let root = try Fixture.copy("glossary-site")
        let all = try CheckRunner.run(root: root).diagnostics
        // Nothing else is wrong with the fixture: the planted words are the only findings.
        XCTAssertEqual(Set(all.map(\.code)), ["translation.term"], "\(all)")
        XCTAssertEqual(try termFindings(root).map(found), [
            Finding(file: "content/i18n/charts/demo.ru.yaml", line: 6, column: 45, found: "боевого"),
            Finding(file: page, line: 2, column: 18, found: "боевого"),                 // the title
            Finding(file: page, line: 16, column: 23, found: "Production-оверлее"),     // a table cell, a hyphenated compound
            Finding(file: page, line: 19, column: 1, found: "выносной shuffle"),        // two words after a soft break
            Finding(file: page, line: 19, column: 27, found: "Боевом-релиз"),
            Finding(file: page, line: 19, column: 61, found: "БОЕВОМ"),                 // case does not matter
            Finding(file: page, line: 19, column: 69, found: "боевом"),                 // another case ending, same stem
            Finding(file: page, line: 20, column: 66, found: "выносном shuffle"),       // a link's text, across lines
        ])
    }

    func testEveryFindingIsAWarningNamingTheTermAndTheGlossaryLine() throws {
        let findings = try termFindings(try Fixture.copy("glossary-site"))
        XCTAssertFalse(findings.isEmpty)
        for finding in findings where finding.message.contains("боев") {
            XCTAssertEqual(finding.severity, .warning)
            XCTAssertTrue(finding.message.contains("'production' ('боев*', content/i18n/glossary.yaml:5): write «промышленная эксплуатация»"), finding.message)
        }
    }

    func testStrictTurnsTermFindingsIntoErrors() throws {
        let findings = try termFindings(try Fixture.copy("glossary-site"), strict: true)
        XCTAssertEqual(findings.count, 8)
        XCTAssertEqual(Set(findings.map(\.severity)), [.error])
    }

    func testFixingTheWordsClearsTheFindings() throws {
        let root = try Fixture.copy("glossary-site")
        let url = root.appendingPathComponent(page)
        var text = try String(contentsOf: url, encoding: .utf8)
        for (old, new) in [("боевого", "промышленного"), ("Production-оверлее", "промышленном оверлее"),
                           ("выносной shuffle и второй Боевом-релиз", "удалённый shuffle и второй релиз"),
                           ("БОЕВОМ, боевом", "промышленном"), ("выносном\nshuffle", "удалённом\nshuffle")] {
            text = text.replacingOccurrences(of: old, with: new)
        }
        try Data(text.utf8).write(to: url)
        XCTAssertEqual(try termFindings(root).map(\.file), ["content/i18n/charts/demo.ru.yaml"])
    }

    func testWithoutAGlossaryNothingIsChecked() throws {
        let root = try Fixture.copy("glossary-site")
        try FileManager.default.removeItem(at: root.appendingPathComponent(Glossary.file))
        XCTAssertEqual(try termFindings(root), [])
    }

    func testStatusCountsTermFindingsPerPage() throws {
        let root = try Fixture.copy("glossary-site")
        let (content, _) = try ContentLoader.load(root: root)
        let pairs = try TranslationStatus.countingTerms(TranslationStatus.pairs(content), content: content, root: root)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: pairs.map { ($0.path, $0.termFindings) }),
                       ["index.md": 0, "guides/setup.md": 7, "adr/0001-use-helm.md": 0])
        let report = TranslationStatus.textReport(pairs)
        XCTAssertTrue(report.contains("content/ru/guides/setup.md  7 term finding(s)\n"), report)
        XCTAssertTrue(report.hasSuffix("3 up to date, 0 stale, 0 missing; 7 term finding(s) (docsite check names them)\n"), report)
    }

    func testStatusReportsAMalformedGlossary() throws {
        let root = try Fixture.copy("glossary-site")
        try Fixture.write("terms:\n  - en: production\n", to: Glossary.file, in: root)
        let (content, _) = try ContentLoader.load(root: root)
        XCTAssertThrowsError(try TranslationStatus.countingTerms(TranslationStatus.pairs(content), content: content, root: root)) {
            XCTAssertEqual(($0 as? DiagnosticsError)?.diagnostics.map(\.line), [2])
        }
    }

    // MARK: the glossary file

    func parseProblems(_ yaml: String) -> [String] {
        do {
            _ = try Glossary.parse(yaml)
            return []
        } catch {
            return error.diagnostics.map { "\($0.file):\($0.line ?? 0): \($0.message)" }
        }
    }

    func testMalformedGlossariesNameFileLineAndProblem() {
        let file = Glossary.file
        XCTAssertEqual(parseProblems("- en: job\n"),
                       ["\(file):1: the glossary must be a mapping with 'terms:', a list of {en, ru, forbidden, note}"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbiden: [джоб*]\n"),
                       ["\(file):4: unknown key 'forbiden' in a term (expected en, ru, forbidden, note)"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n"), ["\(file):2: a term needs a non-empty 'ru' string"])
        XCTAssertEqual(parseProblems("terms:\n  - job\n"),
                       ["\(file):2: a term must be a mapping with 'en', 'ru', 'forbidden' and 'note', not a scalar"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbidden: джоб*\n"),
                       ["\(file):4: 'forbidden' of 'job' must be a list of strings, not a scalar"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbidden: [\"дж*об\"]\n"),
                       ["\(file):4: 'дж*об': each word of a variant is letters (and inner hyphens), with '*' only at its end"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbidden: [\"дж*\"]\n"),
                       ["\(file):4: 'дж*': the stem 'дж*' is shorter than 3 letters and would match unrelated words"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbidden: [\"зада*\"]\n"),
                       ["\(file):4: 'зада*' would forbid 'задание', part of the chosen term «задание» of 'job'"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n  - en: Job\n    ru: работа\n"),
                       ["\(file):4: the term 'Job' is already defined on line 2"])
        XCTAssertEqual(parseProblems("terms:\n  - en: job\n    ru: задание\n    forbidden: [джоб]\n  - en: task\n    ru: задача\n    forbidden:\n      - Джоб\n"),
                       ["\(file):8: 'Джоб' is already forbidden for 'job' on line 4"])
        // A YAML syntax error is the loader's, with the same file and line.
        XCTAssertTrue(parseProblems("terms: [\n").first?.hasPrefix("\(file):2:") == true, "\(parseProblems("terms: [\n"))")
    }

    func testAMalformedGlossaryIsReportedByCheckInsteadOfIgnored() throws {
        let root = try Fixture.copy("glossary-site")
        try Fixture.write("terms:\n  - en: production\n    ru: промышленный\n    forbidden: [\"б*\"]\n", to: Glossary.file, in: root)
        let found = try CheckRunner.run(root: root).diagnostics
        XCTAssertEqual(found.map(\.code), ["yaml.invalid"], "\(found)")
        XCTAssertEqual(found.first?.file, Glossary.file)
        XCTAssertEqual(found.first?.line, 4)
    }

    func testAutolinksAreAddressesNotProse() throws {
        let glossary = try Glossary.parse("terms:\n  - en: production\n    ru: промышленный\n    forbidden: [\"production-*\"]\n")
        func found(_ markdown: String) -> [String] {
            ProseWords.of(MarkdownParser.parse(markdown).blocks).flatMap(glossary.matches(in:)).map(\.found)
        }
        XCTAssertEqual(found("См. <https://example.com/production-overlay> и www.example.com/production-overlay."), [])
        XCTAssertEqual(found("[production-оверлей](https://example.com/production-overlay)"), ["production-оверлей"])
    }

    func testWordsKeepHyphenatedCompoundsAndFoldYo() {
        let words = Glossary.words(in: "Удалённый shuffle-сервис, executor-ов и `код`: 1,7 CPU — «ёж» (spark.shuffle.service.enabled, MAX_SIZE).")
        XCTAssertEqual(words.map(\.text), ["удаленный", "shuffle-сервис", "executor-ов", "и", "код", "1", "7", "cpu", "еж",
                                            "spark.shuffle.service.enabled", "max_size"])
        XCTAssertEqual(words.map(\.original).first, "Удалённый")
    }

    func testStemsMatchEveryEndingAndWholeWordsOnlyThemselves() throws {
        let glossary = try Glossary.parse("""
            terms:
              - en: production
                ru: промышленный
                forbidden: ["боев*", "прод", "удалён* шафл*"]
            """)
        func matched(_ text: String) -> [String] { glossary.matches(in: Glossary.words(in: text)).map(\.found) }
        XCTAssertEqual(matched("боевой, боевого, боевом и Боевые"), ["боевой", "боевого", "боевом", "Боевые"])
        XCTAssertEqual(matched("прод и продукт, продом"), ["прод"])
        XCTAssertEqual(matched("удаленного шафла и удалённый сервис"), ["удаленного шафла"])
        XCTAssertEqual(matched("небоевой"), [])
    }
}
