// Turns schema JSON into SchemaNode graphs, eagerly: every subschema and every `$ref`
// target is compiled at validator init, so a reference that resolves nowhere or a regex
// that does not compile is reported before any value is validated (Helm's library also
// resolves references at compile time). A worklist instead of recursion keeps deep `$ref`
// chains off the call stack; nodes are memoised by location, so cycles just link up.

final class SchemaCompiler {
    let registry: SchemaRegistry
    let regexTimeLimit: Double
    /// Overrides the dialect's format-assertion setting when non-nil.
    let formatAssertion: Bool?
    private(set) var nodes: [SchemaLocation: SchemaNode] = [:]
    private var pending: [SchemaNode] = []

    init(registry: SchemaRegistry, regexTimeLimit: Double, formatAssertion: Bool?) {
        self.registry = registry
        self.regexTimeLimit = regexTimeLimit
        self.formatAssertion = formatAssertion
    }

    /// The node for a location, created (and queued for compilation) on first request.
    func node(at location: SchemaLocation) -> SchemaNode {
        if let n = nodes[location] { return n }
        let info = registry.scanned[location]
        let n = SchemaNode(location: location, absoluteLocation: registry.absoluteLocation(location),
                           resource: info?.resource ?? registry.documentURI(location))
        nodes[location] = n
        pending.append(n)
        return n
    }

    /// Compiles every queued node, and then every dynamic anchor of every loaded resource
    /// (a `$dynamicRef` may land on any of them at run time), until nothing is left.
    func run() throws {
        while true {
            while let n = pending.popLast() { try fill(n) }
            var added = false
            for loc in registry.allDynamicAnchorLocations where nodes[loc] == nil {
                _ = node(at: loc)
                added = true
            }
            if !added { return }
        }
    }

    /// Dynamic anchors of all resources, as compiled nodes.
    func dynamicAnchorNodes() -> [String: [String: SchemaNode]] {
        var out: [String: [String: SchemaNode]] = [:]
        for (resource, anchors) in registry.dynamicAnchors {
            for (name, loc) in anchors {
                if let n = nodes[loc] { out[resource, default: [:]][name] = n }
            }
        }
        return out
    }

    private func fill(_ node: SchemaNode) throws {
        let loc = node.location
        guard let value = registry.value(at: loc), let info = registry.scanned[loc] else {
            throw SchemaError(kind: .ref, schemaLocation: node.absoluteLocation, message: "no schema at this location")
        }
        switch value {
        case .bool(let b):
            node.booleanValue = b
        case .object(let object):
            let c = KeywordContext(compiler: self, location: loc, object: object, info: info,
                                   documentURI: registry.documentURI(loc))
            node.keywords = try KeywordFamilies.compile(c)
        default:
            throw SchemaError(kind: .invalid, schemaLocation: node.absoluteLocation,
                              message: "a schema must be an object or a boolean, not \(value.typeName)")
        }
    }
}

/// What a keyword family sees while compiling one schema object.
struct KeywordContext {
    let compiler: SchemaCompiler
    let location: SchemaLocation
    let object: JSONObject
    let info: SchemaRegistry.ScanInfo
    let documentURI: String

    var dialect: Dialect { info.dialect }
    var draft: Draft { info.dialect.draft }

    subscript(_ keyword: String) -> JSONValue? { object[keyword] }

    func site(_ keyword: String) -> KeywordSite {
        let p = location.pointer + "/" + JSONPointer.escape(keyword)
        return KeywordSite(keyword: keyword, pointer: p, absolute: documentURI + "#" + p)
    }

    func invalid(_ keyword: String, _ message: String) -> SchemaError {
        SchemaError(kind: .invalid, schemaLocation: site(keyword).absolute, message: "\(keyword): \(message)")
    }

    /// The compiled subschema at keyword/tokens...
    func subschema(_ keyword: String, _ tokens: String...) throws -> SchemaNode {
        var loc = location.appending(keyword)
        for t in tokens { loc = loc.appending(t) }
        guard let v = compiler.registry.value(at: loc) else { throw invalid(keyword, "missing subschema") }
        switch v {
        case .object, .bool: break
        default: throw invalid(keyword, "expected a schema (object or boolean), found \(v.typeName)")
        }
        return compiler.node(at: loc)
    }

    /// Subschemas of an array-valued keyword (allOf, prefixItems, ...).
    func subschemaArray(_ keyword: String) throws -> [SchemaNode]? {
        guard let v = object[keyword] else { return nil }
        guard case .array(let a) = v else { throw invalid(keyword, "expected an array of schemas") }
        return try a.indices.map { try subschema(keyword, String($0)) }
    }

    /// Subschemas of an object-valued keyword (properties, $defs, ...), in order.
    func subschemaMap(_ keyword: String) throws -> [(String, SchemaNode)]? {
        guard let v = object[keyword] else { return nil }
        guard case .object(let o) = v else { throw invalid(keyword, "expected an object of schemas") }
        return try o.members.map { ($0.key, try subschema(keyword, $0.key)) }
    }

    func resolveReference(_ keyword: String) throws -> (String, SchemaNode)? {
        guard let v = object[keyword] else { return nil }
        guard case .string(let ref) = v else { throw invalid(keyword, "expected a URI-reference string") }
        let target = try compiler.registry.resolve(ref, from: location, keyword: keyword)
        return (ref, compiler.node(at: target))
    }

    func number(_ keyword: String) throws -> JSONNumber? {
        guard let v = object[keyword] else { return nil }
        guard case .number(let n) = v else { throw invalid(keyword, "expected a number, found \(v.typeName)") }
        return n
    }

    /// A non-negative integer keyword (minLength, maxItems, ...). Values past Int.max clamp.
    func count(_ keyword: String) throws -> Int? {
        guard let n = try number(keyword) else { return nil }
        guard n.isInteger, !n.isNegative else { throw invalid(keyword, "expected a non-negative integer, found \(n)") }
        return n.intValue ?? Int.max
    }

    func regex(_ pattern: String, keyword: String) throws -> ECMARegex {
        do {
            return try ECMARegex(pattern, timeLimit: compiler.regexTimeLimit)
        } catch {
            throw SchemaError(kind: .regex, schemaLocation: site(keyword).absolute,
                              message: "invalid regular expression \"\(pattern)\" in \(keyword): \(error)")
        }
    }
}

/// The keyword families, in evaluation order. Unevaluated* must come last: they read the
/// annotations of every other keyword of the same schema object.
enum KeywordFamilies {
    static func compile(_ c: KeywordContext) throws -> [any Keyword] {
        // draft-07: a `$ref` makes every sibling keyword ignored.
        if c.draft == .draft7, c["$ref"] != nil {
            return try ReferenceKeywords.compile(c)
        }
        var out: [any Keyword] = []
        out += try ReferenceKeywords.compile(c)
        if c.dialect.has(.applicator) {
            out += try CombinatorKeywords.compile(c)
            out += try ObjectApplicatorKeywords.compile(c)
            out += try ArrayApplicatorKeywords.compile(c)
        }
        if c.dialect.has(.validation) {
            out += try GenericKeywords.compile(c)
            out += try NumericKeywords.compile(c)
            out += try StringKeywords.compile(c)
            out += try ArrayValidationKeywords.compile(c)
            out += try ObjectValidationKeywords.compile(c)
        }
        if c.compiler.formatAssertion ?? c.dialect.has(.formatAssertion) {
            out += try FormatKeyword.compile(c)
        }
        if c.draft == .draft2020_12, c.dialect.has(.unevaluated) {
            out += try UnevaluatedKeywords.compile(c)
        }
        return out
    }
}
