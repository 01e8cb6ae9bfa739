// allOf, anyOf, oneOf, not, if/then/else: in-place applicators combining subschema results.
// Every branch is evaluated (no short-circuit) because unevaluatedProperties/Items need the
// annotations of all valid branches.

enum CombinatorKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let nodes = try c.subschemaArray("allOf") { out.append(AllOfKeyword(site: c.site("allOf"), branches: nodes)) }
        if let nodes = try c.subschemaArray("anyOf") { out.append(AnyOfKeyword(site: c.site("anyOf"), branches: nodes)) }
        if let nodes = try c.subschemaArray("oneOf") { out.append(OneOfKeyword(site: c.site("oneOf"), branches: nodes)) }
        if c["not"] != nil { out.append(NotKeyword(site: c.site("not"), schema: try c.subschema("not"))) }
        if c["if"] != nil {
            out.append(IfKeyword(
                condition: try c.subschema("if"),
                then: c["then"] != nil ? try c.subschema("then") : nil,
                else: c["else"] != nil ? try c.subschema("else") : nil))
        }
        return out
    }
}

struct AllOfKeyword: Keyword {
    let site: KeywordSite
    let branches: [SchemaNode]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        // Every branch must hold, so each branch's own violations are the clearest report.
        for b in branches {
            let r = ev.evaluate(b, instance)
            if r.isValid { result.mergeAnnotations(r) } else { result.violations += r.violations }
        }
    }
}

struct AnyOfKeyword: Keyword {
    let site: KeywordSite
    let branches: [SchemaNode]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        var causes: [SchemaViolation] = []
        var matched = false
        for b in branches {
            let r = ev.evaluate(b, instance)
            if r.isValid {
                matched = true
                result.mergeAnnotations(r)
            } else {
                causes += r.violations
            }
        }
        if !matched {
            result.violations.append(ev.violation(
                site, "value does not match any of the \(branches.count) anyOf alternatives", causes: causes))
        }
    }
}

struct OneOfKeyword: Keyword {
    let site: KeywordSite
    let branches: [SchemaNode]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        var causes: [SchemaViolation] = []
        var matches: [Int] = []
        var annotations = NodeResult()
        for (i, b) in branches.enumerated() {
            let r = ev.evaluate(b, instance)
            if r.isValid {
                matches.append(i)
                annotations.mergeAnnotations(r)
            } else {
                causes += r.violations
            }
        }
        if matches.count == 1 {
            result.mergeAnnotations(annotations)
        } else if matches.isEmpty {
            result.violations.append(ev.violation(
                site, "value does not match any of the \(branches.count) oneOf alternatives", causes: causes))
        } else {
            let list = matches.map(String.init).joined(separator: ", ")
            result.violations.append(ev.violation(
                site, "value matches more than one oneOf alternative (alternatives \(list)); exactly one must match"))
        }
    }
}

struct NotKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        if ev.evaluate(schema, instance).isValid {
            result.violations.append(ev.violation(site, "value must not match the schema given in not"))
        }
    }
}

struct IfKeyword: Keyword {
    let condition: SchemaNode
    let then: SchemaNode?
    let `else`: SchemaNode?

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        let r = ev.evaluate(condition, instance)
        // `if` never fails by itself; its annotations count when it holds.
        let branch: SchemaNode?
        if r.isValid {
            result.mergeAnnotations(r)
            branch = then
        } else {
            branch = `else`
        }
        guard let branch else { return }
        let b = ev.evaluate(branch, instance)
        if b.isValid { result.mergeAnnotations(b) } else { result.violations += b.violations }
    }
}
