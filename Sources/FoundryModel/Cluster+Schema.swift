extension Cluster {
    public static let schema = ResourceSchemas.document(
        .cluster,
        [
            .required("spec", specSchema),
            .optional("status", statusSchema),
        ]
    )

    static let specSchema = Schema.object(
        "The desired state of the cluster.",
        [
            .required("version", ResourceSchemas.kubernetesVersion),
            .required("image", ResourceSchemas.image.described("OS image for every node unless a pool overrides it.")),
            .required(
                "controlPlane",
                .object(
                    "The control plane nodes.",
                    [
                        .required(
                            "replicas",
                            Schema.integer("Control plane nodes (odd, for etcd quorum).", format: "int32").minimum(1)),
                        .optional("hostSelector", ResourceSchemas.labelSelector),
                        .optional("version", ResourceSchemas.kubernetesVersion),
                        .optional("image", ResourceSchemas.image),
                    ]
                )),
            .optional(
                "workers",
                .array(
                    "Worker pools; each becomes a MachineDeployment.",
                    of: .object([
                        .required("name", Schema.string("Pool name, unique in the cluster.").example("md-0")),
                        .required("replicas", Schema.integer("Worker nodes in the pool.", format: "int32").minimum(0)),
                        .optional("hostSelector", ResourceSchemas.labelSelector),
                        .optional("version", ResourceSchemas.kubernetesVersion),
                        .optional("image", ResourceSchemas.image),
                        .optional("strategy", MachineDeployment.strategySchema),
                    ]))),
            .optional(
                "controlPlaneEndpoint",
                .object(
                    "Where the API server is reached.",
                    [
                        .required("host", .string()),
                        .required("port", Schema.integer(format: "int32").minimum(1).maximum(65535).example(6443)),
                    ]
                )),
            .optional("paused", .boolean("Stops reconciliation.")),
        ]
    )

    static let statusSchema = Schema.object(
        "The observed state of the cluster.",
        [
            .optional("phase", Schema.string().oneOf(ClusterPhase.self)),
            .optional("controlPlaneReady", .boolean()),
            .optional(
                "controlPlane",
                .object([
                    .optional("replicas", .integer()), .optional("readyReplicas", .integer()),
                    .optional("updatedReplicas", .integer()),
                ])),
            .optional(
                "workers",
                .array(
                    of: .object([
                        .required("name", .string()), .optional("replicas", .integer()),
                        .optional("readyReplicas", .integer()), .optional("updatedReplicas", .integer()),
                    ]))),
            .optional("conditions", ResourceSchemas.conditions),
            .optional("failureReason", .string()),
            .optional("failureMessage", .string()),
            .optional("observedGeneration", .integer()),
        ]
    )
}
