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
        // Items are grouped by a hash that agrees with JSON Schema equality
        // (1 == 1.0, key order ignored), then compared within a group: linear
        // instead of pairwise (a 100,000-item list took minutes pairwise).
        guard ev.spend(items.count, at: site.absolute, pointer: site.pointer, on: "evaluation steps") else { return }
        var groups: [Int: [Int]] = [:]
        var first: (i: Int, j: Int)?
        for (j, item) in items.enumerated() {
            var hasher = Hasher()
            item.schemaHash(into: &hasher)
            let key = hasher.finalize()
            // The earliest equal item; the reported pair is the one the pairwise scan found first.
            if let i = groups[key]?.first(where: { items[$0] == item }) {
                if first == nil || i < first!.i { first = (i, j) }
            } else {
                groups[key, default: []].append(j)
            }
        }
        if let (i, j) = first {
            result.violations.append(ev.violation(
                site, "array items at index \(i) and \(j) are equal (\(items[i].shortDescription)); items must be unique"))
        }
    }
}

extension JSONValue {
    /// A hash consistent with JSON Schema equality (`==` above): numbers by
    /// value (JSONNumber is normalised), strings by code points, objects
    /// regardless of key order.
    func schemaHash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .number(let n): hasher.combine(2); hasher.combine(n)
        case .string(let s):
            hasher.combine(3)
            for scalar in s.unicodeScalars { hasher.combine(scalar.value) }
        case .array(let items):
            hasher.combine(4); hasher.combine(items.count)
            for item in items { item.schemaHash(into: &hasher) }
        case .object(let object):
            hasher.combine(5)
            // Order-independent: the sum of the members' own hashes.
            var sum = 0
            for member in object {
                var inner = Hasher()
                inner.combine(member.key.unicodeScalars.map(\.value))
                member.value.schemaHash(into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        }
    }
}
