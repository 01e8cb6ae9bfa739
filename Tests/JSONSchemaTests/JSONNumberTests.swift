import JSONSchema
import XCTest

final class JSONNumberTests: XCTestCase {
    func n(_ s: String) -> JSONNumber { JSONNumber(s)! }

    func testNormalisation() {
        XCTAssertEqual(n("1.0"), n("1"))
        XCTAssertEqual(n("10e-1"), n("1"))
        XCTAssertEqual(n("-0"), n("0"))
        XCTAssertEqual(n("1.50").description, "1.5")
        XCTAssertEqual(n("1e3").description, "1000")
        XCTAssertEqual(n("1e308").description, "1e+308")
        XCTAssertEqual(n("0.0001").description, "0.0001")
        XCTAssertNil(JSONNumber("01"))
        XCTAssertNil(JSONNumber("1."))
        XCTAssertNil(JSONNumber(".5"))
        XCTAssertNil(JSONNumber("+1"))
        XCTAssertNil(JSONNumber("1e"))
    }

    func testFromDouble() {
        XCTAssertEqual(JSONNumber(0.1), n("0.1"))
        XCTAssertEqual(JSONNumber(5.0), n("5"))
        XCTAssertEqual(JSONNumber(1e-5), n("0.00001"))
        XCTAssertEqual(JSONNumber(-2.5e20), n("-250000000000000000000"))
        XCTAssertNil(JSONNumber(Double.nan))
        XCTAssertNil(JSONNumber(Double.infinity))
    }

    func testIsInteger() {
        XCTAssertTrue(n("1.0").isInteger)
        XCTAssertTrue(n("1e308").isInteger)
        XCTAssertTrue(n("-12e2").isInteger)
        XCTAssertFalse(n("1.5").isInteger)
        XCTAssertFalse(n("1e-1").isInteger)
        XCTAssertEqual(n("42.0").intValue, 42)
    }

    func testExactComparison() {
        XCTAssertLessThan(n("18446744073709551615"), n("18446744073709551616"))
        XCTAssertLessThan(n("-1e400"), n("-1e399"))
        XCTAssertLessThan(n("0.1"), n("0.10000000000000000001"))
        XCTAssertLessThan(n("-0.5"), n("0"))
        XCTAssertFalse(n("2") < n("2.0"))
        XCTAssertGreaterThan(n("1e308"), n("9.99e307"))
    }

    func testExactMultipleOf() {
        XCTAssertTrue(n("0.3").isMultiple(of: n("0.1")))           // 0.3 / 0.1 in doubles is 2.9999…
        XCTAssertTrue(n("0.0075").isMultiple(of: n("0.0001")))
        XCTAssertFalse(n("0.00751").isMultiple(of: n("0.0001")))
        XCTAssertTrue(n("1e308").isMultiple(of: n("0.5")))
        XCTAssertTrue(n("12345678901234567890123").isMultiple(of: n("3")))
        XCTAssertFalse(n("12345678901234567890124").isMultiple(of: n("3")))
        XCTAssertTrue(n("123456789012345678901234567890").isMultiple(of: n("1234567890123456789012345678.9")))
        XCTAssertFalse(n("1").isMultiple(of: n("0.3")))
        XCTAssertTrue(n("0").isMultiple(of: n("7")))
        XCTAssertFalse(n("7.5").isMultiple(of: n("2")))
        XCTAssertTrue(n("1e1000000").isMultiple(of: n("8")))     // bounded loop, exact answer
        XCTAssertFalse(n("1e1000000").isMultiple(of: n("3")))
    }

    func testNumericKeywordsAreExact() {
        XCTAssertTrue(isValid(##"{"multipleOf": 0.01}"##, "19.99"))
        XCTAssertTrue(isValid(##"{"maximum": 18446744073709551615}"##, "18446744073709551615"))
        XCTAssertFalse(isValid(##"{"maximum": 18446744073709551615}"##, "18446744073709551616"))
        XCTAssertTrue(isValid(##"{"type": "integer"}"##, "1.0"))
        XCTAssertFalse(isValid(##"{"type": "integer"}"##, "1.5"))
        XCTAssertTrue(isValid(##"{"type": "integer", "multipleOf": 0.5}"##, "1e308"))
    }
}
