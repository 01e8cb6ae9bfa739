import Foundation

// The evaluation engine: compiled schema nodes, the keyword protocol, and the per-call
// evaluator state (instance path, dynamic scope, recursion guards).
//
// Annotations: `unevaluatedProperties` / `unevaluatedItems` need to know which properties
// and items adjacent keywords (and valid in-place subschemas: allOf, anyOf, oneOf, if/then/
// else, dependentSchemas, $ref, $dynamicRef) evaluated. Each node evaluation therefore
// returns, besides its violations, the set of evaluated property names and item indices;
// in-place applicators merge them from their valid subschemas only.

/// Where a keyword sits, for violations.
struct KeywordSite {
    let keyword: String
    /// JSON Pointer of the keyword inside its document.
    let pointer: String
    /// Absolute keyword location: document URI + "#" + pointer.
    let absolute: String
}

/// One compiled keyword of a schema object.
protocol Keyword {
    func evaluate(_ instance: JSONValue, _ ev: Evaluator, _ result: inout NodeResult)
}

/// The outcome of evaluating one schema node against one instance value.
struct NodeResult {
    var violations: [SchemaViolation] = []
    /// Property names evaluated by this node and its valid in-place subschemas.
    var evaluatedProperties: Set<String> = []
    /// Items [0, evaluatedPrefix) were evaluated (prefixItems / draft-07 array items).
    var evaluatedPrefix = 0
    /// All items were evaluated (items, additionalItems, unevaluatedItems).
    var allItemsEvaluated = false
    /// Individual items evaluated (contains).
    var evaluatedIndices: Set<Int> = []

    var isValid: Bool { violations.isEmpty }

    mutating func mergeAnnotations(_ other: NodeResult) {
        evaluatedProperties.formUnion(other.evaluatedProperties)
        evaluatedPrefix = max(evaluatedPrefix, other.evaluatedPrefix)
        allItemsEvaluated = allItemsEvaluated || other.allItemsEvaluated
        evaluatedIndices.formUnion(other.evaluatedIndices)
    }

    func isItemEvaluated(_ i: Int) -> Bool {
        allItemsEvaluated || i < evaluatedPrefix || evaluatedIndices.contains(i)
    }
}

/// A compiled schema (object or boolean). Filled once at validator init, immutable after.
final class SchemaNode: @unchecked Sendable {
    let location: SchemaLocation
    let absoluteLocation: String
    let pointer: String
    /// Canonical URI of the schema resource this node belongs to (dynamic scope).
    let resource: String
    var booleanValue: Bool?
    var keywords: [any Keyword] = []

    init(location: SchemaLocation, absoluteLocation: String, resource: String) {
        self.location = location
        self.absoluteLocation = absoluteLocation
        self.pointer = location.pointer
        self.resource = resource
    }
}

/// The work one `validate` call may do (issue 17): evaluation steps (one per
/// schema node entered and per unit of keyword work such as a digit of long
/// division or an item hashed) and seconds of regular-expression matching.
/// Once spent, evaluation unwinds at once and the call reports one violation
/// naming the schema location where the budget ran out.
struct WorkBudget {
    var steps: Int
    var regexSeconds: Double
    /// Where the budget ran out, and on what.
    var exhausted: (location: String, pointer: String, instancePath: String, what: String)?
}

/// Mutable state of one `validate` call.
final class Evaluator {
    /// Instance path tokens of the value being evaluated.
    private(set) var path: [String] = []
    /// Schema resources entered, outermost first (for `$dynamicRef`).
    private(set) var dynamicScope: [String] = []
    /// (node, instance depth) pairs of `$ref`s being evaluated: re-entering one means the
    /// schema recurses without consuming the instance, i.e. an infinite loop.
    private var activeReferences: Set<ActiveReference> = []
    private var depth = 0
    let maxDepth: Int
    let dynamicAnchors: [String: [String: SchemaNode]]

    struct ActiveReference: Hashable {
        let node: ObjectIdentifier
        let instanceDepth: Int
    }

    var budget: WorkBudget
    let initialSteps: Int
    let initialRegexSeconds: Double
    /// Results of `$ref` targets by (node, instance location): the same
    /// subschema reached again through other references is not evaluated
    /// again, which keeps nested anyOf/allOf through `$ref`s polynomial.
    /// Sound because the instance at a location is fixed during one call,
    /// results do not depend on the dynamic scope when the schema has no
    /// `$dynamicAnchor`, and results that met the depth limit or the
    /// recursion guard (which depend on the path taken) are not stored.
    private var memo: [MemoKey: NodeResult] = [:]
    private let memoise: Bool
    /// Counts depth-limit and recursion-guard outcomes, to know which results depend on the path.
    private var contextual = 0

    struct MemoKey: Hashable {
        let node: ObjectIdentifier
        let instancePath: String
        /// Property names are evaluated at their property's path: a string
        /// instance is part of the key.
        let string: String?
    }

    init(maxDepth: Int, dynamicAnchors: [String: [String: SchemaNode]], steps: Int = .max, regexSeconds: Double = .infinity) {
        self.maxDepth = maxDepth
        self.dynamicAnchors = dynamicAnchors
        budget = WorkBudget(steps: steps, regexSeconds: regexSeconds)
        initialSteps = steps
        initialRegexSeconds = regexSeconds
        memoise = dynamicAnchors.isEmpty
    }

