import FoundryModel

/// One object of any kind as the store keeps it: its type, its metadata, and every other
/// top-level field (`spec`, `status`, `data`, ...) as JSON.
///
/// `status` is the status subresource: `update` keeps the stored status, `updateStatus` changes
/// nothing else. Everything that is neither metadata nor status counts as the spec for `generation`.
public struct StoredObject: Sendable, Equatable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    /// Every top-level field but `apiVersion`, `kind` and `metadata`.
    public var content: [String: JSONValue]

    public init(apiVersion: String, kind: String, metadata: ObjectMeta, content: [String: JSONValue] = [:]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.content = content
    }

    public var groupKind: GroupKind {
        GroupKind(apiVersion: self.apiVersion, kind: self.kind)
    }

    public var key: ObjectKey {
        ObjectKey(kind: self.groupKind, namespace: self.metadata.effectiveNamespace, name: self.metadata.name)
    }

    public var status: JSONValue? {
        get { self.content["status"] }
        set { self.content["status"] = newValue }
    }

    /// Everything `generation` follows: the content without `status`.
    var specContent: [String: JSONValue] {
        var spec = self.content
        spec["status"] = nil
        return spec
    }

    /// The stored resourceVersion as a number (0 when absent or unreadable).
    public var resourceVersion: Int64 {
        self.metadata.resourceVersion.flatMap { Int64($0) } ?? 0
    }
}

extension StoredObject: Codable {
    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }

        static let apiVersion = FieldKey(stringValue: "apiVersion")
        static let kind = FieldKey(stringValue: "kind")
        static let metadata = FieldKey(stringValue: "metadata")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        self.apiVersion = try container.decode(String.self, forKey: .apiVersion)
        self.kind = try container.decode(String.self, forKey: .kind)
        self.metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        var content: [String: JSONValue] = [:]
        for key in container.allKeys where !Self.typeFields.contains(key.stringValue) {
            content[key.stringValue] = try container.decode(JSONTree.self, forKey: key).value
        }
        self.content = content
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(self.apiVersion, forKey: .apiVersion)
        try container.encode(self.kind, forKey: .kind)
        try container.encode(self.metadata, forKey: .metadata)
        for (name, value) in self.content where !Self.typeFields.contains(name) {
            try container.encode(JSONTree(value), forKey: FieldKey(stringValue: name))
        }
    }

    static let typeFields: Set<String> = ["apiVersion", "kind", "metadata"]
}
