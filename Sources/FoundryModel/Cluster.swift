/// `cluster.foundry.dev/v1alpha1` `Cluster`: a Kubernetes cluster built from BareMetalHosts.
/// Shaped like Cluster API's managed topology: a Kubernetes version and OS image, a control
/// plane with a replica count, and worker pools the operator turns into MachineDeployments.
public struct Cluster: Resource {
    public static let resourceKind = ResourceKind.cluster

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ClusterSpec
    public var status: ClusterStatus?

    public init(metadata: ObjectMeta, spec: ClusterSpec, status: ClusterStatus? = nil) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var anyResource: AnyResource { .cluster(self) }
}

public struct ClusterSpec: Codable, Sendable, Hashable {
    /// Kubernetes version for every node unless a pool says otherwise, e.g. `v1.31.2`.
    public var version: String
    /// OS image for every node unless a pool says otherwise.
    public var image: HostImage
    public var controlPlane: ControlPlaneTopology
    /// Worker pools; each becomes a MachineDeployment named `CLUSTER-POOL`.
    public var workers: [WorkerPool]?
    /// Where the API server is reached; filled in by the operator when absent.
    public var controlPlaneEndpoint: APIEndpoint?
    /// Stops reconciliation of the cluster (as Cluster API's `spec.paused`).
    public var paused: Bool?

    public init(
        version: String,
        image: HostImage,
        controlPlane: ControlPlaneTopology,
        workers: [WorkerPool]? = nil
    ) {
        self.version = version
        self.image = image
        self.controlPlane = controlPlane
        self.workers = workers
    }
}

public struct ControlPlaneTopology: Codable, Sendable, Hashable {
    /// Control plane nodes: an odd number, for etcd quorum.
    public var replicas: Int
    public var hostSelector: LabelSelector?
    public var version: String?
    public var image: HostImage?

    public init(replicas: Int, hostSelector: LabelSelector? = nil) {
        self.replicas = replicas
        self.hostSelector = hostSelector
    }
}

public struct WorkerPool: Codable, Sendable, Hashable {
    public var name: String
    public var replicas: Int
    public var hostSelector: LabelSelector?
    public var version: String?
    public var image: HostImage?
    public var strategy: MachineDeploymentStrategy?

    public init(name: String, replicas: Int, hostSelector: LabelSelector? = nil) {
        self.name = name
        self.replicas = replicas
        self.hostSelector = hostSelector
    }
}

public struct APIEndpoint: Codable, Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

public enum ClusterPhase: String, Codable, Sendable, Hashable, CaseIterable {
    case pending = "Pending"
    case provisioning = "Provisioning"
    case provisioned = "Provisioned"
    case deleting = "Deleting"
    case failed = "Failed"
    case unknown = "Unknown"
}

public struct ClusterStatus: Codable, Sendable, Hashable {
    public struct ReplicaCounts: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var readyReplicas: Int?
        public var updatedReplicas: Int?

        public init(replicas: Int? = nil, readyReplicas: Int? = nil, updatedReplicas: Int? = nil) {
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.updatedReplicas = updatedReplicas
        }
    }

    public struct WorkerPoolStatus: Codable, Sendable, Hashable {
        public var name: String
        public var replicas: Int?
        public var readyReplicas: Int?
        public var updatedReplicas: Int?

        public init(name: String, replicas: Int? = nil, readyReplicas: Int? = nil) {
            self.name = name
            self.replicas = replicas
            self.readyReplicas = readyReplicas
        }
    }

    public var phase: ClusterPhase?
    public var controlPlaneReady: Bool?
    public var controlPlane: ReplicaCounts?
    public var workers: [WorkerPoolStatus]?
    public var conditions: [Condition]?
    public var failureReason: String?
    public var failureMessage: String?
    public var observedGeneration: Int64?

    public init(phase: ClusterPhase? = nil) {
        self.phase = phase
    }
}
