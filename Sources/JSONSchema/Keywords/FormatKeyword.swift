// `format`. Helm's library asserts formats in draft-07 (and draft-04/06) and treats them as
// annotations only in 2019-09/2020-12 unless a meta-schema enables the format-assertion
// vocabulary; this keyword is therefore compiled only when `.formatAssertion` is on
// (see Vocabularies.defaults). Unknown format names — idn-email and idn-hostname included,
// as in Helm — are ignored. The checkers themselves live in Formats.swift.

enum FormatKeyword {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        guard let f = c["format"] else { return [] }
        guard case .string(let name) = f else { throw c.invalid("format", "expected a string") }
        guard let checker = Formats.checker(named: name, draft: c.draft, regexTimeLimit: c.compiler.regexTimeLimit) else {
            return []
        }
        return [FormatAssertion(site: c.site("format"), name: name, check: checker)]
    }
}

struct FormatAssertion: Keyword {
    let site: KeywordSite
    let name: String
    /// Returns nil when valid, else the reason.
    let check: @Sendable (String) -> String?

    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult) {
        guard case .string(let s) = instance, let reason = check(s) else { return }
        result.violations.append(ev.violation(
            site, "string \(instance.shortDescription) is not a valid \(name): \(reason)"))
    }
}
