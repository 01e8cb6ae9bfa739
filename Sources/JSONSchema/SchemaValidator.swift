// Public entry point. Usage:
//
//     let schema = try JSONParser.parse(schemaText)
//     let validator = try SchemaValidator(schema: schema)          // throws SchemaError
//     let violations = validator.validate(try JSONParser.parse(valuesJSON))
//
// Like Helm (v3.19+, v4), a schema without `$schema` is 2020-12 and its base URI is
// `file:///values.schema.json`. References resolve only within the schema, the caller's
// `resources` (URI -> schema JSON, e.g. a chart's other schema files) and the embedded
// official meta-schemas; nothing is ever fetched.

/// A compiled JSON Schema (draft-07 or 2020-12) that validates JSON values.
/// Immutable after init; safe to share between threads.
public struct SchemaValidator: Sendable {
    public struct Options: Sendable {
        /// Dialect for schemas without `$schema` (Helm: 2020-12).
        public var defaultDraft: Draft = .draft2020_12
        /// Wall-clock limit for one regular-expression match, in seconds. A match that runs
        /// longer is reported as a violation (the value is treated as not matching).
        public var regexTimeLimit: Double = 0.5
        /// Maximum nesting of schema evaluations (deep instances or long `$ref` chains)
        /// before evaluation stops with a violation instead of exhausting the stack.
        public var maxEvaluationDepth: Int = 300
        /// Check the schema against its dialect's official meta-schema first, as Helm does
        /// (a schema Helm would reject as "not valid against metaschema" is rejected here too).
        public var validateSchema: Bool = true
        /// nil (default) follows the dialect as Helm does: `format` asserts in draft-07 and only
        /// annotates in 2020-12. true/false forces assertion on or off everywhere.
        public var formatAssertion: Bool? = nil
        /// Work allowed for one `validate` call (one file against one chart): evaluation
        /// steps, and seconds of regular-expression matching in total. Past either, the
        /// call returns a single `budget` violation naming the schema location.
        public var workBudget: Int = 1_000_000
        public var regexBudget: Double = 2

        public init(defaultDraft: Draft = .draft2020_12, regexTimeLimit: Double = 0.5, maxEvaluationDepth: Int = 300,
                    validateSchema: Bool = true, formatAssertion: Bool? = nil) {
            self.formatAssertion = formatAssertion
            self.defaultDraft = defaultDraft
            self.regexTimeLimit = regexTimeLimit
            self.maxEvaluationDepth = maxEvaluationDepth
            self.validateSchema = validateSchema
        }
    }

    private let root: SchemaNode
    private let dynamicAnchors: [String: [String: SchemaNode]]
    private let options: Options
    /// The dialect of the root schema resource.
    public let draft: Draft

    /// Compiles `schema`. Throws `SchemaError` for an unresolvable reference (`schema.ref`),
    /// an invalid regular expression (`schema.regex`) or a malformed keyword (`schema.invalid`).
    /// - Parameters:
    ///   - baseURI: the schema's retrieval URI, against which relative `$id`/`$ref` resolve.
    ///   - resources: other schema documents by URI (fragment ignored), for `$ref`s that leave
    ///     the schema. Their `$id`s are honoured too.
    public init(
        schema: JSONValue, baseURI: String = "file:///values.schema.json", resources: [String: JSONValue] = [:],
        options: Options = Options()
    ) throws {
        let registry = SchemaRegistry(resources: resources, defaultDraft: options.defaultDraft)
        let rootLocation = try registry.addDocument(uri: baseURI, root: schema)
        if options.validateSchema, let dialect = registry.scanned[rootLocation]?.dialect,
           dialect == Dialect(draft: dialect.draft), let meta = SchemaValidator.metaValidator(dialect.draft) {
            let problems = meta.validate(schema)
            if let first = problems.first {
                throw SchemaError(
                    kind: .invalid, schemaLocation: URIReference.splitFragment(baseURI).0 + "#" + first.instancePath,
                    message: "the schema is not valid against the \(dialect.draft.rawValue) meta-schema: \(first.message)"
                        + (first.causes.isEmpty ? "" : " (" + first.causes.prefix(3).map(\.message).joined(separator: "; ") + ")")
                        + (problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""))
            }
        }
        let compiler = SchemaCompiler(registry: registry, regexTimeLimit: options.regexTimeLimit, formatAssertion: options.formatAssertion)
        root = compiler.node(at: rootLocation)
        try compiler.run()
        dynamicAnchors = compiler.dynamicAnchorNodes()
        self.options = options
        draft = registry.scanned[rootLocation]?.dialect.draft ?? options.defaultDraft
    }

    /// Convenience: parses the schema text first (throws JSONParseError or SchemaError).
    public init(schemaText: String, baseURI: String = "file:///values.schema.json",
                resources: [String: JSONValue] = [:], options: Options = Options()) throws {
        try self.init(schema: try JSONParser.parse(schemaText), baseURI: baseURI, resources: resources, options: options)
    }

    private static let draft7Meta = makeMetaValidator(.draft7)
    private static let draft2020Meta = makeMetaValidator(.draft2020_12)

    private static func makeMetaValidator(_ draft: Draft) -> SchemaValidator? {
        guard let text = MetaSchemas.byURI[draft.metaSchemaURI], let schema = try? JSONParser.parse(text) else { return nil }
        // The meta-schemas are fixed and their cost grows with the schema's
        // size alone, so checking a schema is not held to a values file's budget.
        var options = Options(defaultDraft: draft, validateSchema: false)
        options.workBudget = .max
        options.regexBudget = .infinity
        return try? SchemaValidator(schema: schema, baseURI: draft.metaSchemaURI, options: options)
    }

    /// The compiled official meta-schema of a dialect (built once, shared).
    static func metaValidator(_ draft: Draft) -> SchemaValidator? {
        switch draft {
        case .draft7: return draft7Meta
        case .draft2020_12: return draft2020Meta
        }
    }

    /// All violations of `instance`, in schema order; empty when the instance is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        let ev = Evaluator(maxDepth: options.maxEvaluationDepth, dynamicAnchors: dynamicAnchors,
                           steps: options.workBudget, regexSeconds: options.regexBudget)
        let violations = ev.evaluate(root, instance).violations
        if let exhausted = ev.exhaustionViolation() { return [exhausted] }
        return violations
    }

    /// Steps `validate(instance)` spends (for benchmarks: how far below the budget a file is).
    public func cost(of instance: JSONValue) -> Int {
        let ev = Evaluator(maxDepth: options.maxEvaluationDepth, dynamicAnchors: dynamicAnchors,
                           steps: options.workBudget, regexSeconds: options.regexBudget)
        _ = ev.evaluate(root, instance)
        return options.workBudget - max(ev.budget.steps, 0)
    }

    /// True when `instance` satisfies the schema.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }
}