    var isExhausted: Bool { budget.exhausted != nil }

    /// Spends `steps` units of work at `location`; false once the budget is gone.
    @discardableResult
    func spend(_ steps: Int, at location: String, pointer: String, on what: @autoclosure () -> String) -> Bool {
        guard budget.exhausted == nil else { return false }
        budget.steps -= steps
        if budget.steps < 0 {
            budget.exhausted = (location, pointer, instancePath, what())
            return false
        }
        return true
    }

    /// Matches `regex` within the time left for this call.
    func test(_ regex: ECMARegex, _ string: String, site: KeywordSite) -> ECMARegex.Outcome {
        guard spend(1, at: site.absolute, pointer: site.pointer, on: "evaluation steps") else { return .noMatch }
        let limit = min(regex.timeLimit, budget.regexSeconds)
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = regex.test(string, limit: limit)
        budget.regexSeconds -= Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if budget.regexSeconds <= 0 && budget.exhausted == nil {
            budget.exhausted = (site.absolute, site.pointer, instancePath, "seconds of regular-expression matching")
        }
        return outcome
    }

    /// The single violation reported when the budget ran out.
    func exhaustionViolation() -> SchemaViolation? {
        guard let spent = budget.exhausted else { return nil }
        let limit = spent.what.hasPrefix("seconds") ? "\(initialRegexSeconds) \(spent.what)" : "\(initialSteps) \(spent.what)"
        return SchemaViolation(
            instancePath: spent.instancePath, keyword: "budget", schemaPath: spent.pointer, schemaLocation: spent.location,
            message: "validation stopped at \(spent.location): it needed more than the budget of \(limit) for one file against one chart "
                + "(nested anyOf/allOf/oneOf through $ref, a backtracking pattern or very large values); simplify the schema or the values")
    }

    var instancePath: String { JSONPointer.join(path) }

    func violation(_ site: KeywordSite, _ message: String, causes: [SchemaViolation] = [],
                   extraPath: String? = nil) -> SchemaViolation {
        var p = instancePath
        if let extraPath { p += "/" + JSONPointer.escape(extraPath) }
        return SchemaViolation(instancePath: p, keyword: site.keyword, schemaPath: site.pointer,
                               schemaLocation: site.absolute, message: message, causes: causes)
    }

    /// Evaluates `node` against `instance` at the current instance path.
    func evaluate(_ node: SchemaNode, _ instance: JSONValue) -> NodeResult {
        var result = NodeResult()
        guard spend(1 + node.keywords.count, at: node.absoluteLocation, pointer: node.pointer, on: "evaluation steps") else { return result }
        if let b = node.booleanValue {
            if !b {
                result.violations.append(SchemaViolation(
                    instancePath: instancePath, keyword: "false", schemaPath: node.pointer,
                    schemaLocation: node.absoluteLocation, message: "no value is allowed here (the schema is false)"))
            }
            return result
        }
        if depth >= maxDepth {
            contextual += 1
            result.violations.append(SchemaViolation(
                instancePath: instancePath, keyword: "$ref", schemaPath: node.pointer,
                schemaLocation: node.absoluteLocation,
                message: "schema evaluation nested deeper than \(maxDepth) levels; giving up here"))
            return result
        }
        depth += 1
        let enteredResource = dynamicScope.last != node.resource
        if enteredResource { dynamicScope.append(node.resource) }
        for k in node.keywords { k.evaluate(instance, self, &result) }
        if enteredResource { dynamicScope.removeLast() }
        depth -= 1
        return result
    }

    /// Evaluates a child value (array item or property) one level down the instance path.
    func evaluate(_ node: SchemaNode, _ instance: JSONValue, at token: String) -> NodeResult {
        path.append(token)
        defer { path.removeLast() }
        return evaluate(node, instance)
    }

    /// Evaluates a `$ref`/`$dynamicRef` target, refusing to loop forever.
    func evaluateReference(_ node: SchemaNode, _ instance: JSONValue, site: KeywordSite) -> NodeResult {
        let key = ActiveReference(node: ObjectIdentifier(node), instanceDepth: path.count)
        guard activeReferences.insert(key).inserted else {
            contextual += 1
            var r = NodeResult()
            r.violations.append(violation(
                site, "infinite recursion: \(site.keyword) leads back to \(node.absoluteLocation) without moving into the value"))
            return r
        }
        defer { activeReferences.remove(key) }
        guard memoise else { return evaluate(node, instance) }
        var string: String?
        if case .string(let s) = instance { string = s }
        let memoKey = MemoKey(node: ObjectIdentifier(node), instancePath: instancePath, string: string)
        if let known = memo[memoKey] { return known }
        let before = contextual
        let result = evaluate(node, instance)
        if contextual == before && !isExhausted { memo[memoKey] = result }
        return result
    }

    /// The outermost schema resource in the dynamic scope that declares `$dynamicAnchor: name`.
    func dynamicTarget(named name: String) -> SchemaNode? {
        for resource in dynamicScope {
            if let n = dynamicAnchors[resource]?[name] { return n }
        }
        return nil
    }
}
