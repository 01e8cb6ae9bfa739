import XCTest
import Foundation
@testable import JSONSchema

final class JSONEscapingTests: XCTestCase {
    func testQuoteAndBackslashAreEscaped() {
        XCTAssertEqual(JSONEscaping.quoted(#"say "hi" \o/"#), #""say \"hi\" \\o/""#)
    }

    func testControlCharactersUseShortFormsOrUnicodeEscapes() {
        XCTAssertEqual(JSONEscaping.quoted("a\nb\rc\td"), #""a\nb\rc\td""#)
        XCTAssertEqual(JSONEscaping.quoted("\u{0}\u{8}\u{C}\u{1B}\u{1F}"), #""\u0000\u0008\u000c\u001b\u001f""#)
    }

    func testNonASCIIAndDELAreWrittenAsThemselves() {
        XCTAssertEqual(JSONEscaping.quoted("Ёлка — ✓ 😀 \u{7F} \u{2028}"), "\"Ёлка — ✓ 😀 \u{7F} \u{2028}\"")
        XCTAssertEqual(JSONEscaping.quoted(""), #""""#)
    }

    func testTheValueTextUsesTheEscaper() {
        let value = JSONValue.object(JSONObject([("k\"ey", .array([.string("a\nb"), .null]))]))
        XCTAssertEqual(value.description, #"{"k\"ey":["a\nb",null]}"#)
    }

    /// Two real parsers (Foundation's and this module's) read back every
    /// string, whatever characters it holds.
    func testParsersReadBackEveryString() throws {
        var samples = ["", "plain", "\"\\/", "Кириллица «ёлка»", "😀e\u{301}", "\u{7F}\u{85}\u{2028}\u{2029}\u{FEFF}"]
        samples.append(String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }))
        for sample in samples {
            let literal = JSONEscaping.quoted(sample)
            let foundation = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            XCTAssertEqual(foundation, [sample], literal)
            XCTAssertEqual(try JSONParser.parse(literal), .string(sample), literal)
        }
    }
}
