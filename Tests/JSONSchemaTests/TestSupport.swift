import JSONSchema
import XCTest

/// Parses JSON text, failing the test on a syntax error.
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
    do { return try JSONParser.parse(text) } catch {
        XCTFail("bad JSON in test: \(error)", file: file, line: line)
        return .null
    }
}

/// Validates `instance` against `schema` (both JSON text) and returns the violations.
func violations(
    _ schema: String, _ instance: String, draft: Draft = .draft2020_12, resources: [String: JSONValue] = [:],
    file: StaticString = #filePath, line: UInt = #line
) -> [SchemaViolation] {
    do {
        let v = try SchemaValidator(schema: json(schema), resources: resources, options: .init(defaultDraft: draft))
        return v.validate(json(instance))
    } catch {
        XCTFail("schema rejected: \(error)", file: file, line: line)
        return []
    }
}

func isValid(_ schema: String, _ instance: String, draft: Draft = .draft2020_12,
             file: StaticString = #filePath, line: UInt = #line) -> Bool {
    violations(schema, instance, draft: draft, file: file, line: line).isEmpty
}

/// The SchemaError thrown for `schema`, or nil (and a test failure) when none is thrown.
func schemaError(_ schema: String, resources: [String: JSONValue] = [:], draft: Draft = .draft2020_12,
                 file: StaticString = #filePath, line: UInt = #line) -> SchemaError? {
    do {
        _ = try SchemaValidator(schema: json(schema), resources: resources, options: .init(defaultDraft: draft))
        XCTFail("expected a SchemaError", file: file, line: line)
        return nil
    } catch let e as SchemaError {
        return e
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
        return nil
    }
}
