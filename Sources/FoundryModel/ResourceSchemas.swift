/// The schema of every kind, and the pieces several kinds share.
public enum ResourceSchemas {
    public static func schema(for kind: ResourceKind) -> Schema {
        switch kind {
        case .bareMetalHost: BareMetalHost.schema
        case .secret: Secret.schema
        case .event: Event.schema
        case .cluster: Cluster.schema
        case .machineDeployment: MachineDeployment.schema
        case .machine: Machine.schema
        default: Schema.object(kind.description, [])
        }
    }

    /// A whole document: `apiVersion`, `kind`, `metadata`, then the kind's own fields.
    static func document(_ kind: ResourceKind, _ properties: [SchemaProperty]) -> Schema {
        Schema.object(
            kind.description,
            [
                .required(
                    "apiVersion",
                    .string("APIVersion defines the versioned schema of this representation of an object.")
                        .example(.string(kind.apiVersion))),
                .required(
                    "kind",
                    .string("Kind is a string value representing the REST resource this object represents.")
                        .example(.string(kind.kind))),
                .required("metadata", self.objectMeta),
            ] + properties
        )
    }

    static let stringMap = Schema.map(of: .string())

    static let objectMeta = Schema.object(
        "Standard object metadata.",
        [
            .required("name", .string("Name, unique within a namespace and kind.").example("host-0")),
            .optional("generateName", .string("Prefix for a generated name.")),
            .optional("namespace", .string("Namespace; default when absent.").example("default")),
            .optional("uid", .string("Unique id set by the store.")),
            .optional("resourceVersion", .string("Version set by the store on every write.")),
            .optional("generation", .integer("Incremented on every spec change.")),
            .optional("creationTimestamp", .dateTime("When the object was created.")),
            .optional("deletionTimestamp", .dateTime("When deletion was requested.")),
            .optional("deletionGracePeriodSeconds", .integer("Grace period for deletion.")),
            .optional("labels", Schema.map("Labels for selection.", of: .string()).example(["rack": "r1"])),
            .optional("annotations", Schema.map("Free-form annotations.", of: .string())),
            .optional("finalizers", .array("Finalizers that must clear before deletion.", of: .string())),
            .optional(
                "ownerReferences",
                .array(
                    "Objects this one belongs to.",
                    of: .object(
                        [
                            .required("apiVersion", .string()),
                            .required("kind", .string()),
                            .required("name", .string()),
                            .required("uid", .string()),
                            .optional("controller", .boolean()),
                            .optional("blockOwnerDeletion", .boolean()),
                        ]
                    ))),
        ]
    )

    static let objectReference = Schema.object(
        "A reference to an object.",
        [
            .optional("apiVersion", .string()),
            .optional("kind", .string()),
            .optional("name", .string()),
            .optional("namespace", .string()),
            .optional("uid", .string()),
            .optional("resourceVersion", .string()),
            .optional("fieldPath", .string()),
        ]
    )

    static func secretReference(_ description: String) -> Schema {
        Schema.object(
            description,
            [
                .optional("name", .string("Name of the Secret.")),
                .optional("namespace", .string("Namespace of the Secret; must be the object's own.")),
            ]
        )
    }

    static let conditions = Schema.array(
        "Conditions: the latest observations of the object's state.",
        of: .object(
            [
                .required("type", .string("Condition type, e.g. Ready.")),
                .required("status", Schema.string("True, False or Unknown.").oneOf(Condition.Status.self)),
                .optional("observedGeneration", .integer()),
                .optional("lastTransitionTime", .dateTime()),
                .optional("reason", .string()),
                .optional("message", .string()),
            ]
        )
    )

    static let image = Schema.object(
        "The image to write to the host's disk.",
        [
            .required(
                "url", .string("URL of the image (http, https, or oci).").example("http://images.example/os.qcow2")),
            .optional("checksum", .string("Checksum of the image, or the URL of a checksum file.")),
            .optional("checksumType", Schema.string("Checksum algorithm.").oneOf(ChecksumType.self)),
            .optional("format", Schema.string("Disk format of the image.").oneOf(ImageFormat.self)),
            .inert(
                "ociAuthSecretName", .string("Secret with registry credentials for an oci:// image."),
                "accepted for Metal3 compatibility; Foundry does not pull oci:// images yet"),
        ]
    )

    static let labelSelector = Schema.object(
        "A label selector: every matchLabels pair and every matchExpressions requirement must hold.",
        [
            .optional("matchLabels", Schema.map("Labels that must be present with these values.", of: .string())),
            .optional(
                "matchExpressions",
                .array(
                    "Requirements on labels.",
                    of: .object(
                        [
                            .required("key", .string("The label key.")),
                            .required(
                                "operator",
                                Schema.string("In, NotIn, Exists or DoesNotExist.").oneOf(
                                    LabelSelectorRequirement.Operator.self)),
                            .optional("values", .array("Values for In and NotIn.", of: .string())),
                        ]
                    ))),
        ]
    )

    static let kubernetesVersion = Schema.string("Kubernetes version, e.g. v1.31.2.")
        .matching(.kubernetesVersion).example("v1.31.2")
}
