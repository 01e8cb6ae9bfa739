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

    init(maxDepth: Int, dynamicAnchors: [String: [String: SchemaNode]]) {
        self.maxDepth = maxDepth
        self.dynamicAnchors = dynamicAnchors
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
        if let b = node.booleanValue {
            if !b {
                result.violations.append(SchemaViolation(
                    instancePath: instancePath, keyword: "false", schemaPath: node.pointer,
                    schemaLocation: node.absoluteLocation, message: "no value is allowed here (the schema is false)"))
            }
            return result
        }
        if depth >= maxDepth {
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
            var r = NodeResult()
            r.violations.append(violation(
                site, "infinite recursion: \(site.keyword) leads back to \(node.absoluteLocation) without moving into the value"))
            return r
        }
        defer { activeReferences.remove(key) }
        return evaluate(node, instance)
    }

    /// The outermost schema resource in the dynamic scope that declares `$dynamicAnchor: name`.
    func dynamicTarget(named name: String) -> SchemaNode? {
        for resource in dynamicScope {
            if let n = dynamicAnchors[resource]?[name] { return n }
        }
        return nil
    }
}
