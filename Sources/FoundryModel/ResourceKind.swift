/// Everything Foundry knows about one kind: its API group and version, the names kubectl-style
/// commands accept, its scope and status subresource, the columns `get` prints, and the schema
/// that drives strict decoding and the CRD.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// A column of `get` output (and of the CRD's `additionalPrinterColumns`).
    public struct PrinterColumn: Sendable, Hashable {
        public var name: String
        /// `string`, `integer`, `boolean`, `date`.
        public var type: String
        /// A simple JSONPath such as `.status.provisioning.state`.
        public var jsonPath: String
        public var description: String
        /// 0 for the default view; 1 for `-o wide` only.
        public var priority: Int

        public init(_ name: String, type: String = "string", jsonPath: String, description: String, priority: Int = 0) {
            self.name = name
            self.type = type
            self.jsonPath = jsonPath
            self.description = description
            self.priority = priority
        }
    }

    /// `""` for the core group (`v1` Secret, Event).
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var namespaced: Bool
    public var hasStatusSubresource: Bool
    public var printerColumns: [PrinterColumn]
    public var description: String

    public var apiVersion: String {
        self.group.isEmpty ? self.version : "\(self.group)/\(self.version)"
    }

    public var typeMeta: TypeMeta {
        TypeMeta(apiVersion: self.apiVersion, kind: self.kind)
    }

    /// kubectl's name for the kind in messages: `baremetalhost.metal3.io`, or `secret` for core kinds.
    public var qualifiedSingular: String {
        self.group.isEmpty ? self.singular : "\(self.singular).\(self.group)"
    }

    /// The resource name a CRD is called by: `baremetalhosts.metal3.io`.
    public var qualifiedPlural: String {
        self.group.isEmpty ? self.plural : "\(self.plural).\(self.group)"
    }

    /// Kinds outside the core group get a CustomResourceDefinition.
    public var isCustom: Bool { !self.group.isEmpty }

    /// Every name a command accepts for this kind (lowercased).
    public var names: [String] {
        [self.kind.lowercased(), self.plural, self.singular, self.qualifiedPlural, self.qualifiedSingular]
            + self.shortNames
    }

    public var schema: Schema {
        ResourceSchemas.schema(for: self)
    }

    public static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        lhs.group == rhs.group && lhs.kind == rhs.kind
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.group)
        hasher.combine(self.kind)
    }
}

extension ResourceKind {
    public static let bareMetalHost = ResourceKind(
        group: "metal3.io",
        version: "v1alpha1",
        kind: "BareMetalHost",
        plural: "baremetalhosts",
        singular: "baremetalhost",
        shortNames: ["bmh", "bmhost"],
        namespaced: true,
        hasStatusSubresource: true,
        printerColumns: [
            PrinterColumn(
                "Status", jsonPath: ".status.operationalStatus", description: "Operational status", priority: 1),
            PrinterColumn("State", jsonPath: ".status.provisioning.state", description: "Provisioning status"),
            PrinterColumn("Consumer", jsonPath: ".spec.consumerRef.name", description: "Consumer using this host"),
            PrinterColumn(
                "BMC", jsonPath: ".spec.bmc.address", description: "Address of management controller", priority: 1),
            PrinterColumn("Online", jsonPath: ".spec.online", description: "Whether the host is online or not"),
            PrinterColumn("Error", jsonPath: ".status.errorType", description: "Type of the most recent error"),
            PrinterColumn(
                "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation"),
        ],
        description: "BareMetalHost is the Schema for the baremetalhosts API"
    )

    public static let secret = ResourceKind(
        group: "",
        version: "v1",
        kind: "Secret",
        plural: "secrets",
        singular: "secret",
        shortNames: [],
        namespaced: true,
        hasStatusSubresource: false,
        printerColumns: [
            PrinterColumn("Type", jsonPath: ".type", description: "Secret type"),
            PrinterColumn(
                "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation"),
        ],
        description: "Secret holds BMC credentials and user data"
    )

