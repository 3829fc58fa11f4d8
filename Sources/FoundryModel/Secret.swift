import Foundation

/// `v1` `Secret`. `data` values are base64 in documents, as in Kubernetes; `stringData` is plain
/// text merged over `data` when the Secret is stored.
public struct Secret: Resource {
    public static let resourceKind = ResourceKind.secret

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var type: String?
    public var data: [String: String]?
    public var stringData: [String: String]?
    public var immutable: Bool?

    public init(metadata: ObjectMeta, type: String? = "Opaque", stringData: [String: String]) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.type = type
        self.data = stringData.mapValues { Data($0.utf8).base64EncodedString() }
    }

    public init(metadata: ObjectMeta, type: String? = "Opaque", data: [String: Data]) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.type = type
        self.data = data.mapValues { $0.base64EncodedString() }
    }

    /// The decoded bytes of one key, `stringData` winning over `data` as in Kubernetes.
    public func value(forKey key: String) -> Data? {
        if let text = self.stringData?[key] {
            return Data(text.utf8)
        }
        guard let encoded = self.data?[key] else {
            return nil
        }
        return Data(base64Encoded: encoded)
    }

    public func string(forKey key: String) -> String? {
        self.value(forKey: key).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Every key of `data` and `stringData`, sorted.
    public var keys: [String] {
        Set((self.data ?? [:]).keys).union((self.stringData ?? [:]).keys).sorted()
    }

    public var anyResource: AnyResource { .secret(self) }
}
