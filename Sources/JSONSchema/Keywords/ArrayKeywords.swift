// Array keywords. Applicators: prefixItems + items (2020-12), items (schema or array) +
// additionalItems (draft-07), contains with minContains/maxContains. Validation: minItems,
// maxItems, uniqueItems. Item annotations feed unevaluatedItems (see NodeResult).

enum ArrayApplicatorKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        switch c.draft {
        case .draft2020_12:
            var prefixCount = 0
            if let nodes = try c.subschemaArray("prefixItems") {
                prefixCount = nodes.count
                out.append(PrefixItemsKeyword(site: c.site("prefixItems"), schemas: nodes))
            }
            if let items = c["items"] {
                if case .array = items {
                    // Array-form items is draft-07 syntax; 2020-12 meta-schema (and Helm) reject it.
                    throw c.invalid("items", "in 2020-12 items takes one schema; use prefixItems for a tuple")
                }
                out.append(RestItemsKeyword(site: c.site("items"), schema: try c.subschema("items"), start: prefixCount))
            }
        case .draft7:
            if let items = c["items"] {
                if case .array = items {
                    let nodes = try c.subschemaArray("items") ?? []
                    out.append(PrefixItemsKeyword(site: c.site("items"), schemas: nodes))
                    if c["additionalItems"] != nil {
                        out.append(RestItemsKeyword(site: c.site("additionalItems"),
                                                    schema: try c.subschema("additionalItems"), start: nodes.count))
                    }
                } else {
                    out.append(RestItemsKeyword(site: c.site("items"), schema: try c.subschema("items"), start: 0))
                }
            }
        }
        if c["contains"] != nil {
            var minimum = 1
            var maximum: Int?
            if c.draft == .draft2020_12, c.dialect.has(.validation) {
                minimum = try c.count("minContains") ?? 1
                maximum = try c.count("maxContains")
            }
            out.append(ContainsKeyword(site: c.site("contains"), minSite: c.site("minContains"),
                                       maxSite: c.site("maxContains"), schema: try c.subschema("contains"),
                                       minimum: minimum, maximum: maximum))
        }
        return out
    }
}

/// prefixItems (and draft-07 array-form items): item i against schema i.
struct PrefixItemsKeyword: Keyword {
    let site: KeywordSite
    let schemas: [SchemaNode]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance else { return }
        let n = min(items.count, schemas.count)
        for i in 0..<n {
            result.violations += ev.evaluate(schemas[i], items[i], at: String(i)).violations
        }
        result.evaluatedPrefix = max(result.evaluatedPrefix, n)
    }
}

/// items (2020-12, after prefixItems), draft-07 schema-form items, additionalItems:
/// every item from `start` on against one schema.
struct RestItemsKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode
    let start: Int

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance else { return }
        guard start < items.count else { return }
        for i in start..<items.count {
            result.violations += ev.evaluate(schema, items[i], at: String(i)).violations
        }
        result.allItemsEvaluated = true
    }
}

struct ContainsKeyword: Keyword {
    let site: KeywordSite
    let minSite: KeywordSite
    let maxSite: KeywordSite
    let schema: SchemaNode
    let minimum: Int
    let maximum: Int?

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance else { return }
        var matching: [Int] = []
        var causes: [SchemaViolation] = []
        for (i, item) in items.enumerated() {
            let r = ev.evaluate(schema, item, at: String(i))
            if r.isValid { matching.append(i) } else { causes += r.violations }
        }
        // Matching items are annotations for unevaluatedItems even when a bound fails.
        result.evaluatedIndices.formUnion(matching)
        if matching.count < minimum {
            if minimum == 1 {
                result.violations.append(ev.violation(
                    site, "array has no item matching the contains schema", causes: causes))
            } else {
                result.violations.append(ev.violation(
                    minSite, "array has \(matching.count) items matching the contains schema, fewer than minContains \(minimum)",
                    causes: causes))
            }
        }
        if let maximum, matching.count > maximum {
            result.violations.append(ev.violation(
                maxSite, "array has \(matching.count) items matching the contains schema, more than maxContains \(maximum)"))
        }
    }
}

enum ArrayValidationKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let n = try c.count("minItems") { out.append(ItemCountKeyword(site: c.site("minItems"), isMinimum: true, limit: n)) }
        if let n = try c.count("maxItems") { out.append(ItemCountKeyword(site: c.site("maxItems"), isMinimum: false, limit: n)) }
        if let u = c["uniqueItems"] {
            guard case .bool(let b) = u else { throw c.invalid("uniqueItems", "expected a boolean") }
            if b { out.append(UniqueItemsKeyword(site: c.site("uniqueItems"))) }
        }
        return out
    }
}

struct ItemCountKeyword: Keyword {
    let site: KeywordSite
    let isMinimum: Bool
    let limit: Int

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance else { return }
        if isMinimum, items.count < limit {
            result.violations.append(ev.violation(site, "array has \(items.count) items, fewer than the minimum \(limit)"))
        } else if !isMinimum, items.count > limit {
            result.violations.append(ev.violation(site, "array has \(items.count) items, more than the maximum \(limit)"))
        }
    }
}

struct UniqueItemsKeyword: Keyword {
    let site: KeywordSite

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .array(let items) = instance, items.count > 1 else { return }
        // Pairwise with JSON Schema equality (1 == 1.0, key order ignored); arrays in values
        // files are short, and a hash would have to agree with that equality.
        for i in 0..<(items.count - 1) {
            for j in (i + 1)..<items.count where items[i] == items[j] {
                result.violations.append(ev.violation(
                    site, "array items at index \(i) and \(j) are equal (\(items[i].shortDescription)); items must be unique"))
                return
            }
        }
    }
}
