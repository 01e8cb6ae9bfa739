// What validation reports. Instances are located by JSON Pointer (what a YAML front end
// maps back to file/line), schema keywords by a pointer into the schema document that
// holds them plus the absolute URI form, so an error inside a `$ref`'d file names that file.

/// One way in which an instance fails its schema.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// JSON Pointer to the offending value in the instance ("" is the root), e.g. `/connect/replicas`.
    public let instancePath: String
    /// The schema keyword that failed, e.g. `maximum`, `required`, `$ref`.
    public let keyword: String
    /// JSON Pointer to the keyword inside the schema document that contains it, e.g.
    /// `/properties/connect/properties/replicas/maximum`.
    public let schemaPath: String
    /// Absolute keyword location: the schema document's URI plus `schemaPath` as fragment,
    /// e.g. `file:///values.schema.json#/properties/replicas/maximum`.
    public let schemaLocation: String
    /// Readable English sentence, e.g. `value 7 is greater than the maximum 5`.
    public let message: String
    /// For `anyOf`, `oneOf`, `contains`, `propertyNames`: why each alternative failed.
    public let causes: [SchemaViolation]

    public init(
        instancePath: String, keyword: String, schemaPath: String, schemaLocation: String, message: String,
        causes: [SchemaViolation] = []
    ) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.schemaPath = schemaPath
        self.schemaLocation = schemaLocation
        self.message = message
        self.causes = causes
    }

    /// `at '/a/b': message` (Helm's shape), causes indented below.
    public var description: String {
        var out = "at '\(instancePath)': \(message)"
        for c in causes {
            out += "\n" + c.description.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
        }
        return out
    }
}

/// A problem in the schema itself, found while preparing the validator.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A `$ref`, `$dynamicRef` or `$schema` that names nothing among the supplied resources.
        case ref = "schema.ref"
        /// A `pattern` / `patternProperties` regular expression that cannot be compiled.
        case regex = "schema.regex"
        /// A keyword with a value of the wrong shape, or a schema nested too deeply.
        case invalid = "schema.invalid"
    }

    public let kind: Kind
    /// Absolute location of the offending keyword, e.g. `file:///values.schema.json#/properties/a/$ref`.
    public let schemaLocation: String
    public let message: String

    public init(kind: Kind, schemaLocation: String, message: String) {
        self.kind = kind
        self.schemaLocation = schemaLocation
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message) (at \(schemaLocation))" }
}
