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

        public init(defaultDraft: Draft = .draft2020_12, regexTimeLimit: Double = 0.5, maxEvaluationDepth: Int = 300) {
            self.defaultDraft = defaultDraft
            self.regexTimeLimit = regexTimeLimit
            self.maxEvaluationDepth = maxEvaluationDepth
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
        let compiler = SchemaCompiler(registry: registry, regexTimeLimit: options.regexTimeLimit)
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

    /// All violations of `instance`, in schema order; empty when the instance is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        let ev = Evaluator(maxDepth: options.maxEvaluationDepth, dynamicAnchors: dynamicAnchors)
        return ev.evaluate(root, instance).violations
    }

    /// True when `instance` satisfies the schema.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }
}
