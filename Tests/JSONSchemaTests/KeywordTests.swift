import JSONSchema
import XCTest

/// One test per keyword family, checking verdicts and the violation fields users see.
final class KeywordTests: XCTestCase {
    func testViolationFieldsForNestedMaximum() throws {
        let schema = ##"{"properties": {"connect": {"properties": {"replicas": {"type": "integer", "maximum": 5}}}}}"##
        let v = violations(schema, ##"{"connect": {"replicas": 7}}"##)
        XCTAssertEqual(v.count, 1)
        XCTAssertEqual(v.first?.instancePath, "/connect/replicas")
        XCTAssertEqual(v.first?.keyword, "maximum")
        XCTAssertEqual(v.first?.schemaPath, "/properties/connect/properties/replicas/maximum")
        XCTAssertEqual(v.first?.schemaLocation, "file:///values.schema.json#/properties/connect/properties/replicas/maximum")
        XCTAssertEqual(v.first?.message, "value 7 is greater than the maximum 5")
        XCTAssertEqual(v.first?.description, "at '/connect/replicas': value 7 is greater than the maximum 5")
    }

    func testGenericKeywords() {
        XCTAssertEqual(violations(##"{"type": "string"}"##, "3").first?.message, "value 3 is of type number, expected string")
        XCTAssertTrue(isValid(##"{"type": ["null", "string"]}"##, "null"))
        XCTAssertFalse(isValid(##"{"type": ["null", "string"]}"##, "1"))
        XCTAssertEqual(violations(##"{"enum": ["a", "b"]}"##, ##""c""##).first?.message,
                       ##"value "c" is not one of the allowed values: "a", "b""##)
        XCTAssertTrue(isValid(##"{"enum": [{"a": [1]}]}"##, ##"{"a": [1.0]}"##))
        XCTAssertFalse(isValid(##"{"const": false}"##, "0"))
        XCTAssertEqual(violations(##"{"const": 2}"##, "3").first?.keyword, "const")
    }

    func testNumericKeywords() {
        XCTAssertEqual(violations(##"{"minimum": 3}"##, "1").first?.message, "value 1 is less than the minimum 3")
        XCTAssertFalse(isValid(##"{"exclusiveMaximum": 5}"##, "5"))
        XCTAssertTrue(isValid(##"{"exclusiveMinimum": 5}"##, "5.0001"))
        XCTAssertEqual(violations(##"{"multipleOf": 0.1}"##, "0.35").first?.message, "value 0.35 is not a multiple of 0.1")
        XCTAssertTrue(isValid(##"{"minimum": 3}"##, ##""not a number""##))
    }

    func testStringKeywords() {
        XCTAssertTrue(isValid(##"{"maxLength": 2}"##, ##""🐲🐲""##))  // code points, not UTF-16 units
        XCTAssertFalse(isValid(##"{"minLength": 3}"##, ##""ab""##))
        let v = violations(##"{"pattern": "^a+$"}"##, ##""b""##)
        XCTAssertEqual(v.first?.message, ##"string "b" does not match the pattern "^a+$""##)
        XCTAssertTrue(isValid(##"{"pattern": "a"}"##, ##""bab""##))  // unanchored search, as ECMA test()
    }

    func testArrayKeywords() {
        XCTAssertFalse(isValid(##"{"prefixItems": [{"type": "integer"}], "items": false}"##, "[1, 2]"))
        XCTAssertTrue(isValid(##"{"prefixItems": [{"type": "integer"}], "items": false}"##, "[1]"))
        let v = violations(##"{"items": {"type": "string"}}"##, ##"["a", 2]"##)
        XCTAssertEqual(v.first?.instancePath, "/1")
        XCTAssertFalse(isValid(##"{"items": [{"type": "integer"}], "additionalItems": false}"##, "[1, 2]", draft: .draft7))
        XCTAssertFalse(isValid(##"{"contains": {"const": 1}}"##, "[2, 3]"))
        XCTAssertTrue(isValid(##"{"contains": {"const": 1}, "minContains": 2, "maxContains": 3}"##, "[1, 1, 2]"))
        XCTAssertFalse(isValid(##"{"contains": {"const": 1}, "maxContains": 1}"##, "[1, 1]"))
        XCTAssertTrue(isValid(##"{"contains": {"const": 1}, "minContains": 0}"##, "[]"))
        XCTAssertFalse(isValid(##"{"minItems": 2}"##, "[1]"))
        XCTAssertFalse(isValid(##"{"maxItems": 1}"##, "[1, 2]"))
        XCTAssertEqual(violations(##"{"uniqueItems": true}"##, "[1, 2, 1.0]").first?.message,
                       "array items at index 0 and 2 are equal (1); items must be unique")
        XCTAssertFalse(isValid(##"{"prefixItems": [true], "unevaluatedItems": false}"##, "[1, 2]"))
        XCTAssertTrue(isValid(##"{"allOf": [{"prefixItems": [true, true]}], "unevaluatedItems": false}"##, "[1, 2]"))
    }

    func testObjectKeywords() {
        let closed = ##"{"properties": {"replicas": {"type": "integer"}}, "additionalProperties": false}"##
        let v = violations(closed, ##"{"replica": 3}"##)
        XCTAssertEqual(v.first?.message, ##"additional property "replica" is not allowed"##)
        XCTAssertEqual(v.first?.instancePath, "/replica")
        XCTAssertEqual(v.first?.keyword, "additionalProperties")
        let r = violations(##"{"required": ["image", "tag"]}"##, ##"{"tag": "1"}"##)
        XCTAssertEqual(r.map(\.message), [#"missing required property "image""#])
        XCTAssertEqual(r.first?.instancePath, "")
        XCTAssertTrue(isValid(##"{"patternProperties": {"^x-": true}, "additionalProperties": false}"##, ##"{"x-a": 1}"##))
        XCTAssertFalse(isValid(##"{"propertyNames": {"maxLength": 3}}"##, ##"{"abcd": 1}"##))
        XCTAssertFalse(isValid(##"{"minProperties": 1}"##, "{}"))
        XCTAssertFalse(isValid(##"{"maxProperties": 1}"##, ##"{"a": 1, "b": 2}"##))
        XCTAssertFalse(isValid(##"{"dependentRequired": {"a": ["b"]}}"##, ##"{"a": 1}"##))
        XCTAssertFalse(isValid(##"{"dependentSchemas": {"a": {"required": ["b"]}}}"##, ##"{"a": 1}"##))
        XCTAssertFalse(isValid(##"{"dependencies": {"a": ["b"]}}"##, ##"{"a": 1}"##, draft: .draft7))
        XCTAssertFalse(isValid(##"{"dependencies": {"a": {"required": ["b"]}}}"##, ##"{"a": 1}"##, draft: .draft7))
        let uneval = ##"{"properties": {"a": true}, "allOf": [{"properties": {"b": true}}], "unevaluatedProperties": false}"##
        XCTAssertTrue(isValid(uneval, ##"{"a": 1, "b": 2}"##))
        XCTAssertEqual(violations(uneval, ##"{"a": 1, "c": 2}"##).first?.instancePath, "/c")
    }

    func testCombinators() {
        XCTAssertTrue(isValid(##"{"allOf": [{"type": "integer"}, {"minimum": 1}]}"##, "2"))
        XCTAssertFalse(isValid(##"{"allOf": [{"type": "integer"}, {"minimum": 1}]}"##, "0"))
        let any = violations(##"{"anyOf": [{"type": "string"}, {"minimum": 10}]}"##, "3")
        XCTAssertEqual(any.first?.keyword, "anyOf")
        XCTAssertEqual(any.first?.causes.count, 2)
        XCTAssertFalse(isValid(##"{"oneOf": [{"type": "integer"}, {"minimum": 1}]}"##, "2"))
        XCTAssertTrue(isValid(##"{"oneOf": [{"type": "integer"}, {"minimum": 1}]}"##, "1.5"))
        XCTAssertFalse(isValid(##"{"not": {"type": "string"}}"##, ##""x""##))
        let cond = ##"{"if": {"properties": {"kind": {"const": "s3"}}}, "then": {"required": ["bucket"]}, "else": {"required": ["path"]}}"##
        XCTAssertFalse(isValid(cond, ##"{"kind": "s3"}"##))
        XCTAssertTrue(isValid(cond, ##"{"kind": "s3", "bucket": "b"}"##))
        XCTAssertFalse(isValid(cond, ##"{"kind": "local"}"##))
        XCTAssertFalse(isValid("false", "1"))
        XCTAssertTrue(isValid("true", "1"))
    }

    func testFormatAssertsInDraft7OnlyLikeHelm() {
        XCTAssertFalse(isValid(##"{"format": "email"}"##, ##""nope""##, draft: .draft7))
        XCTAssertTrue(isValid(##"{"format": "email"}"##, ##""nope""##, draft: .draft2020_12))
        XCTAssertFalse(isValid(##"{"$schema": "http://json-schema.org/draft-07/schema#", "format": "ipv4"}"##, ##""1.2.3""##))
        XCTAssertTrue(isValid(##"{"format": "date-time"}"##, ##""2024-02-29T12:00:00Z""##, draft: .draft7))
        XCTAssertFalse(isValid(##"{"format": "date"}"##, ##""2023-02-29""##, draft: .draft7))
        XCTAssertTrue(isValid(##"{"format": "idn-email"}"##, ##""nope""##, draft: .draft7))  // unknown to Helm: ignored
    }

    func testDollarSchemaSwitchesDraft() {
        // draft-07: siblings of $ref are ignored; 2020-12: they apply.
        let s7 = ##"{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": true}, "$ref": "#/definitions/a", "type": "string"}"##
        XCTAssertTrue(isValid(s7, "1"))
        let s2020 = ##"{"$defs": {"a": true}, "$ref": "#/$defs/a", "type": "string"}"##
        XCTAssertFalse(isValid(s2020, "1"))
        XCTAssertEqual(try SchemaValidator(schema: json("{}")).draft, .draft2020_12)
    }
}
