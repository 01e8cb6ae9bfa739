import JSONSchema
import XCTest

final class RegexTests: XCTestCase {
    func testECMATranslation() {
        XCTAssertFalse(isValid(##"{"pattern": "^\\d$"}"##, ##""٣""##))        // \d is ASCII-only in ECMA
        XCTAssertTrue(isValid(##"{"pattern": "^\\d$"}"##, ##""3""##))
        XCTAssertFalse(isValid(##"{"pattern": "^\\w$"}"##, ##""é""##))
        XCTAssertTrue(isValid(##"{"pattern": "^\\s$"}"##, ##""\ufeff""##))   // ECMA \s includes BOM
        XCTAssertFalse(isValid(##"{"pattern": "^a$"}"##, ##""a\n""##))         // $ is end of input only
        XCTAssertTrue(isValid(##"{"pattern": "^\\p{L}+$"}"##, ##""école""##))
        XCTAssertTrue(isValid(##"{"pattern": "^[\\d-]+$"}"##, ##""1-2""##))
        XCTAssertTrue(isValid(##"{"pattern": "^a{2}$"}"##, ##""aa""##))
        XCTAssertTrue(isValid(##"{"pattern": "^x{$"}"##, ##""x{""##))          // literal brace (Annex B)
        XCTAssertTrue(isValid(##"{"pattern": "^[[]$"}"##, ##""[""##))
        XCTAssertTrue(isValid(##"{"pattern": "^.$"}"##, ##""🐲""##))
        XCTAssertTrue(isValid(##"{"pattern": "^\\cJ$"}"##, ##""\n""##))
    }

    func testInvalidPatternsAreSchemaErrors() {
        XCTAssertEqual(schemaError(##"{"pattern": "("}"##)?.kind, .regex)
        XCTAssertEqual(schemaError(##"{"pattern": "(?i)abc"}"##)?.kind, .regex)   // not ECMA-262
        XCTAssertEqual(schemaError(##"{"patternProperties": {"[": true}}"##)?.kind, .regex)
        XCTAssertEqual(schemaError(##"{"pattern": "(?i)abc"}"##)?.kind.rawValue, "schema.regex")
    }

    func testCatastrophicPatternIsTimeBounded() throws {
        let schema = json(##"{"pattern": "^(a+)+$"}"##)
        let v = try SchemaValidator(schema: schema, options: .init(regexTimeLimit: 0.2))
        let start = Date()
        let out = v.validate(.string(String(repeating: "a", count: 64) + "!"))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, 5, "catastrophic pattern was not interrupted")
        XCTAssertEqual(out.count, 1)
        XCTAssertEqual(out.first?.keyword, "pattern")
        XCTAssertTrue(out.first?.message.contains("took longer than") ?? false, "\(out)")
        // The same pattern on a short or matching string is fine.
        XCTAssertTrue(v.isValid(.string("aaaa")))
    }
}
