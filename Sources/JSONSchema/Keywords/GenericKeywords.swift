// type, enum, const: validation keywords that apply to every kind of value.

enum GenericKeywords {
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let t = c["type"] {
            var types: [String] = []
            switch t {
            case .string(let s): types = [s]
            case .array(let a):
                for v in a {
                    guard let s = v.stringValue else { throw c.invalid("type", "expected type names") }
                    types.append(s)
                }
            default: throw c.invalid("type", "expected a type name or an array of type names")
            }
            for name in types where !typeNames.contains(name) {
                throw c.invalid("type", "unknown type \"\(name)\"")
            }
            out.append(TypeKeyword(site: c.site("type"), types: types))
        }
        if let e = c["enum"] {
            guard case .array(let values) = e else { throw c.invalid("enum", "expected an array") }
            out.append(EnumKeyword(site: c.site("enum"), values: values))
        }
        if let v = c["const"] {
            out.append(ConstKeyword(site: c.site("const"), value: v))
        }
        return out
    }
}

struct TypeKeyword: Keyword {
    let site: KeywordSite
    let types: [String]

    static func matches(_ instance: JSONValue, _ type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array),
             ("number", .number), ("string", .string):
            return true
        case ("integer", .number(let n)):
            return n.isInteger  // 1.0 is an integer in JSON Schema
        default:
            return false
        }
    }

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        if types.contains(where: { TypeKeyword.matches(instance, $0) }) { return }
        let expected = types.count == 1 ? types[0] : "one of " + types.joined(separator: ", ")
        var actual = instance.typeName
        if case .number(let n) = instance, !n.isInteger { actual = "number (not an integer)" }
        result.violations.append(ev.violation(
            site, "value \(instance.shortDescription) is of type \(actual), expected \(expected)"))
    }
}

struct EnumKeyword: Keyword {
    let site: KeywordSite
    let values: [JSONValue]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        if values.contains(instance) { return }
        var list = values.prefix(10).map(\.shortDescription).joined(separator: ", ")
        if values.count > 10 { list += ", ..." }
        result.violations.append(ev.violation(
            site, "value \(instance.shortDescription) is not one of the allowed values: \(list)"))
    }
}

struct ConstKeyword: Keyword {
    let site: KeywordSite
    let value: JSONValue

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        if instance == value { return }
        result.violations.append(ev.violation(
            site, "value \(instance.shortDescription) is not the required constant \(value.shortDescription)"))
    }
}
