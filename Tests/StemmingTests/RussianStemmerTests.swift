import Foundation
import XCTest
import Stemming

final class RussianStemmerTests: XCTestCase {
    /// Every line of Fixtures/russian.tsv is `word<TAB>stem`, the stem produced
    /// by snowballstemmer 3.0.1 (russian.sbl is the same in every Snowball since 2.2,
    /// and in Pagefind 1.5.2).
    func testFixtureMatchesSnowball() throws {
        let (lines, mismatches) = try StemmerFixture.mismatches("russian", RussianStemmer.stem)
        XCTAssertGreaterThan(lines, 7000, "fixture looks truncated")
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) of \(lines) stems differ; first ones:\n" + mismatches.prefix(20).joined(separator: "\n"))
    }

    func testEmptyWord() {
        assertStem("", "")
    }

    func testWordsWithoutVowelsOrTooShortForRV() {
        assertStem("бв", "бв")
        assertStem("ь", "ь")
        assertStem("нн", "нн")
        assertStem("я", "я")
        // The only vowel is the last letter, so RV is empty.
        assertStem("на", "на")
    }

    func testLatinDigitsAndOtherScriptsAreNonVowels() {
        assertStem("running", "running")
        assertStem("abc123", "abc123")
        assertStem("2024", "2024")
        assertStem("100рублей", "100рубл")
        // Latin "c" and "e" inside a Cyrillic word: the Latin "e" is not a vowel.
        assertStem("ceнтябрь", "ceнтябр")
        assertStem("😀вода", "😀вод")
        // Uppercase is not lowercased: Snowball expects lowercase input.
        assertStem("ВОДА", "ВОДА")
        assertStem("Вода", "Вод")
    }

    func testYoIsTreatedAsYe() {
        assertStem("ёлка", "елк")
        assertStem("елка", "елк")
        assertStem("учёными", "учен")
        assertStem("всё", "все")
        assertStem("ёё", "е")
        assertStem("теплоёмкость", "теплоемк")
        // Only precomposed lowercase ё is normalised, exactly like Snowball.
        assertStem("Ёлка", "Ёлка")
        assertStem("е\u{308}лками", "е\u{308}лк")
    }

    func testShortIAndStrippedShortI() {
        assertStem("бойкий", "бойк")
        assertStem("боикии", "боик")
    }

    func testEndingConditionsAndRegions() {
        // -вшись needs а/я before it, and that letter must itself be in RV.
        assertStem("вшись", "вши")
        // -ющ needs а/я before it; here the а is the first vowel, outside RV.
        assertStem("знающими", "знающ")
        assertStem("читавшийся", "чита")
        assertStem("красивейшая", "красив")
        assertStem("подъёмность", "подъемн")
        assertStem("оннн", "онн")
    }

    // MARK: - Helpers

    private func assertStem(_ word: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let got = RussianStemmer.stem(word)
        XCTAssertTrue(
            StemmerFixture.same(got, expected),
            "\(debug(word)): expected \(debug(expected)), got \(debug(got))",
            file: file, line: line
        )
    }

    private func debug(_ text: String) -> String {
        "\"\(text)\" [" + text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") + "]"
    }
}
