/// What every stored kind has in common.
public protocol Resource: Codable, Sendable, Equatable {
    /// The kind's registry entry: names, group and version, scope, schema.
    static var resourceKind: ResourceKind { get }
    var apiVersion: String { get set }
    var kind: String { get set }
    var metadata: ObjectMeta { get set }

    /// Checks the schema cannot express (BMC addresses, name rules, references), returning every
    /// problem with its field path. Schema checks (types, enums, required fields) happen when a
    /// document is decoded.
    func validate() -> [FieldProblem]

    /// The value wrapped in the enum over all kinds.
    var anyResource: AnyResource { get }
}

extension Resource {
    /// The `apiVersion` and `kind` this Swift type stands for.
    public static var typeMeta: TypeMeta { self.resourceKind.typeMeta }

    public var name: String { self.metadata.name }
    public var namespace: String { self.metadata.effectiveNamespace }
}
