// Where schemas live and how URIs find them. Documents come from three places only: the
// root schema, the caller's in-memory resources, and the embedded meta-schemas. There is no
// network or file access: a URI found in none of them is a `schema.ref` error.
//
// Each document is scanned once, following only keywords that hold subschemas (an `$id`
// inside `enum` or an unknown keyword is data, not an identifier), to record for every
// schema location its base URI, its dialect and its resource, plus `$id`, `$anchor` and
// `$dynamicAnchor` targets.

/// A schema location: document number and JSON Pointer within that document.
struct SchemaLocation: Hashable {
    var document: Int
    var pointer: String

    func appending(_ tokens: String...) -> SchemaLocation {
        var p = pointer
        for t in tokens { p += "/" + JSONPointer.escape(t) }
        return SchemaLocation(document: document, pointer: p)
    }
}

final class SchemaRegistry {
    struct Document {
        let uri: String
        let root: JSONValue
    }

    /// What scanning learned about one schema location.
    struct ScanInfo {
        /// Base URI for resolving references here (no fragment).
        let base: String
        let dialect: Dialect
        /// Canonical URI of the enclosing schema resource (for the dynamic scope).
        let resource: String
    }

    private(set) var documents: [Document] = []
    private var resources: [String: SchemaLocation] = [:]
    private var anchors: [String: SchemaLocation] = [:]
    /// resource URI -> dynamic anchor name -> location
    private(set) var dynamicAnchors: [String: [String: SchemaLocation]] = [:]
    private(set) var scanned: [SchemaLocation: ScanInfo] = [:]
    private let external: [String: JSONValue]
    private let defaultDialect: Dialect
    /// Guards against `$schema` chains that refer to each other.
    private var dialectsInProgress: Set<String> = []

    static let maxScanDepth = 1000

    init(resources: [String: JSONValue], defaultDraft: Draft) {
        var ext: [String: JSONValue] = [:]
        for (k, v) in resources { ext[URIReference.splitFragment(k).0] = v }
        external = ext
        defaultDialect = Dialect(draft: defaultDraft)
    }

    func value(at location: SchemaLocation) -> JSONValue? {
        guard location.document < documents.count, let tokens = JSONPointer.tokens(location.pointer) else { return nil }
        return JSONPointer.resolve(tokens, in: documents[location.document].root)
    }

    func documentURI(_ location: SchemaLocation) -> String {
        location.document < documents.count ? documents[location.document].uri : ""
    }

    func absoluteLocation(_ location: SchemaLocation) -> String {
        documentURI(location) + "#" + location.pointer
    }

    /// Adds a document retrieved from `uri` and scans it. `inherited` is the dialect used when
    /// the document has no `$schema`.
    @discardableResult
    func addDocument(uri: String, root: JSONValue, inherited: Dialect? = nil) throws -> SchemaLocation {
        let retrieval = URIReference.splitFragment(uri).0
        let loc = SchemaLocation(document: documents.count, pointer: "")
        documents.append(Document(uri: retrieval, root: root))
        resources[retrieval] = loc
        try scan(loc, root, base: retrieval, dialect: inherited ?? defaultDialect, resource: retrieval, isDocumentRoot: true, depth: 0)
        return loc
    }

    // MARK: Scanning

