import JSONSchema
import XCTest

/// Deterministic pseudo-random inputs: nothing may crash; everything ends in a value,
/// a JSONParseError or a SchemaError, and both outcomes occur (the mutations do
/// reach the error paths and the working paths).
final class RobustnessTests: XCTestCase {
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    func testParserSurvivesMutatedInput() {
        let base = ##"{"a": [1, 2.5e-3, "x\u00e9", {"b": null}], "c": true, "d": -0.0}"##
        let alphabet = Array(##"{}[]:,"\\u0123456789eE+-. truefalsn\##n"##)
        var rng = LCG(state: 42)
        var parsed = 0, refused = 0
        for _ in 0..<3000 {
            var chars = Array(base)
            for _ in 0..<(1 + rng.next(4)) {
                let i = rng.next(chars.count)
                switch rng.next(3) {
                case 0: chars[i] = alphabet[rng.next(alphabet.count)]
                case 1: chars.remove(at: i)
                default: chars.insert(alphabet[rng.next(alphabet.count)], at: i)
                }
            }
            do {
                let value = try JSONParser.parse(String(chars))
                parsed += 1
                XCTAssertEqual(try JSONParser.parse(String(chars)), value, "parsing is deterministic")
            } catch is JSONParseError {
                refused += 1
            } catch {
                XCTFail("\(String(chars).debugDescription): \(type(of: error)) instead of JSONParseError")
            }
        }
        XCTAssertGreaterThan(parsed, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    func testRegexTranslationSurvivesRandomPatterns() {
        let alphabet = Array(##"ab\\dDwWsSbBpPuxck0123{},[]()^$.*+?|-=!<>:"##)
        var rng = LCG(state: 7)
        var compiled = 0, refused = 0
        for _ in 0..<3000 {
            let pattern = String((0..<(1 + rng.next(12))).map { _ in alphabet[rng.next(alphabet.count)] })
            let schema = JSONValue.object(JSONObject([("pattern", .string(pattern))]))
            switch Self.outcome({ try SchemaValidator(schema: schema, options: .init(regexTimeLimit: 0.05)) }) {
            case .success(let v):
                compiled += 1
                _ = v.validate(.string("ab12 _-{}"))
            case .failure(let error):
                refused += 1
                XCTAssertTrue(error is SchemaError, "\(pattern): \(type(of: error)) instead of SchemaError")
            }
        }
        XCTAssertGreaterThan(compiled, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    static func outcome<T>(_ body: () throws -> T) -> Result<T, any Error> { Result { try body() } }

    func testSchemasSurviveMutatedKeywords() {
        let keywords = ["type", "minimum", "items", "prefixItems", "$ref", "properties", "required", "enum",
                        "allOf", "not", "contains", "$defs", "$id", "$anchor", "$dynamicRef", "pattern",
                        "additionalProperties", "unevaluatedItems", "dependentRequired", "format"]
        let values: [JSONValue] = [.null, true, false, 0, -1, 3, "x", "#", "#/$defs/a", "integer", [], ["a"], [true],
                                   .object(JSONObject()), .object(JSONObject([("a", true)]))]
        var rng = LCG(state: 99)
        var compiled = 0, refused = 0
        for _ in 0..<3000 {
            var members: [(String, JSONValue)] = []
            for _ in 0..<(1 + rng.next(4)) {
                members.append((keywords[rng.next(keywords.count)], values[rng.next(values.count)]))
            }
            let schema = JSONValue.object(JSONObject(members))
            for validate in [true, false] {
                switch Self.outcome({ try SchemaValidator(schema: schema, options: .init(validateSchema: validate)) }) {
                case .success(let v):
                    compiled += 1
                    _ = v.validate(values[rng.next(values.count)])
                case .failure(let error):
                    refused += 1
                    XCTAssertTrue(error is SchemaError, "\(schema): \(type(of: error)) instead of SchemaError")
                }
            }
        }
        XCTAssertGreaterThan(compiled, 0)
        XCTAssertGreaterThan(refused, 0)
    }
}
