import JSONSchema
import XCTest

/// Deterministic pseudo-random inputs: nothing may crash; everything ends in a value,
/// a JSONParseError or a SchemaError.
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
            _ = try? JSONParser.parse(String(chars))
        }
    }

    func testRegexTranslationSurvivesRandomPatterns() {
        let alphabet = Array(##"ab\\dDwWsSbBpPuxck0123{},[]()^$.*+?|-=!<>:"##)
        var rng = LCG(state: 7)
        for _ in 0..<3000 {
            let pattern = String((0..<(1 + rng.next(12))).map { _ in alphabet[rng.next(alphabet.count)] })
            let schema = JSONValue.object(JSONObject([("pattern", .string(pattern))]))
            if let v = try? SchemaValidator(schema: schema, options: .init(regexTimeLimit: 0.05)) {
                _ = v.validate(.string("ab12 _-{}"))
            }
        }
    }

    func testSchemasSurviveMutatedKeywords() {
        let keywords = ["type", "minimum", "items", "prefixItems", "$ref", "properties", "required", "enum",
                        "allOf", "not", "contains", "$defs", "$id", "$anchor", "$dynamicRef", "pattern",
                        "additionalProperties", "unevaluatedItems", "dependentRequired", "format"]
        let values: [JSONValue] = [.null, true, false, 0, -1, 3, "x", "#", "#/$defs/a", "integer", [], ["a"], [true],
                                   .object(JSONObject()), .object(JSONObject([("a", true)]))]
        var rng = LCG(state: 99)
        for _ in 0..<3000 {
            var members: [(String, JSONValue)] = []
            for _ in 0..<(1 + rng.next(4)) {
                members.append((keywords[rng.next(keywords.count)], values[rng.next(values.count)]))
            }
            let schema = JSONValue.object(JSONObject(members))
            for validate in [true, false] {
                if let v = try? SchemaValidator(schema: schema, options: .init(validateSchema: validate)) {
                    _ = v.validate(values[rng.next(values.count)])
                }
            }
        }
    }
}
