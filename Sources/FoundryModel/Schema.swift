/// A structural OpenAPI v3 schema, as CustomResourceDefinitions use, written once in Swift for
/// each kind. It is the single source of truth for three things: strict decoding (unknown
/// fields, types, enums, required fields), the CRDs in `crds/`, and the warnings for Metal3
/// fields Foundry accepts but does not act on yet.
public struct Schema: Sendable {
    public enum ValueType: String, Sendable {
        case string
        case integer
        case number
        case boolean
        case object
        case array
    }

    /// A string check that is both a regular expression (for the CRD) and a Swift predicate (for
    /// decoding), with the message a failure gives. Tests prove the two agree.
    public struct Pattern: Sendable {
        public var regex: String
        public var message: String
        public var matches: @Sendable (String) -> Bool

        public init(regex: String, message: String, matches: @escaping @Sendable (String) -> Bool) {
            self.regex = regex
            self.message = message
            self.matches = matches
        }
    }

    public var type: ValueType
    public var description: String?
    public var properties: [SchemaProperty] = []
    /// The schema of every value in a map (labels, Secret data); empty when not a map.
    public var additionalProperties: [Schema] = []
    /// The schema of array items; empty when not an array.
    public var items: [Schema] = []
    public var enumValues: [String]?
    public var pattern: Pattern?
    public var format: String?
    public var minimum: Int64?
    public var maximum: Int64?
    public var minLength: Int?
    public var maxLength: Int?
    public var minItems: Int?
    public var maxItems: Int?
    /// A valid value for tests that build complete documents from the schema.
    public var example: JSONValue?

    public init(type: ValueType, description: String? = nil) {
        self.type = type
        self.description = description
    }

    public var isMap: Bool { !self.additionalProperties.isEmpty }

    public func property(named name: String) -> SchemaProperty? {
        self.properties.first(where: { $0.name == name })
    }

    public var requiredNames: [String] {
        self.properties.filter(\.isRequired).map(\.name)
    }
}

/// One field of an object schema.
public struct SchemaProperty: Sendable {
    public var name: String
    public var schema: Schema
    public var isRequired: Bool
    /// Set for fields Foundry accepts (so Metal3 manifests apply) but does not act on yet: the
    /// decoder returns a warning naming the field and this reason.
    public var notActedOn: String?

    public init(_ name: String, _ schema: Schema, required: Bool = false, notActedOn: String? = nil) {
        self.name = name
        self.schema = schema
        self.isRequired = required
        self.notActedOn = notActedOn
    }

    public static func required(_ name: String, _ schema: Schema) -> SchemaProperty {
        SchemaProperty(name, schema, required: true)
    }

    public static func optional(_ name: String, _ schema: Schema) -> SchemaProperty {
        SchemaProperty(name, schema)
    }

    /// A field accepted with a warning that Foundry does not act on it yet.
    public static func inert(_ name: String, _ schema: Schema, _ reason: String) -> SchemaProperty {
        SchemaProperty(name, schema, notActedOn: reason)
    }
}

// MARK: - Building schemas

extension Schema {
    public static func string(_ description: String? = nil) -> Schema {
        Schema(type: .string, description: description)
    }

    public static func integer(_ description: String? = nil, format: String = "int64") -> Schema {
        var schema = Schema(type: .integer, description: description)
        schema.format = format
        return schema
    }

    public static func number(_ description: String? = nil) -> Schema {
        Schema(type: .number, description: description)
    }

    public static func boolean(_ description: String? = nil) -> Schema {
        Schema(type: .boolean, description: description)
    }

    public static func object(_ description: String? = nil, _ properties: [SchemaProperty]) -> Schema {
        var schema = Schema(type: .object, description: description)
        schema.properties = properties
        return schema
    }

    public static func object(_ properties: [SchemaProperty]) -> Schema {
        self.object(nil, properties)
    }

    public static func array(_ description: String? = nil, of items: Schema) -> Schema {
        var schema = Schema(type: .array, description: description)
        schema.items = [items]
        return schema
    }

    /// An object with free keys, every value following `values`.
    public static func map(_ description: String? = nil, of values: Schema) -> Schema {
        var schema = Schema(type: .object, description: description)
        schema.additionalProperties = [values]
        return schema
    }

    /// An RFC 3339 time (`2026-11-22T02:55:42Z`).
    public static func dateTime(_ description: String? = nil) -> Schema {
        var schema = Schema.string(description)
        schema.format = "date-time"
        schema.example = .string("2026-11-22T02:55:42Z")
        return schema
    }

    public func oneOf(_ values: [String]) -> Schema {
        var copy = self
        copy.enumValues = values
        return copy
    }

    public func oneOf<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> Schema where E.RawValue == String {
        self.oneOf(E.allCases.map(\.rawValue))
    }

    public func matching(_ pattern: Pattern) -> Schema {
        var copy = self
        copy.pattern = pattern
        return copy
    }

    public func minimum(_ value: Int64) -> Schema {
        var copy = self
        copy.minimum = value
        return copy
    }

    public func maximum(_ value: Int64) -> Schema {
        var copy = self
        copy.maximum = value
        return copy
    }

    public func length(min: Int? = nil, max: Int? = nil) -> Schema {
        var copy = self
        copy.minLength = min
        copy.maxLength = max
        return copy
    }

    public func items(min: Int? = nil, max: Int? = nil) -> Schema {
        var copy = self
        copy.minItems = min
        copy.maxItems = max
        return copy
    }

    public func example(_ value: JSONValue) -> Schema {
        var copy = self
        copy.example = value
        return copy
    }

    public func described(_ text: String) -> Schema {
        var copy = self
        copy.description = text
        return copy
    }
}

extension Schema {
    public func formatted(_ format: String) -> Schema {
        var copy = self
        copy.format = format
        return copy
    }
}
