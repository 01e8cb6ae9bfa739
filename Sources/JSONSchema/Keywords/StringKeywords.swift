// minLength, maxLength (counted in Unicode code points, as the spec says — not UTF-16 units
// and not grapheme clusters) and pattern (ECMA-262, time-bounded; see ECMARegex).

enum StringKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        if let n = try c.count("minLength") { out.append(LengthKeyword(site: c.site("minLength"), isMinimum: true, limit: n)) }
        if let n = try c.count("maxLength") { out.append(LengthKeyword(site: c.site("maxLength"), isMinimum: false, limit: n)) }
        if let p = c["pattern"] {
            guard case .string(let pattern) = p else { throw c.invalid("pattern", "expected a string") }
            out.append(PatternKeyword(site: c.site("pattern"), regex: try c.regex(pattern, keyword: "pattern")))
        }
        return out
    }
}

struct LengthKeyword: Keyword {
    let site: KeywordSite
    let isMinimum: Bool
    let limit: Int

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .string(let s) = instance else { return }
        let length = s.unicodeScalars.count
        if isMinimum, length < limit {
            result.violations.append(ev.violation(
                site, "string \(instance.shortDescription) is \(length) characters long, shorter than the minimum length \(limit)"))
        } else if !isMinimum, length > limit {
            result.violations.append(ev.violation(
                site, "string \(instance.shortDescription) is \(length) characters long, longer than the maximum length \(limit)"))
        }
    }
}

struct PatternKeyword: Keyword {
    let site: KeywordSite
    let regex: ECMARegex

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .string(let s) = instance else { return }
        switch ev.test(regex, s, site: site) {
        case .match: return
        case .noMatch:
            result.violations.append(ev.violation(
                site, "string \(instance.shortDescription) does not match the pattern \(JSONValue.string(regex.pattern))"))
        case .timedOut:
            result.violations.append(ev.violation(site, regexTimeoutMessage(regex, instance)))
        }
    }
}

func regexTimeoutMessage(_ regex: ECMARegex, _ instance: JSONValue) -> String {
    "pattern \(JSONValue.string(regex.pattern)) took longer than \(regex.timeLimit) s on \(instance.shortDescription) "
        + "(catastrophic backtracking?); the value is treated as not matching"
}
