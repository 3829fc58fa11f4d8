extension Machine {
    public static let schema = ResourceSchemas.document(
        .machine,
        [
            .required("spec", specSchema),
            .optional("status", statusSchema),
        ]
    )

    static let specSchema = Schema.object(
        "The desired state of the machine.",
        [
            .required(
                "clusterName", Schema.string("The Cluster this Machine belongs to.").length(min: 1).example("prod")),
            .optional("version", ResourceSchemas.kubernetesVersion),
            .optional("image", ResourceSchemas.image),
            .optional(
                "hostSelector", ResourceSchemas.labelSelector.described("Which BareMetalHosts this Machine may claim.")),
            .optional(
                "bootstrap",
                .object(
                    "How the node joins the cluster.",
                    [.optional("dataSecretName", .string("Secret holding the host's user data."))]
                )),
            .optional("providerID", .string("Identity of the claimed host, set once claimed.")),
        ]
    )

    static let statusSchema = Schema.object(
        "The observed state of the machine.",
        [
            .optional("phase", Schema.string("Machine phase.").oneOf(MachinePhase.self)),
            .optional("hostRef", ResourceSchemas.objectReference.described("The claimed BareMetalHost.")),
            .optional("nodeRef", ResourceSchemas.objectReference.described("The Kubernetes node.")),
            .optional(
                "addresses",
                .array(
                    "Addresses of the node.",
                    of: .object([
                        .required("type", Schema.string().oneOf(MachineAddress.AddressType.self)),
                        .required("address", .string()),
                    ]))),
            .optional("bootstrapReady", .boolean("Whether the bootstrap data is ready.")),
            .optional("version", .string("Kubernetes version the node runs.")),
            .optional("conditions", ResourceSchemas.conditions),
            .optional("failureReason", .string("Terminal failure, machine-readable.")),
            .optional("failureMessage", .string("Terminal failure, for humans.")),
            .optional("lastUpdated", .dateTime()),
            .optional("observedGeneration", .integer()),
        ]
    )
}
