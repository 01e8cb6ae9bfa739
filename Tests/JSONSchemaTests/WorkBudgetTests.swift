import Foundation
import JSONSchema
import XCTest

/// Issue 17, class 6: evaluation is polynomial where memoisation is sound,
/// and every validation has a work budget whose excess is one violation
/// naming the schema location. Bounds are asserted on steps (`cost`), never
/// on time; `docsite-bench hostile` prints the timings.
final class WorkBudgetTests: XCTestCase {
    /// Level i is anyOf[ref(i+1), allOf[ref(i+1), …]]: 2^levels paths to the bottom.
    static func nestedSchema(levels: Int, dynamicAnchor: Bool = false) -> String {
        var defs: [String] = []
        for i in 0..<levels {
            defs.append(##""d\##(i)": {"anyOf": [{"$ref": "#/$defs/d\##(i + 1)"}, {"allOf": [{"$ref": "#/$defs/d\##(i + 1)"}, {"minimum": 0}]}]}"##)
        }
        defs.append(##""d\##(levels)": {"type": "string"}"##)
        if dynamicAnchor { defs.append(##""meta": {"$dynamicAnchor": "meta"}"##) }
        return ##"{"$defs": {\##(defs.joined(separator: ", "))}, "properties": {"x": {"$ref": "#/$defs/d0"}}}"##
    }

    func validator(_ schema: String, _ configure: (inout SchemaValidator.Options) -> Void = { _ in }) throws -> SchemaValidator {
        var options = SchemaValidator.Options()
        configure(&options)
        return try SchemaValidator(schemaText: schema, options: options)
    }

    func testNestedAnyOfAllOfThroughRefsIsPolynomial() throws {
        // Without memoisation 2^22 subschema evaluations (28 s, 1.8 GB before the fix).
        var costs: [Int] = []
        for levels in [10, 20, 40] {
            let v = try validator(Self.nestedSchema(levels: levels))
            let instance = try JSONParser.parse(##"{"x": 5}"##)
            let found = v.validate(instance)
            XCTAssertEqual(found.map(\.keyword), ["anyOf"], "levels \(levels)")
            XCTAssertTrue(v.isValid(try JSONParser.parse(##"{"x": "text"}"##)), "levels \(levels)")
            costs.append(v.cost(of: instance))
        }
        // Linear in the number of levels: doubling them about doubles the work.
        XCTAssertLessThan(costs[1], costs[0] * 3, "\(costs)")
        XCTAssertLessThan(costs[2], costs[1] * 3, "\(costs)")
        XCTAssertLessThan(costs[2], 5_000, "\(costs)")
    }

    func testWithoutSoundMemoisationTheBudgetStopsIt() throws {
        // A $dynamicAnchor makes results depend on the dynamic scope: no memo, so the budget must hold.
        let v = try validator(Self.nestedSchema(levels: 30, dynamicAnchor: true)) { $0.workBudget = 50_000 }
        let found = v.validate(try JSONParser.parse(##"{"x": 5}"##))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.keyword, "budget")
        XCTAssertEqual(found.first?.instancePath, "/x")
        XCTAssertTrue(found.first?.schemaLocation.hasPrefix("file:///values.schema.json#/$defs/d") == true, "\(found)")
        XCTAssertTrue(found.first?.message.contains("50000 evaluation steps") == true, "\(found)")
    }

    func testMemoisationKeepsPropertyNamesApartFromValues() throws {
        // The same $ref evaluates the key "abc" and its value at the same instance path.
        let schema = ##"{"$defs": {"s": {"type": "string", "maxLength": 3}}, "propertyNames": {"$ref": "#/$defs/s"}, "properties": {"abc": {"$ref": "#/$defs/s"}}}"##
        let v = try validator(schema)
        XCTAssertEqual(v.validate(try JSONParser.parse(##"{"abc": "toolong"}"##)).map(\.keyword), ["maxLength"])
        XCTAssertEqual(v.validate(try JSONParser.parse(##"{"abc": 7}"##)).map(\.keyword), ["type"])
        XCTAssertTrue(v.isValid(try JSONParser.parse(##"{"abc": "ok"}"##)))
    }

    func testBacktrackingPatternsShareOneTimeBudget() throws {
        let schema = ##"{"properties": {"names": {"type": "array", "items": {"type": "string", "pattern": "^(a+)+$"}}}}"##
        let v = try validator(schema) { $0.regexTimeLimit = 0.2; $0.regexBudget = 0.5 }
        let items = (0..<50).map { _ in "\"" + String(repeating: "a", count: 40) + "!\"" }
        let found = v.validate(try JSONParser.parse(##"{"names": [\##(items.joined(separator: ","))]}"##))
        // Before: 0.2 s per item, 10 s for the list; now one budget violation at the pattern.
        XCTAssertEqual(found.map(\.keyword), ["budget"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.schemaLocation, "file:///values.schema.json#/properties/names/items/pattern")
        XCTAssertTrue(found.first?.message.contains("seconds of regular-expression matching") == true)
    }

    func testUniqueItemsIsLinearAndAgreesWithSchemaEquality() throws {
        let v = try validator(##"{"uniqueItems": true}"##)
        let big = "[" + (0..<100_000).map(String.init).joined(separator: ",") + "]"
        let instance = try JSONParser.parse(big)
        XCTAssertTrue(v.isValid(instance))
        XCTAssertLessThan(v.cost(of: instance), 200_000, "one step per item")
        XCTAssertEqual(v.validate(try JSONParser.parse(##"["a", "b", "b", "a"]"##)).first?.message,
                       ##"array items at index 0 and 3 are equal ("a"); items must be unique"##)
        XCTAssertFalse(v.isValid(try JSONParser.parse("[1, 2, 1.0]")))
        XCTAssertFalse(v.isValid(try JSONParser.parse(##"[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]"##)))
        XCTAssertTrue(v.isValid(try JSONParser.parse(##"[{"a": 1}, {"a": "1"}, [1, 2], [2, 1], "e\u0301", "é"]"##)))
    }

    func testHugeMultipleOfIsChargedToTheBudget() throws {
        let divisor = "0." + String(repeating: "3", count: 3000)
        let v = try validator(##"{"items": {"multipleOf": \##(divisor)}}"##)
        let value = "1" + String(repeating: "3", count: 5000)
        let found = v.validate(try JSONParser.parse("[" + Array(repeating: value, count: 100).joined(separator: ",") + "]"))
        XCTAssertEqual(found.map(\.keyword), ["budget"])
        XCTAssertEqual(found.first?.schemaLocation, "file:///values.schema.json#/items/multipleOf")
        // Ordinary numbers are unaffected.
        let small = try validator(##"{"multipleOf": 0.01}"##)
        XCTAssertTrue(small.isValid(try JSONParser.parse("0.3")))
        XCTAssertFalse(small.isValid(try JSONParser.parse("0.001")))
    }
}
