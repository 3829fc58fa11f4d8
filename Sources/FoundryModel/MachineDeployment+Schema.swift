extension MachineDeployment {
    public static let schema = ResourceSchemas.document(
        .machineDeployment,
        [
            .required("spec", specSchema),
            .optional("status", statusSchema),
        ]
    )

    static let strategySchema = Schema.object(
        "How Machines are replaced on change.",
        [
            .optional(
                "type",
                Schema.string("RollingUpdate (default) or OnDelete.").oneOf(MachineDeploymentStrategy.StrategyType.self)
            ),
            .optional(
                "rollingUpdate",
                .object([
                    .optional(
                        "maxSurge",
                        Schema.integer("Machines above replicas during a rollout.", format: "int32").minimum(0)),
                    .optional(
                        "maxUnavailable",
                        Schema.integer("Machines unavailable during a rollout.", format: "int32").minimum(0)),
                ])),
        ]
    )

    static let specSchema = Schema.object(
        "The desired state of the deployment.",
        [
            .required(
                "clusterName", Schema.string("The Cluster these Machines belong to.").length(min: 1).example("prod")),
            .optional(
                "replicas", Schema.integer("Desired number of Machines (1 when absent).", format: "int32").minimum(0)),
            .required(
                "selector",
                ResourceSchemas.labelSelector.described("Which Machines belong to this deployment.").example(
                    ["matchLabels": ["pool": "md-0"]])),
            .required(
                "template",
                .object(
                    "What each Machine is created from.",
                    [
                        .optional(
                            "metadata",
                            .object(
                                "Labels and annotations for each Machine.",
                                [
                                    .optional("labels", ResourceSchemas.stringMap.example(["pool": "md-0"])),
                                    .optional("annotations", ResourceSchemas.stringMap),
                                ]
                            )),
                        .required("spec", Machine.specSchema),
                    ]
                )),
            .optional("strategy", strategySchema),
            .optional(
                "minReadySeconds",
                Schema.integer("Seconds a Machine must be ready to count as available.", format: "int32").minimum(0)),
            .optional("paused", .boolean("Stops reconciliation.")),
        ]
    )

    static let statusSchema = Schema.object(
        "The observed state of the deployment.",
        [
            .optional("observedGeneration", .integer()),
            .optional("selector", .string("The selector in label-query form.")),
            .optional("replicas", Schema.integer(format: "int32").minimum(0)),
            .optional("updatedReplicas", Schema.integer(format: "int32").minimum(0)),
            .optional("readyReplicas", Schema.integer(format: "int32").minimum(0)),
            .optional("availableReplicas", Schema.integer(format: "int32").minimum(0)),
            .optional("unavailableReplicas", Schema.integer(format: "int32").minimum(0)),
            .optional("phase", Schema.string().oneOf(MachineDeploymentPhase.self)),
            .optional("conditions", ResourceSchemas.conditions),
        ]
    )
}
