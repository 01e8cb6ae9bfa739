import Foundation
import Stemming
import XCTest

final class EnglishStemmerTests: XCTestCase {
    /// Every line of Fixtures/english.tsv is `word<TAB>stem`, the stem produced
    /// by snowballstemmer 3.1.1, whose English algorithm is the one Pagefind 1.5.2 ships.
    func testFixtureMatchesSnowball() throws {
        let (lines, mismatches) = try StemmerFixture.mismatches("english", EnglishStemmer.stem)
        XCTAssertGreaterThan(lines, 10_000, "fixture unexpectedly small")
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) mismatches of \(lines); first ones:\n" + mismatches.prefix(20).joined(separator: "\n"))
    }

    /// Compares scalar by scalar: String's == treats canonically equivalent
    /// strings (é vs e + combining acute) as equal, which would hide differences.
    private func assertStems(_ cases: KeyValuePairs<String, String>, file: StaticString = #filePath, line: UInt = #line) {
        for (word, expected) in cases {
            let got = EnglishStemmer.stem(word)
            XCTAssertTrue(got.unicodeScalars.elementsEqual(expected.unicodeScalars),
                          "\(word.debugDescription): expected \(expected.debugDescription), got \(got.debugDescription)",
                          file: file, line: line)
        }
    }

    func testShortWordsAreUnchanged() {
        assertStems(["": "", "a": "a", "is": "is", "by": "by", "ox": "ox", "'s": "'s"])
    }

    func testApostrophes() {
        assertStems([
            "'tis": "tis", "'as": "as", "'dogs": "dog", "dog's": "dog", "dogs'": "dog",
            "dogs's'": "dog", "''s": "", "'''": "'",
        ])
    }

    func testYHandling() {
        assertStems([
            "youth": "youth", "boys": "boy", "sayings": "say", "cry": "cri", "happy": "happi",
            "crying": "cri", "ayyy": "ayyy", "yyyy": "yyyi", "eyeing": "eye", "yays": "yay",
            // An input Y is Snowball's consonant-y marker; the postlude lowers
            // it only when the prelude marked some y itself.
            "Yes": "Yes", "Yays": "yay", "theY": "theY", "happY": "happi", "enjoYing": "enjoY",
        ])
    }

    func testDigits() {
        assertStems(["1990s": "1990s", "mp3s": "mp3s", "h2o": "h2o", "covid19": "covid19", "3rd": "3rd"])
    }

    func testNonASCII() {
        assertStems([
            "café": "café", "cafés": "café", "cafe\u{301}s": "cafe\u{301}", "cafe\u{301}ly": "cafe\u{301}li",
            "naïvely": "naïv", "résumés": "résumé", "straße": "straße", "hélloing": "héllo",
            "é": "é", "ßß": "ßß", "ééé": "ééé", "日本語": "日本語", "😀ing": "😀ing",
        ])
    }

    func testSnowball3Specifics() {
        assertStems([
            "skies": "sky", "sky": "sky", "news": "news", "newsy": "newsi",
            "skis": "ski", // an exception again after 3.0.0, as in Pagefind's stemmer
            "internal": "internal", "international": "internat", "interval": "interval", // `inter` fixes R1
            "dying": "die", "vying": "vie", "flying": "fli", "innings": "inning",
            "proceeding": "proceed", "exceeds": "exceed",
            "added": "add", "egged": "egg", "hopping": "hop",
            "pasted": "paste", "generously": "generous", "universities": "universiti",
            "organization": "organiz", "biologist": "biolog",
        ])
    }
}
