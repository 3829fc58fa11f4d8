/// A resource as read: its body, its ETag (for If-Match) and the methods its `Allow` header lists.
public struct RedfishResource<Value: Sendable>: Sendable {
    public var value: Value
    public var etag: String?
    /// Upper-cased; empty when the service sent no `Allow` header.
    public var allowedMethods: Set<String>

    public init(value: Value, etag: String?, allowedMethods: Set<String>) {
        self.value = value
        self.etag = etag
        self.allowedMethods = allowedMethods
    }
}
