// Dialects and vocabularies. Like Helm's library, a schema without `$schema` is 2020-12 and
// `$schema` switches the dialect per schema resource. Draft-04/06 are read as draft-07 and
// 2019-09 as 2020-12 (the closest supported dialect; documented, not exact).

/// A JSON Schema dialect supported by the validator.
public enum Draft: String, Sendable, CaseIterable {
    case draft7 = "draft-07"
    case draft2020_12 = "2020-12"

    /// URI of the dialect's meta-schema.
    public var metaSchemaURI: String {
        switch self {
        case .draft7: return "http://json-schema.org/draft-07/schema"
        case .draft2020_12: return "https://json-schema.org/draft/2020-12/schema"
        }
    }

    /// Recognises a `$schema` value naming an official meta-schema (http or https,
    /// with or without an empty fragment), as Helm's library does without any network access.
    static func fromMetaSchemaURI(_ uri: String) -> Draft? {
        var u = uri
        if u.hasSuffix("#") { u.removeLast() }
        for prefix in ["https://", "http://"] where u.hasPrefix(prefix) {
            u.removeFirst(prefix.count)
        }
        switch u {
        case "json-schema.org/draft-07/schema", "json-schema.org/draft-06/schema",
            "json-schema.org/draft-04/schema":
            return .draft7
        case "json-schema.org/draft/2020-12/schema", "json-schema.org/draft/2019-09/schema",
            "json-schema.org/schema":
            return .draft2020_12
        default:
            return nil
        }
    }
}

/// The 2020-12 vocabularies, used to switch keyword families on and off when a custom
/// meta-schema declares `$vocabulary`.
struct Vocabularies: OptionSet, Hashable {
    let rawValue: Int
    static let core = Vocabularies(rawValue: 1 << 0)
    static let applicator = Vocabularies(rawValue: 1 << 1)
    static let unevaluated = Vocabularies(rawValue: 1 << 2)
    static let validation = Vocabularies(rawValue: 1 << 3)
    static let metaData = Vocabularies(rawValue: 1 << 4)
    static let formatAnnotation = Vocabularies(rawValue: 1 << 5)
    static let formatAssertion = Vocabularies(rawValue: 1 << 6)
    static let content = Vocabularies(rawValue: 1 << 7)

    /// What the official meta-schemas enable; format assertion is off in 2020-12 (annotation
    /// only, as in Helm) and on in draft-07 (Helm's library asserts known formats there).
    static func defaults(for draft: Draft) -> Vocabularies {
        switch draft {
        case .draft7: return [.core, .applicator, .validation, .metaData, .formatAssertion, .content]
        case .draft2020_12:
            return [.core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content]
        }
    }

    static let byURI: [String: Vocabularies] = [
        "https://json-schema.org/draft/2020-12/vocab/core": .core,
        "https://json-schema.org/draft/2020-12/vocab/applicator": .applicator,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": .unevaluated,
        "https://json-schema.org/draft/2020-12/vocab/validation": .validation,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": .metaData,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": .formatAnnotation,
        "https://json-schema.org/draft/2020-12/vocab/format-assertion": .formatAssertion,
        "https://json-schema.org/draft/2020-12/vocab/content": .content,
        // 2019-09 names, read as their 2020-12 counterparts.
        "https://json-schema.org/draft/2019-09/vocab/core": .core,
        "https://json-schema.org/draft/2019-09/vocab/applicator": [.applicator, .unevaluated],
        "https://json-schema.org/draft/2019-09/vocab/validation": .validation,
        "https://json-schema.org/draft/2019-09/vocab/meta-data": .metaData,
        "https://json-schema.org/draft/2019-09/vocab/format": .formatAnnotation,
        "https://json-schema.org/draft/2019-09/vocab/content": .content,
    ]
}

/// Dialect in force for one schema resource.
struct Dialect: Hashable {
    var draft: Draft
    var vocabularies: Vocabularies

    init(draft: Draft, vocabularies: Vocabularies? = nil) {
        self.draft = draft
        self.vocabularies = vocabularies ?? Vocabularies.defaults(for: draft)
    }

    func has(_ v: Vocabularies) -> Bool { vocabularies.contains(v) }
}