    private func scan(
        _ loc: SchemaLocation, _ value: JSONValue, base inheritedBase: String, dialect inheritedDialect: Dialect,
        resource inheritedResource: String, isDocumentRoot: Bool, depth: Int
    ) throws {
        if depth > SchemaRegistry.maxScanDepth {
            throw SchemaError(kind: .invalid, schemaLocation: absoluteLocation(loc),
                              message: "schema nested deeper than \(SchemaRegistry.maxScanDepth) levels")
        }
        guard case .object(let o) = value else {
            if scanned[loc] == nil {
                scanned[loc] = ScanInfo(base: inheritedBase, dialect: inheritedDialect, resource: inheritedResource)
            }
            return
        }
        var base = inheritedBase
        var dialect = inheritedDialect
        var resource = inheritedResource
        let idValue = o["$id"]?.stringValue

        // `$schema` switches the dialect, but only where a schema resource starts.
        if let metaURI = o["$schema"]?.stringValue, isDocumentRoot || idValue != nil {
            dialect = try dialectFor(metaSchema: metaURI, at: loc, inherited: inheritedDialect)
        }
        // In draft-07 every sibling of `$ref` is ignored, `$id` included.
        let refHidesSiblings = dialect.draft == .draft7 && o["$ref"] != nil
        if let id = idValue, !refHidesSiblings {
            if dialect.draft == .draft7, id.hasPrefix("#") {
                // draft-07 location-independent identifier: "$id": "#name" is an anchor.
                anchors[base + id] = loc
            } else {
                let (uri, fragment) = URIReference.splitFragment(URIReference.resolve(id, against: base))
                base = uri
                resource = uri
                if resources[uri] == nil || !isDocumentRoot { resources[uri] = loc }
                if dialect.draft == .draft7, !fragment.isEmpty { anchors[uri + "#" + fragment] = loc }
            }
        }
        if dialect.draft == .draft2020_12 {
            if let name = o["$anchor"]?.stringValue { anchors[base + "#" + name] = loc }
            if let name = o["$dynamicAnchor"]?.stringValue {
                anchors[base + "#" + name] = loc
                dynamicAnchors[base, default: [:]][name] = loc
            }
        }
        scanned[loc] = ScanInfo(base: base, dialect: dialect, resource: resource)

        for (keyword, shape) in SchemaRegistry.subschemaKeywords(dialect.draft) {
            guard let child = o[keyword] else { continue }
            let childLoc = loc.appending(keyword)
            switch (shape, child) {
            case (.single, _), (.singleOrArray, .object), (.singleOrArray, .bool):
                try scan(childLoc, child, base: base, dialect: dialect, resource: resource, isDocumentRoot: false, depth: depth + 1)
            case (.array, .array(let items)), (.singleOrArray, .array(let items)):
                for (i, item) in items.enumerated() {
                    try scan(childLoc.appending(String(i)), item, base: base, dialect: dialect, resource: resource,
                             isDocumentRoot: false, depth: depth + 1)
                }
            case (.map, .object(let members)):
                for m in members {
                    // draft-07 `dependencies` mixes schemas and arrays of names.
                    if case .array = m.value { continue }
                    try scan(childLoc.appending(m.key), m.value, base: base, dialect: dialect, resource: resource,
                             isDocumentRoot: false, depth: depth + 1)
                }
            default:
                continue
            }
        }
    }

    enum Shape { case single, array, map, singleOrArray }

    /// Keywords whose values are (or contain) subschemas, per dialect.
    static func subschemaKeywords(_ draft: Draft) -> [(String, Shape)] {
        switch draft {
        case .draft7:
            return [
                ("definitions", .map), ("$defs", .map), ("properties", .map), ("patternProperties", .map),
                ("dependencies", .map), ("additionalProperties", .single), ("propertyNames", .single),
                ("items", .singleOrArray), ("additionalItems", .single), ("contains", .single),
                ("allOf", .array), ("anyOf", .array), ("oneOf", .array), ("not", .single),
                ("if", .single), ("then", .single), ("else", .single),
            ]
        case .draft2020_12:
            return [
                ("$defs", .map), ("definitions", .map), ("properties", .map), ("patternProperties", .map),
                ("dependentSchemas", .map), ("additionalProperties", .single), ("propertyNames", .single),
                ("unevaluatedProperties", .single), ("prefixItems", .array), ("items", .single),
                ("contains", .single), ("unevaluatedItems", .single), ("allOf", .array), ("anyOf", .array),
                ("oneOf", .array), ("not", .single), ("if", .single), ("then", .single), ("else", .single),
                ("contentSchema", .single),
            ]
        }
    }

    /// Dialect named by a `$schema` URI: an official meta-schema, or a custom meta-schema from
    /// the supplied resources whose `$vocabulary` selects keyword families.
    private func dialectFor(metaSchema uri: String, at loc: SchemaLocation, inherited: Dialect) throws -> Dialect {
        if let draft = Draft.fromMetaSchemaURI(uri) { return Dialect(draft: draft) }
        let key = URIReference.splitFragment(uri).0
        guard !dialectsInProgress.contains(key) else {
            throw SchemaError(kind: .ref, schemaLocation: absoluteLocation(loc.appending("$schema")),
                              message: "meta-schema \"\(uri)\" refers back to itself through $schema")
        }
        dialectsInProgress.insert(key)
        defer { dialectsInProgress.remove(key) }
        guard let metaLoc = try resourceLocation(key, inherited: inherited),
              case .object(let meta) = value(at: metaLoc) ?? .null,
              let metaInfo = scanned[metaLoc]
        else {
            throw SchemaError(kind: .ref, schemaLocation: absoluteLocation(loc.appending("$schema")),
                              message: "unknown meta-schema \"\(uri)\": it is not a supported draft and not among the supplied resources")
        }
        guard case .object(let vocab) = meta["$vocabulary"] ?? .null else {
            return metaInfo.dialect
        }
        var set: Vocabularies = [.core]
        for m in vocab {
            if let v = Vocabularies.byURI[m.key] {
                set.insert(v)
            } else if m.value.boolValue == true {
                throw SchemaError(kind: .invalid, schemaLocation: absoluteLocation(loc.appending("$schema")),
                                  message: "meta-schema \"\(uri)\" requires the unknown vocabulary \"\(m.key)\"")
            }
        }
        return Dialect(draft: metaInfo.dialect.draft, vocabularies: set)
    }

