import JSONSchema
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesAllValueKinds() throws {
        let v = try JSONParser.parse(##"{"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "b": {}}"##)
        XCTAssertEqual(v["a"]?.arrayValue?.count, 6)
        XCTAssertEqual(v["a"]?.arrayValue?[1], .number(JSONNumber("-2500")!))
        XCTAssertEqual(v["a"]?.arrayValue?[5], .string("xé\n"))
        XCTAssertEqual(v["b"], .object(JSONObject()))
    }

    func testObjectKeepsKeyOrderAndLastDuplicateWins() throws {
        let v = try JSONParser.parse(##"{"z": 1, "a": 2, "z": 3}"##)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a"])
        XCTAssertEqual(v["z"], 3)
    }

    func testSurrogatePairs() throws {
        XCTAssertEqual(try JSONParser.parse(##""\ud83d\udc32""##), .string("🐲"))
    }

    func testErrorsCarryLineAndColumn() {
        XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": tru\n}")) { error in
            let e = error as? JSONParseError
            XCTAssertEqual(e?.line, 3)
            XCTAssertEqual(e?.column, 8)
            XCTAssertTrue(e?.description.contains("line 3, column 8") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try JSONParser.parse("[1, 2")) { error in
            XCTAssertEqual((error as? JSONParseError)?.line, 1)
        }
        XCTAssertThrowsError(try JSONParser.parse("{\"a\": 01}"))
        XCTAssertThrowsError(try JSONParser.parse("[1,]"))
        XCTAssertThrowsError(try JSONParser.parse("\"tab\there\""))
        XCTAssertThrowsError(try JSONParser.parse("1 2"))
    }

    func testNestingLimit() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nesting"), "\(error)")
        }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNoThrow(try JSONParser.parse(ok))
    }

    func testEqualityIgnoresKeyOrderAndNumberSpelling() throws {
        XCTAssertEqual(try JSONParser.parse(##"{"a":1,"b":[1.0]}"##), try JSONParser.parse(##"{"b":[1],"a":1e0}"##))
        // Code points, not canonical equivalence: precomposed é differs from e + combining acute.
        XCTAssertNotEqual(JSONValue.string("\u{e9}"), JSONValue.string("e\u{301}"))
    }

    func testSerialisation() throws {
        let v = try JSONParser.parse(##"{"b":[1,"x\"y"],"a":null}"##)
        XCTAssertEqual(v.description, ##"{"b":[1,"x\"y"],"a":null}"##)
    }
}
