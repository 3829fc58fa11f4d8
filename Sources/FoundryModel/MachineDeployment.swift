/// `cluster.foundry.dev/v1alpha1` `MachineDeployment`: a scalable set of identical worker
/// Machines, as in Cluster API (replicas, a selector over Machine labels, a Machine template and
/// a rollout strategy).
public struct MachineDeployment: Resource {
    public static let resourceKind = ResourceKind.machineDeployment

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: MachineDeploymentSpec
    public var status: MachineDeploymentStatus?

    public init(metadata: ObjectMeta, spec: MachineDeploymentSpec, status: MachineDeploymentStatus? = nil) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var anyResource: AnyResource { .machineDeployment(self) }
}

public struct MachineDeploymentSpec: Codable, Sendable, Hashable {
    public var clusterName: String
    /// Desired number of Machines; 1 when absent, as in Cluster API.
    public var replicas: Int?
    /// Which Machines belong to this deployment; must match the template's labels.
    public var selector: LabelSelector
    public var template: MachineTemplate
    public var strategy: MachineDeploymentStrategy?
    public var minReadySeconds: Int?
    public var paused: Bool?

    public init(
        clusterName: String,
        replicas: Int? = nil,
        selector: LabelSelector,
        template: MachineTemplate,
        strategy: MachineDeploymentStrategy? = nil
    ) {
        self.clusterName = clusterName
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
    }
}

/// What each Machine of a deployment is created from.
public struct MachineTemplate: Codable, Sendable, Hashable {
    public struct Metadata: Codable, Sendable, Hashable {
        public var labels: [String: String]?
        public var annotations: [String: String]?

        public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
            self.labels = labels
            self.annotations = annotations
        }
    }

    public var metadata: Metadata?
    public var spec: MachineSpec

    public init(metadata: Metadata? = nil, spec: MachineSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct MachineDeploymentStrategy: Codable, Sendable, Hashable {
    public enum StrategyType: String, Codable, Sendable, Hashable, CaseIterable {
        case rollingUpdate = "RollingUpdate"
        case onDelete = "OnDelete"
    }

    public struct RollingUpdate: Codable, Sendable, Hashable {
        /// Machines created above `replicas` during a rollout (a spare host is needed for each).
        public var maxSurge: Int?
        /// Machines that may be unavailable during a rollout.
        public var maxUnavailable: Int?

        public init(maxSurge: Int? = nil, maxUnavailable: Int? = nil) {
            self.maxSurge = maxSurge
            self.maxUnavailable = maxUnavailable
        }
    }

    public var type: StrategyType?
    public var rollingUpdate: RollingUpdate?

    public init(type: StrategyType? = nil, rollingUpdate: RollingUpdate? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public enum MachineDeploymentPhase: String, Codable, Sendable, Hashable, CaseIterable {
    case scalingUp = "ScalingUp"
    case scalingDown = "ScalingDown"
    case running = "Running"
    case failed = "Failed"
    case unknown = "Unknown"
}

public struct MachineDeploymentStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    /// The selector in `-l` syntax, as Cluster API publishes it for the scale subresource.
    public var selector: String?
    public var replicas: Int?
    public var updatedReplicas: Int?
    public var readyReplicas: Int?
    public var availableReplicas: Int?
    public var unavailableReplicas: Int?
    public var phase: MachineDeploymentPhase?
    public var conditions: [Condition]?

    public init(replicas: Int? = nil, readyReplicas: Int? = nil, phase: MachineDeploymentPhase? = nil) {
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.phase = phase
    }
}
