import JSONSchema
import XCTest

final class ReferenceTests: XCTestCase {
    func testLocalRefsDefsAnchorsAndIds() {
        XCTAssertFalse(isValid(##"{"$defs": {"port": {"maximum": 65535}}, "properties": {"p": {"$ref": "#/$defs/port"}}}"##, ##"{"p": 70000}"##))
        XCTAssertFalse(isValid(##"{"$defs": {"p": {"$anchor": "port", "type": "integer"}}, "$ref": "#port"}"##, ##""x""##))
        XCTAssertFalse(isValid(##"{"definitions": {"p": {"type": "integer"}}, "$ref": "#/definitions/p"}"##, ##""x""##, draft: .draft7))
        let embedded = ##"{"$id": "https://example.com/root.json", "$defs": {"x": {"$id": "other.json", "type": "integer"}}, "$ref": "other.json"}"##
        XCTAssertFalse(isValid(embedded, ##""x""##))
    }

    func testViolationInsideRefNamesTheTargetLocation() {
        let v = violations(##"{"$defs": {"port": {"maximum": 10}}, "properties": {"p": {"$ref": "#/$defs/port"}}}"##, ##"{"p": 70}"##)
        XCTAssertEqual(v.first?.instancePath, "/p")
        XCTAssertEqual(v.first?.schemaPath, "/$defs/port/maximum")
    }

    func testRefsAcrossSuppliedResources() throws {
        let common = json(##"{"$defs": {"image": {"type": "object", "required": ["repository"]}}}"##)
        let schema = json(##"{"properties": {"image": {"$ref": "common.schema.json#/$defs/image"}}}"##)
        let v = try SchemaValidator(schema: schema, baseURI: "file:///chart/values.schema.json",
                                    resources: ["file:///chart/common.schema.json": common])
        let out = v.validate(json(##"{"image": {}}"##))
        XCTAssertEqual(out.first?.message, ##"missing required property "repository""##)
        XCTAssertEqual(out.first?.schemaLocation, "file:///chart/common.schema.json#/$defs/image/required")
    }

    func testUnresolvableRefIsAClearErrorNotAFetch() {
        let e = schemaError(##"{"properties": {"a": {"$ref": "https://example.com/missing.json"}}}"##)
        XCTAssertEqual(e?.kind, .ref)
        XCTAssertEqual(e?.kind.rawValue, "schema.ref")
        XCTAssertTrue(e?.message.contains("https://example.com/missing.json") ?? false, "\(String(describing: e))")
        XCTAssertEqual(e?.schemaLocation, "file:///values.schema.json#/properties/a/$ref")
        XCTAssertEqual(schemaError(##"{"$ref": "other.json"}"##)?.kind, .ref)       // file: is never read
        XCTAssertEqual(schemaError(##"{"$ref": "#/$defs/nope"}"##)?.kind, .ref)
        XCTAssertEqual(schemaError(##"{"$ref": "#nope"}"##)?.kind, .ref)
        XCTAssertEqual(schemaError(##"{"$schema": "http://json-schema.org/draft-03/schema#"}"##)?.kind, .ref)
    }

    func testMetaSchemasResolveOffline() {
        XCTAssertTrue(isValid(##"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"##, ##"{"minLength": 1}"##))
        XCTAssertFalse(isValid(##"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"##, ##"{"minLength": -1}"##))
        XCTAssertFalse(isValid(##"{"$ref": "http://json-schema.org/draft-07/schema#"}"##, ##"{"type": "nope"}"##, draft: .draft7))
    }

    func testRefCyclesDoNotHang() {
        let selfRef = violations(##"{"$ref": "#"}"##, "1")
        XCTAssertEqual(selfRef.first?.keyword, "$ref")
        XCTAssertTrue(selfRef.first?.message.contains("infinite recursion") ?? false)
        let mutual = ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##
        XCTAssertFalse(isValid(mutual, "{}"))
        // Recursion that walks down the instance is fine.
        let tree = ##"{"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false}"##
        XCTAssertTrue(isValid(tree, ##"{"child": {"child": {}}}"##))
        XCTAssertFalse(isValid(tree, ##"{"child": {"child": {"x": 1}}}"##))
    }

    func testDeepInstanceHitsDepthLimitNotTheStack() throws {
        let tree = json(##"{"type": "array", "items": {"$ref": "#"}}"##)
        var value: JSONValue = .array([])
        for _ in 0..<2000 { value = .array([value]) }
        let v = try SchemaValidator(schema: tree).validate(value)
        XCTAssertEqual(v.count, 1)
        XCTAssertTrue(v.first?.message.contains("deeper than") ?? false, "\(v)")
    }

    func testDynamicRef() {
        // A generic list whose item schema the outermost resource overrides via $dynamicAnchor.
        let schema = ##"""
        {"$id": "https://example.com/strings", "$ref": "list",
         "$defs": {
           "item": {"$dynamicAnchor": "item", "type": "string"},
           "list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#item"},
                    "$defs": {"default": {"$dynamicAnchor": "item"}}}}}
        """##
        XCTAssertTrue(isValid(schema, ##"["a", "b"]"##))
        XCTAssertFalse(isValid(schema, "[1]"))
    }

    func testMalformedKeywordsAreSchemaErrors() {
        XCTAssertEqual(schemaError(##"{"minLength": -1}"##)?.kind, .invalid)
        XCTAssertEqual(schemaError(##"{"type": "strin"}"##)?.kind, .invalid)
        XCTAssertEqual(schemaError(##"{"properties": {"a": 3}}"##)?.kind, .invalid)
        XCTAssertEqual(schemaError(##"{"items": [true]}"##)?.kind, .invalid)  // draft-07 syntax in 2020-12
        // Like Helm, the schema is first checked against its meta-schema.
        let e = schemaError(##"{"properties": {"a": {"maxLength": "3"}}}"##)
        XCTAssertEqual(e?.kind, .invalid)
        XCTAssertTrue(e?.message.contains("meta-schema") ?? false, "\(String(describing: e))")
        XCTAssertEqual(e?.schemaLocation, "file:///values.schema.json#/properties/a/maxLength")
    }
}

final class StackSafetyTests: XCTestCase {
    /// The evaluation depth limit must hold on a secondary thread with a small (1 MiB) stack,
    /// for values as deep as the parser accepts (512 levels).
    func testDeepEvaluationOnSmallStackThread() throws {
        let schema = ##"{"allOf": [{"items": {"$ref": "#"}}, {"properties": {"a": {"$ref": "#"}}}]}"##
        let validator = try SchemaValidator(schema: json(schema))
        var value: JSONValue = .array([])
        for i in 0..<500 { value = i % 2 == 0 ? .array([value]) : .object(JSONObject([("a", value)])) }
        let done = expectation(description: "validated")
        let box = Box()
        let thread = Thread { [value] in
            box.violations = validator.validate(value)
            done.fulfill()
        }
        thread.stackSize = 1 << 20
        thread.start()
        wait(for: [done], timeout: 60)
        XCTAssertEqual(box.violations.count, 1)
        XCTAssertTrue(box.violations.first?.message.contains("deeper than") ?? false, "\(box.violations)")
    }

    final class Box: @unchecked Sendable { var violations: [SchemaViolation] = [] }
}
