// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf — all exact (JSONNumber),
// so 0.3 is a multiple of 0.1 and 2^64 compares right. Non-numbers are ignored.

enum NumericKeywords {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        var out: [any Keyword] = []
        for kind in BoundKeyword.Kind.allCases {
            if let n = try c.number(kind.rawValue) {
                out.append(BoundKeyword(site: c.site(kind.rawValue), kind: kind, limit: n))
            }
        }
        if let n = try c.number("multipleOf") {
            guard !n.isNegative, !n.isZero else { throw c.invalid("multipleOf", "must be greater than 0") }
            out.append(MultipleOfKeyword(site: c.site("multipleOf"), divisor: n))
        }
        return out
    }
}

struct BoundKeyword: Keyword {
    enum Kind: String, CaseIterable {
        case minimum, maximum, exclusiveMinimum, exclusiveMaximum
    }

    let site: KeywordSite
    let kind: Kind
    let limit: JSONNumber

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .number(let n) = instance else { return }
        let message: String?
        switch kind {
        case .minimum: message = n < limit ? "value \(n) is less than the minimum \(limit)" : nil
        case .maximum: message = n > limit ? "value \(n) is greater than the maximum \(limit)" : nil
        case .exclusiveMinimum:
            message = n <= limit ? "value \(n) is not greater than the exclusive minimum \(limit)" : nil
        case .exclusiveMaximum:
            message = n >= limit ? "value \(n) is not less than the exclusive maximum \(limit)" : nil
        }
        if let message { result.violations.append(ev.violation(site, message)) }
    }
}

struct MultipleOfKeyword: Keyword {
    let site: KeywordSite
    let divisor: JSONNumber

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .number(let n) = instance else { return }
        // Long division costs digits(value) × digits(divisor): charged to the budget first.
        let cost = (n.significand.count + 4 * divisor.significand.count + 4) * max(1, divisor.significand.count / 18)
        guard ev.spend(cost, at: site.absolute, pointer: site.pointer, on: "evaluation steps"), !n.isMultiple(of: divisor) else { return }
        result.violations.append(ev.violation(site, "value \(n) is not a multiple of \(divisor)"))
    }
}