    public static let event = ResourceKind(
        group: "",
        version: "v1",
        kind: "Event",
        plural: "events",
        singular: "event",
        shortNames: ["ev"],
        namespaced: true,
        hasStatusSubresource: false,
        printerColumns: [
            PrinterColumn("Last Seen", type: "date", jsonPath: ".lastTimestamp", description: "When it last happened"),
            PrinterColumn("Type", jsonPath: ".type", description: "Normal or Warning"),
            PrinterColumn("Reason", jsonPath: ".reason", description: "Why it happened"),
            PrinterColumn("Object", jsonPath: ".involvedObject.name", description: "What it happened to"),
            PrinterColumn("Message", jsonPath: ".message", description: "What happened"),
        ],
        description: "Event records something that happened to an object"
    )

    public static let cluster = ResourceKind(
        group: "cluster.foundry.dev",
        version: "v1alpha1",
        kind: "Cluster",
        plural: "clusters",
        singular: "cluster",
        shortNames: ["cl"],
        namespaced: true,
        hasStatusSubresource: true,
        printerColumns: [
            PrinterColumn("Phase", jsonPath: ".status.phase", description: "Cluster phase"),
            PrinterColumn("Version", jsonPath: ".spec.version", description: "Kubernetes version"),
            PrinterColumn(
                "Control Plane", type: "integer", jsonPath: ".spec.controlPlane.replicas",
                description: "Desired control plane nodes"),
            PrinterColumn(
                "Ready", type: "integer", jsonPath: ".status.controlPlane.readyReplicas",
                description: "Ready control plane nodes"),
            PrinterColumn(
                "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation"),
        ],
        description: "Cluster is a Kubernetes cluster built from BareMetalHosts"
    )

    public static let machineDeployment = ResourceKind(
        group: "cluster.foundry.dev",
        version: "v1alpha1",
        kind: "MachineDeployment",
        plural: "machinedeployments",
        singular: "machinedeployment",
        shortNames: ["md"],
        namespaced: true,
        hasStatusSubresource: true,
        printerColumns: [
            PrinterColumn("Cluster", jsonPath: ".spec.clusterName", description: "Cluster"),
            PrinterColumn("Replicas", type: "integer", jsonPath: ".spec.replicas", description: "Desired machines"),
            PrinterColumn("Ready", type: "integer", jsonPath: ".status.readyReplicas", description: "Ready machines"),
            PrinterColumn(
                "Updated", type: "integer", jsonPath: ".status.updatedReplicas", description: "Up-to-date machines"),
            PrinterColumn("Phase", jsonPath: ".status.phase", description: "Deployment phase"),
            PrinterColumn(
                "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation"),
        ],
        description: "MachineDeployment is a scalable set of identical worker Machines"
    )

    public static let machine = ResourceKind(
        group: "cluster.foundry.dev",
        version: "v1alpha1",
        kind: "Machine",
        plural: "machines",
        singular: "machine",
        shortNames: ["ma"],
        namespaced: true,
        hasStatusSubresource: true,
        printerColumns: [
            PrinterColumn("Cluster", jsonPath: ".spec.clusterName", description: "Cluster"),
            PrinterColumn("Host", jsonPath: ".status.hostRef.name", description: "Claimed BareMetalHost"),
            PrinterColumn("Node", jsonPath: ".status.nodeRef.name", description: "Kubernetes node"),
            PrinterColumn("Phase", jsonPath: ".status.phase", description: "Machine phase"),
            PrinterColumn("Version", jsonPath: ".spec.version", description: "Kubernetes version"),
            PrinterColumn(
                "Provider ID", jsonPath: ".spec.providerID", description: "Provider ID", priority: 1),
            PrinterColumn(
                "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation"),
        ],
        description: "Machine is one node of a Cluster, placed on a BareMetalHost"
    )
}
