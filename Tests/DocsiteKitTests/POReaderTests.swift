import Foundation
import XCTest
@testable import DocsiteKit

/// The PO reader: what translation tools write is read; what is wrong is an
/// error at the file and line (and column where it helps), never a guess.
final class POReaderTests: XCTestCase {
    func parseErrors(_ text: String) -> [Diagnostic] {
        do {
            _ = try POReader.parse(text, file: "ru.po")
            XCTFail("no error for:\n\(text)")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func assertError(_ text: String, line: Int, column: Int? = nil, mentions: String, sourceLine: UInt = #line) {
        let found = parseErrors(text)
        XCTAssertEqual(found.map(\.code), ["po.syntax"], "\(found)", line: sourceLine)
        XCTAssertEqual(found.first?.file, "ru.po", line: sourceLine)
        XCTAssertEqual(found.first?.line, line, "\(found)", line: sourceLine)
        if let column { XCTAssertEqual(found.first?.column, column, "\(found)", line: sourceLine) }
        XCTAssertTrue(found.first?.message.contains(mentions) == true, found.first?.message ?? "", line: sourceLine)
    }

    static let header = "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n"

    func testReadsHeaderFlagsReferencesPreviousAndContinuations() throws {
        let file = try POReader.parse(Self.header + """
            # translator's comment
            #. note
            #: a.yaml b.json:3
            #, fuzzy, c-format
            #| msgid "Old"
            #| " text"
            msgctxt "chart:demo#"
            "image"
            msgid ""
            "Two\\n"
            "lines"
            msgstr "Две\\nстроки"
            """, file: "ru.po")
        XCTAssertEqual(file.headerValue("language"), "ru")
        XCTAssertEqual(file.headerLine, 1)
        let entry = try XCTUnwrap(file.entries.first)
        XCTAssertEqual(entry.context, "chart:demo#image")
        XCTAssertEqual(entry.id, "Two\nlines")
        XCTAssertEqual(entry.translation, "Две\nстроки")
        XCTAssertEqual(entry.flags, ["fuzzy", "c-format"])
        XCTAssertEqual(entry.references, ["a.yaml", "b.json:3"])
        XCTAssertEqual(entry.notes, ["note"])
        XCTAssertEqual(entry.previousID, "Old text")
        XCTAssertEqual(entry.line, 4)
    }

    func testEscapesIncludingOctalAndHexBytes() throws {
        let file = try POReader.parse(#"msgid "k" msgstr "\\ \" \n \t \r \a \101 \x42 \320\224""#
            .replacingOccurrences(of: " msgstr", with: "\nmsgstr"), file: "ru.po")
        XCTAssertEqual(file.entries.first?.translation, "\\ \" \n \t \r \u{7} A B Д")
    }

    func testObsoleteEntriesCRLFAndBOMAreRead() throws {
        let text = "\u{FEFF}" + Self.header + "msgctxt \"ui:a\"\r\nmsgid \"A\"\r\nmsgstr \"А\"\r\n\r\n#~ msgctxt \"ui:gone\"\r\n#~ msgid \"Gone\"\r\n#~ msgstr \"Нет\"\r\n"
        let file = try POReader.read(Data(text.utf8), file: "ru.po")
        XCTAssertEqual(file.entries.map(\.context), ["ui:a"])
        XCTAssertEqual(file.entries.first?.translation, "А")
    }

    func testPluralEntriesAreReadAndMarked() throws {
        let file = try POReader.parse(Self.header + "msgid \"file\"\nmsgid_plural \"files\"\nmsgstr[0] \"файл\"\nmsgstr[1] \"файла\"\n", file: "ru.po")
        XCTAssertEqual(file.entries.first?.isPlural, true)
        XCTAssertEqual(file.entries.first?.translation, "файл")
    }

    func testStringErrorsNameLineAndColumn() {
        assertError(Self.header + "msgid \"open\nmsgstr \"\"\n", line: 4, column: 7, mentions: "not closed")
        assertError(Self.header + "msgid \"a\\qb\"\nmsgstr \"\"\n", line: 4, column: 9, mentions: "unknown escape '\\q'")
        assertError(Self.header + "msgid \"a\" junk\nmsgstr \"\"\n", line: 4, column: 11, mentions: "text after the closing quote")
        assertError(Self.header + "msgid bare\nmsgstr \"\"\n", line: 4, column: 7, mentions: "expected a quoted string")
        assertError(Self.header + "msgid \"\\377\"\nmsgstr \"\"\n", line: 4, mentions: "do not form UTF-8")
    }

    func testStructureErrorsNameTheLine() {
        assertError(Self.header + "msgstr \"x\"\n", line: 4, mentions: "msgstr without a msgid")
        assertError(Self.header + "msgid \"a\"\n\nmsgctxt \"b\"\nmsgid \"b\"\nmsgstr \"\"\n", line: 6, mentions: "the msgid at line 4 has no msgstr")
        assertError(Self.header + "msgctxt \"a\"\nmsgctxt \"b\"\nmsgid \"b\"\nmsgstr \"\"\n", line: 5, mentions: "msgctxt must come once")
        assertError(Self.header + "msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", line: 5, mentions: "the msgid at line 4 has no msgstr")
        assertError(Self.header + "msgid \"a\"\n\n# next\nmsgid \"b\"\nmsgstr \"\"\n", line: 6, mentions: "the msgid at line 4 has no msgstr")
        assertError(Self.header + "msgid \"a\"\nmsgstr \"x\"\nmsgstr \"y\"\n", line: 6, mentions: "a second msgstr")
        assertError(Self.header + "\"floating\"\n", line: 4, mentions: "must continue a msgctxt, msgid or msgstr")
        assertError(Self.header + "msgid \"a\"\nmsgtxt \"x\"\n", line: 5, mentions: "unknown keyword 'msgtxt'")
        assertError(Self.header + "msgid \"a\"\nmsgstr[0] \"x\"\n", line: 5, mentions: "without a msgid_plural")
        assertError(Self.header + "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"x\"\n", line: 6, mentions: "msgstr[0], msgstr[1]")
        assertError(Self.header + "msgid \"last\"\n", line: 4, mentions: "the msgid at line 4 has no msgstr")
    }

    func testDuplicatesHeaderPlacementAndCharset() {
        assertError(Self.header + "msgctxt \"ui:a\"\nmsgid \"A\"\nmsgstr \"\"\n\nmsgctxt \"ui:a\"\nmsgid \"A\"\nmsgstr \"x\"\n",
                    line: 8, mentions: "the same msgctxt and msgid as the entry at line 4")
        assertError(Self.header + "msgid \"\"\nmsgstr \"x\"\n", line: 4, mentions: "empty msgid is the header")
        assertError("msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Content-Type: text/plain; charset=KOI8-R\\n\"\n",
                    line: 1, mentions: "charset=KOI8-R")
    }

    func testEveryErrorIsReportedNotOnlyTheFirst() {
        let found = parseErrors(Self.header + "msgid \"a\\q\"\nmsgstr \"\"\n\nmsgid \"b\nmsgstr \"\"\n")
        XCTAssertEqual(found.map(\.line), [4, 7], "\(found)")
    }

    func testInvalidUTF8IsAnEncodingErrorAtItsLine() {
        var bytes = Array((Self.header + "msgid \"a\"\nmsgstr \"").utf8)
        bytes += [0xC3, 0x28, 0x22, 0x0A]
        XCTAssertThrowsError(try POReader.read(Data(bytes), file: "ru.po")) { error in
            let found = (error as? DiagnosticsError)?.diagnostics ?? []
            XCTAssertEqual(found.map(\.code), ["content.encoding"])
            XCTAssertEqual(found.first?.line, 5)
        }
    }
}
