/// Kubernetes object metadata, with the same JSON names.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public static let defaultNamespace = "default"

    public var name: String
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var finalizers: [String]?
    public var ownerReferences: [OwnerReference]?

    public init(
        name: String,
        namespace: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The namespace, with Kubernetes' default filled in.
    public var effectiveNamespace: String {
        self.namespace ?? ObjectMeta.defaultNamespace
    }
}
