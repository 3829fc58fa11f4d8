/// `cluster.foundry.dev/v1alpha1` `Machine`: one node of a cluster, Cluster API shaped, with the
/// choice of host made on the Machine itself (`hostSelector`), so no infrastructure resource
/// per machine is needed.
public struct Machine: Resource {
    public static let resourceKind = ResourceKind.machine

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: MachineSpec
    public var status: MachineStatus?

    public init(metadata: ObjectMeta, spec: MachineSpec, status: MachineStatus? = nil) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var anyResource: AnyResource { .machine(self) }
}

public struct MachineSpec: Codable, Sendable, Hashable {
    /// The Cluster this Machine belongs to.
    public var clusterName: String
    /// Kubernetes version of the node, e.g. `v1.31.2`.
    public var version: String?
    /// The OS image written to the claimed host.
    public var image: HostImage?
    /// Which BareMetalHosts this Machine may claim.
    public var hostSelector: LabelSelector?
    public var bootstrap: MachineBootstrap?
    /// Set once a host is claimed: `metal3://NAMESPACE/HOST/UID` style.
    public var providerID: String?

    public init(
        clusterName: String,
        version: String? = nil,
        image: HostImage? = nil,
        hostSelector: LabelSelector? = nil,
        bootstrap: MachineBootstrap? = nil,
        providerID: String? = nil
    ) {
        self.clusterName = clusterName
        self.version = version
        self.image = image
        self.hostSelector = hostSelector
        self.bootstrap = bootstrap
        self.providerID = providerID
    }
}

public struct MachineBootstrap: Codable, Sendable, Hashable {
    /// The Secret holding the host's user data (cloud-init with the join configuration).
    public var dataSecretName: String?

    public init(dataSecretName: String? = nil) {
        self.dataSecretName = dataSecretName
    }
}

public enum MachinePhase: String, Codable, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case provisioning = "Provisioning"
    case provisioned = "Provisioned"
    case running = "Running"
    case deleting = "Deleting"
    case failed = "Failed"
}

public struct MachineAddress: Codable, Sendable, Hashable {
    public enum AddressType: String, Codable, Sendable, Hashable, CaseIterable {
        case hostname = "Hostname"
        case externalIP = "ExternalIP"
        case internalIP = "InternalIP"
        case externalDNS = "ExternalDNS"
        case internalDNS = "InternalDNS"
    }

    public var type: AddressType
    public var address: String

    public init(type: AddressType, address: String) {
        self.type = type
        self.address = address
    }
}

public struct MachineStatus: Codable, Sendable, Hashable {
    public var phase: MachinePhase?
    /// The BareMetalHost this Machine claimed.
    public var hostRef: ObjectReference?
    /// The Kubernetes node, once it joined.
    public var nodeRef: ObjectReference?
    public var addresses: [MachineAddress]?
    public var bootstrapReady: Bool?
    public var version: String?
    public var conditions: [Condition]?
    public var failureReason: String?
    public var failureMessage: String?
    public var lastUpdated: Timestamp?
    public var observedGeneration: Int64?

    public init(phase: MachinePhase? = nil) {
        self.phase = phase
    }
}
