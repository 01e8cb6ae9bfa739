// $ref and $dynamicRef: in-place applicators whose subschema is found by URI.
// Targets are resolved at compile time (see SchemaCompiler); only $dynamicRef's final
// target depends on the dynamic scope and is chosen at evaluation time.

enum ReferenceKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let (_, target) = try c.resolveReference("$ref") {
            out.append(RefKeyword(site: c.site("$ref"), target: target))
        }
        if c.draft == .draft2020_12, let (ref, target) = try c.resolveReference("$dynamicRef") {
            // Dynamic resolution applies only when the reference is a plain-name fragment and
            // its initial target declares that same $dynamicAnchor ("bookending");
            // otherwise $dynamicRef behaves exactly like $ref.
            let fragment = URIReference.splitFragment(ref).1
            var anchor: String?
            if !fragment.isEmpty, !fragment.hasPrefix("/"),
               c.compiler.registry.dynamicAnchorName(at: target.location) == fragment {
                anchor = fragment
            }
            out.append(DynamicRefKeyword(site: c.site("$dynamicRef"), target: target, anchor: anchor))
        }
        return out
    }
}

struct RefKeyword: Keyword {
    let site: KeywordSite
    let target: SchemaNode

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        let r = ev.evaluateReference(target, instance, site: site)
        if r.isValid { result.mergeAnnotations(r) } else { result.violations += r.violations }
    }
}

struct DynamicRefKeyword: Keyword {
    let site: KeywordSite
    let target: SchemaNode
    let anchor: String?

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        var node = target
        if let anchor, let dynamic = ev.dynamicTarget(named: anchor) { node = dynamic }
        let r = ev.evaluateReference(node, instance, site: site)
        if r.isValid { result.mergeAnnotations(r) } else { result.violations += r.violations }
    }
}
