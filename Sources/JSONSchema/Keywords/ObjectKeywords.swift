// Object keywords. Applicators: properties, patternProperties, additionalProperties,
// propertyNames, dependentSchemas (2020-12) / schema-valued dependencies (draft-07).
// Validation: required, minProperties, maxProperties, dependentRequired (2020-12) /
// array-valued dependencies (draft-07). Evaluated property names feed unevaluatedProperties.

enum ObjectApplicatorKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        var propertyNames: Set<String> = []
        if let props = try c.subschemaMap("properties") {
            propertyNames = Set(props.map(\.0))
            out.append(PropertiesKeyword(site: c.site("properties"), schemas: Dictionary(props, uniquingKeysWith: { $1 })))
        }
        var patterns: [(ECMARegex, SchemaNode)] = []
        if let pp = try c.subschemaMap("patternProperties") {
            patterns = try pp.map { (try c.regex($0.0, keyword: "patternProperties"), $0.1) }
            out.append(PatternPropertiesKeyword(site: c.site("patternProperties"), patterns: patterns))
        }
        if c["additionalProperties"] != nil {
            out.append(AdditionalPropertiesKeyword(
                site: c.site("additionalProperties"), schema: try c.subschema("additionalProperties"),
                declared: propertyNames, patterns: patterns.map(\.0)))
        }
        if c["propertyNames"] != nil {
            out.append(PropertyNamesKeyword(site: c.site("propertyNames"), schema: try c.subschema("propertyNames")))
        }
        switch c.draft {
        case .draft2020_12:
            if let deps = try c.subschemaMap("dependentSchemas") {
                out.append(DependentSchemasKeyword(site: c.site("dependentSchemas"), schemas: deps))
            }
        case .draft7:
            if let d = c["dependencies"] {
                guard case .object(let o) = d else { throw c.invalid("dependencies", "expected an object") }
                var schemas: [(String, SchemaNode)] = []
                var names: [(String, [String])] = []
                for m in o {
                    if case .array(let a) = m.value {
                        names.append((m.key, try stringList(a, c, "dependencies")))
                    } else {
                        schemas.append((m.key, try c.subschema("dependencies", m.key)))
                    }
                }
                if !schemas.isEmpty { out.append(DependentSchemasKeyword(site: c.site("dependencies"), schemas: schemas)) }
                if !names.isEmpty { out.append(DependentRequiredKeyword(site: c.site("dependencies"), dependencies: names)) }
            }
        }
        return out
    }

    static func stringList(_ a: [JSONValue], _ c: KeywordContext, _ keyword: String) throws -> [String] {
        try a.map {
            guard let s = $0.stringValue else { throw c.invalid(keyword, "expected an array of property names") }
            return s
        }
    }
}

struct PropertiesKeyword: Keyword {
    let site: KeywordSite
    let schemas: [String: SchemaNode]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for m in o {
            guard let schema = schemas[m.key] else { continue }
            result.violations += ev.evaluate(schema, m.value, at: m.key).violations
            result.evaluatedProperties.insert(m.key)
        }
    }
}

struct PatternPropertiesKeyword: Keyword {
    let site: KeywordSite
    let patterns: [(ECMARegex, SchemaNode)]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for m in o {
            for (regex, schema) in patterns {
                switch ev.test(regex, m.key, site: site) {
                case .noMatch: continue
                case .timedOut:
                    result.violations.append(ev.violation(site, regexTimeoutMessage(regex, .string(m.key)), extraPath: m.key))
                case .match:
                    result.violations += ev.evaluate(schema, m.value, at: m.key).violations
                    result.evaluatedProperties.insert(m.key)
                }
            }
        }
    }
}

struct AdditionalPropertiesKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode
    let declared: Set<String>
    let patterns: [ECMARegex]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for m in o where !declared.contains(m.key) {
            if patterns.contains(where: { ev.test($0, m.key, site: site) != .noMatch }) { continue }
            if schema.booleanValue == false {
                // The common case, `additionalProperties: false`, gets a message naming the key.
                result.violations.append(ev.violation(
                    site, "additional property \(JSONValue.string(m.key)) is not allowed", extraPath: m.key))
            } else {
                result.violations += ev.evaluate(schema, m.value, at: m.key).violations
            }
            result.evaluatedProperties.insert(m.key)
        }
    }
}

struct PropertyNamesKeyword: Keyword {
    let site: KeywordSite
    let schema: SchemaNode

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for m in o {
            // The name is validated as a string instance; report it at the property's location.
            let r = ev.evaluate(schema, .string(m.key), at: m.key)
            if !r.isValid {
                result.violations.append(ev.violation(
                    site, "property name \(JSONValue.string(m.key)) does not match the propertyNames schema",
                    causes: r.violations, extraPath: m.key))
            }
        }
    }
}

struct DependentSchemasKeyword: Keyword {
    let site: KeywordSite
    let schemas: [(String, SchemaNode)]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for (name, schema) in schemas where o[name] != nil {
            let r = ev.evaluate(schema, instance)
            if r.isValid { result.mergeAnnotations(r) } else { result.violations += r.violations }
        }
    }
}

enum ObjectValidationKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let r = c["required"] {
            guard case .array(let a) = r else { throw c.invalid("required", "expected an array of property names") }
            out.append(RequiredKeyword(site: c.site("required"), names: try ObjectApplicatorKeywords.stringList(a, c, "required")))
        }
        if let n = try c.count("minProperties") {
            out.append(PropertyCountKeyword(site: c.site("minProperties"), isMinimum: true, limit: n))
        }
        if let n = try c.count("maxProperties") {
            out.append(PropertyCountKeyword(site: c.site("maxProperties"), isMinimum: false, limit: n))
        }
        if c.draft == .draft2020_12, let d = c["dependentRequired"] {
            guard case .object(let o) = d else { throw c.invalid("dependentRequired", "expected an object") }
            let deps = try o.members.map { m -> (String, [String]) in
                guard case .array(let a) = m.value else { throw c.invalid("dependentRequired", "expected arrays of property names") }
                return (m.key, try ObjectApplicatorKeywords.stringList(a, c, "dependentRequired"))
            }
            out.append(DependentRequiredKeyword(site: c.site("dependentRequired"), dependencies: deps))
        }
        return out
    }
}

struct RequiredKeyword: Keyword {
    let site: KeywordSite
    let names: [String]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for name in names where o[name] == nil {
            result.violations.append(ev.violation(site, "missing required property \(JSONValue.string(name))"))
        }
    }
}

struct PropertyCountKeyword: Keyword {
    let site: KeywordSite
    let isMinimum: Bool
    let limit: Int

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        if isMinimum, o.count < limit {
            result.violations.append(ev.violation(site, "object has \(o.count) properties, fewer than the minimum \(limit)"))
        } else if !isMinimum, o.count > limit {
            result.violations.append(ev.violation(site, "object has \(o.count) properties, more than the maximum \(limit)"))
        }
    }
}

struct DependentRequiredKeyword: Keyword {
    let site: KeywordSite
    let dependencies: [(String, [String])]

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .object(let o) = instance else { return }
        for (name, required) in dependencies where o[name] != nil {
            for r in required where o[r] == nil {
                result.violations.append(ev.violation(
                    site, "missing property \(JSONValue.string(r)), required when \(JSONValue.string(name)) is present"))
            }
        }
    }
}
