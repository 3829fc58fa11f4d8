/// A reference to a Secret, as Kubernetes' `corev1.SecretReference` (`userData`, `networkData`, ...).
public struct SecretReference: Codable, Sendable, Hashable {
    public var name: String?
    public var namespace: String?

    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}
