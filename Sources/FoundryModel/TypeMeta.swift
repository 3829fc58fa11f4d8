/// The `apiVersion` and `kind` pair every resource document starts with.
public struct TypeMeta: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String

    public init(apiVersion: String, kind: String) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}
