import Foundation
import XCTest
@testable import DocsiteKit

/// The PO writer: gettext's quoting, multi-line layout and header, checked
/// against our reader and, where Debian's gettext is installed, msgfmt.
final class POWriterTests: XCTestCase {
    func testEscapesBackslashQuoteNewlineTabAndControls() {
        XCTAssertEqual(POWriter.quote("a\\b"), #""a\\b""#)
        XCTAssertEqual(POWriter.quote("say \"hi\""), #""say \"hi\"""#)
        XCTAssertEqual(POWriter.quote("tab\there"), #""tab\there""#)
        XCTAssertEqual(POWriter.quote("cr\rbell\u{7}del\u{7F}"), #""cr\rbell\007del\177""#)
        XCTAssertEqual(POWriter.quote("Русский ✓"), "\"Русский ✓\"")
    }

    func testMultiLineStringsStartWithAnEmptyLineAndSplitAfterEachNewline() {
        let entry = POEntry(context: "ui:k", id: "one\ntwo\n", translation: "один\nдва")
        let text = POWriter.render(POFile(header: [], entries: [entry]))
        XCTAssertTrue(text.hasSuffix("""
            msgctxt "ui:k"
            msgid ""
            "one\\n"
            "two\\n"
            msgstr ""
            "один\\n"
            "два"

            """), text)
        // A single trailing newline stays on one line, as msgcat writes it.
        XCTAssertEqual(POWriter.field("msgid", "end\n"), "msgid \"end\\n\"\n")
        XCTAssertEqual(POWriter.field("msgid", ""), "msgid \"\"\n")
    }

    func testHeaderCommentsFlagsReferencesAndPreviousMsgid() {
        var entry = POEntry(context: "chart:c#k", id: "New text.", translation: "Старый.", notes: ["A note."],
                            references: ["charts/c/values.schema.json"], flags: ["fuzzy"])
        entry.previousID = "Old\ntext."
        let file = POFile(header: [POHeaderField("Language", "ru"), POHeaderField("Content-Type", "text/plain; charset=UTF-8")],
                          headerComments: ["Title.", ""], entries: [entry])
        XCTAssertEqual(POWriter.render(file), """
            # Title.
            #
            msgid ""
            msgstr ""
            "Language: ru\\n"
            "Content-Type: text/plain; charset=UTF-8\\n"

            #. A note.
            #: charts/c/values.schema.json
            #, fuzzy
            #| msgid ""
            #| "Old\\n"
            #| "text."
            msgctxt "chart:c#k"
            msgid "New text."
            msgstr "Старый."

            """)
    }

    func testWhatTheWriterWritesTheReaderReadsBack() throws {
        let hard = ["", "plain", "a\\b\"c\"\n\td", "\n", "\n\nleading", "trailing\n\n", "\\n is not a newline",
                    "ctrl \u{1}\u{1F}\u{7F}", "Ёлка — «ёж» 🦔", "#: not a comment", "msgid \"x\"", "  spaces  "]
        var entries = hard.enumerated().map { index, text in
            POEntry(context: "ui:k\(index)\n\(text)", id: "x\(index)\(text)", translation: text, flags: index % 2 == 0 ? ["fuzzy"] : [])
        }
        entries[1].previousID = "was\n\"this\""
        let file = POFile(header: [POHeaderField("Language", "ru")], entries: entries)
        let read = try POReader.parse(POWriter.render(file), file: "t.po")
        XCTAssertEqual(read.header, file.header)
        XCTAssertEqual(read.entries.map(\.context), entries.map(\.context))
        XCTAssertEqual(read.entries.map(\.id), entries.map(\.id))
        XCTAssertEqual(read.entries.map(\.translation), entries.map(\.translation))
        XCTAssertEqual(read.entries.map(\.isFuzzy), entries.map(\.isFuzzy))
        XCTAssertEqual(read.entries[1].previousID, "was\n\"this\"")
    }

    func testPluralFormsForRussianAndNoneForUnknownLanguages() {
        XCTAssertEqual(POWriter.pluralForms("ru"),
                       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
        XCTAssertEqual(POWriter.pluralForms("ru_RU"), POWriter.pluralForms("ru"))
        XCTAssertNil(POWriter.pluralForms("tlh"))
    }

    /// GNU msgfmt (Debian's gettext, in the Makefile's test packages) is the
    /// reference reader: the export must compile and count as it counts.
    func testMsgfmtAcceptsTheExportOfTheFixture() throws {
        let root = try Fixture.copy("po-site")
        let po = root.appendingPathComponent("ru.po")
        _ = try TranslationExport.run(root: root, languages: ["ru"], to: .file(po))
        let (status, output) = try GettextTools.run("msgfmt", ["--check-format", "--check-domain", "--statistics", "-o", "/dev/null", po.path])
        XCTAssertEqual(status, 0, output)
        let units = try TranslationUnits.load(root: root, language: "ru").units
        let translated = units.filter { !$0.translation.isEmpty && !$0.isStale }.count
        XCTAssertTrue(output.hasPrefix("\(translated) translated messages, 1 fuzzy translation, 1 untranslated message."), output)
    }
}
