/// The `apiVersion` and `kind` pair every resource document starts with.
public struct TypeMeta: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String

    public init(apiVersion: String, kind: String) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}

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

public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
    }
}

/// A reference to an object, as Kubernetes' `corev1.ObjectReference` (used by `consumerRef`).
public struct ObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var name: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(apiVersion: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}

/// A reference to a Secret, as Kubernetes' `corev1.SecretReference` (`userData`, `networkData`, ...).
public struct SecretReference: Codable, Sendable, Hashable {
    public var name: String?
    public var namespace: String?

    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}

/// What every stored kind has in common.
public protocol Resource: Codable, Sendable, Equatable {
    /// The `apiVersion` and `kind` this Swift type stands for.
    static var typeMeta: TypeMeta { get }
    var metadata: ObjectMeta { get set }
}

extension Resource {
    public var name: String { self.metadata.name }
    public var namespace: String { self.metadata.effectiveNamespace }
}

/// A Kubernetes-style status condition.
public struct Condition: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    public var type: String
    public var status: Status
    public var observedGeneration: Int64?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: Status,
        reason: String? = nil,
        message: String? = nil,
        lastTransitionTime: Timestamp? = nil,
        observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }
}
