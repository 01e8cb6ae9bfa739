// unevaluatedProperties / unevaluatedItems (2020-12): apply to what no adjacent keyword or
// valid in-place subschema evaluated. They run last in their schema object (see
// KeywordFamilies) and read the annotations gathered so far in the NodeResult.

enum UnevaluatedKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if c["unevaluatedItems"] != nil {
            out.append(UnevaluatedItemsKeyword(site: c.site("unevaluatedItems"), schema: try c.subschema("unevaluatedItems")))
        }
        if c["unevaluatedProperties"] != nil {
            out.append(UnevaluatedPropertiesKeyword(
                site: c.site("unevaluatedProperties"), schema: try c.subschema("unevaluatedProperties")))
        }
        return out
    }
}

struct UnevaluatedItemsKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance else { return }
        for (i, item) in items.enumerated() where !result.isItemEvaluated(i) {
            if schema.booleanValue == false {
                result.violations.append(ev.violation(
                    site, "item at index \(i) is not allowed (unevaluatedItems is false)", extraPath: String(i)))
            } else {
                result.violations += ev.evaluate(schema, item, at: String(i)).violations
            }
        }
        result.allItemsEvaluated = true
    }
}

struct UnevaluatedPropertiesKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for m in o where !result.evaluatedProperties.contains(m.key) {
            if schema.booleanValue == false {
                result.violations.append(ev.violation(
                    site, "property \(JSONValue.string(m.key)) is not allowed (unevaluatedProperties is false)",
                    extraPath: m.key))
            } else {
                result.violations += ev.evaluate(schema, m.value, at: m.key).violations
            }
            result.evaluatedProperties.insert(m.key)
        }
    }
}