    // MARK: Resolution

    /// Root location of the resource with this URI (no fragment), loading it from the supplied
    /// resources or the embedded meta-schemas on first use; nil when it is nowhere.
    func resourceLocation(_ uri: String, inherited: Dialect? = nil) throws -> SchemaLocation? {
        if let loc = resources[uri] { return loc }
        var text: String?
        var value = external[uri]
        if value == nil {
            text = MetaSchemas.byURI[uri]
            if text == nil, uri.hasPrefix("https://json-schema.org/draft-07/") {
                text = MetaSchemas.byURI["http" + uri.dropFirst(5)]
            } else if text == nil, uri.hasPrefix("http://json-schema.org/draft/2020-12/") {
                text = MetaSchemas.byURI["https" + uri.dropFirst(4)]
            }
        }
        if value == nil, let text {
            value = try? JSONParser.parse(text)
        }
        guard let value else { return nil }
        try addDocument(uri: uri, root: value, inherited: inherited)
        return resources[uri]
    }

    /// Resolves a reference found at `from` to a schema location.
    func resolve(_ reference: String, from: SchemaLocation, keyword: String) throws -> SchemaLocation {
        guard let info = scanned[from] else {
            throw SchemaError(kind: .ref, schemaLocation: absoluteLocation(from.appending(keyword)),
                              message: "internal: location was not scanned")
        }
        let absolute = URIReference.resolve(reference, against: info.base)
        let (uri, fragment) = URIReference.splitFragment(absolute)
        func fail(_ why: String) -> SchemaError {
            SchemaError(kind: .ref, schemaLocation: absoluteLocation(from.appending(keyword)),
                        message: "cannot resolve \(keyword) \"\(reference)\" (\(absolute)): \(why)")
        }
        guard let root = try resourceLocation(uri, inherited: info.dialect) else {
            throw fail("no schema with that URI is among the supplied resources (references are never fetched)")
        }
        if fragment.isEmpty { return root }
        if fragment.hasPrefix("/") {
            guard let tokens = JSONPointer.tokens(URIReference.percentDecode(fragment)) else { throw fail("bad JSON Pointer") }
            var target = root
            for t in tokens { target = target.appending(t) }
            guard value(at: target) != nil else { throw fail("the JSON Pointer does not point at anything") }
            try ensureScanned(target)
            return target
        }
        if let loc = anchors[uri + "#" + fragment] { return loc }
        throw fail("no $anchor or $id named \"\(fragment)\" in that resource")
    }

    /// A pointer may land inside an unknown keyword that scanning skipped: scan it now with
    /// what the nearest scanned ancestor knows.
    private func ensureScanned(_ loc: SchemaLocation) throws {
        if scanned[loc] != nil { return }
        guard let tokens = JSONPointer.tokens(loc.pointer) else { return }
        var ancestor = SchemaLocation(document: loc.document, pointer: "")
        var info = scanned[ancestor]
        var current = ""
        for t in tokens.dropLast() {
            current += "/" + JSONPointer.escape(t)
            let l = SchemaLocation(document: loc.document, pointer: current)
            if let i = scanned[l] {
                ancestor = l
                info = i
            }
        }
        guard let info, let v = value(at: loc) else { return }
        try scan(loc, v, base: info.base, dialect: info.dialect, resource: info.resource, isDocumentRoot: false, depth: 0)
    }

    /// Every dynamic anchor location recorded so far.
    var allDynamicAnchorLocations: [SchemaLocation] {
        dynamicAnchors.values.flatMap { $0.values }
    }

    /// The `$dynamicAnchor` name declared at a location, if any.
    func dynamicAnchorName(at loc: SchemaLocation) -> String? {
        guard let info = scanned[loc], info.dialect.draft == .draft2020_12,
              let name = value(at: loc)?["$dynamicAnchor"]?.stringValue,
              dynamicAnchors[info.base]?[name] == loc
        else { return nil }
        return name
    }
}
