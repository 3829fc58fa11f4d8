extension Secret {
    /// Kubernetes' `v1` Secret: `data` values are base64, `stringData` plain text.
    public static let schema = ResourceSchemas.document(
        .secret,
        [
            .optional("type", Schema.string("Secret type; Opaque when absent.").example("Opaque")),
            .optional(
                "data",
                Schema.map("Base64-encoded values.", of: Schema.string().formatted("byte").example("YWRtaW4="))),
            .optional("stringData", Schema.map("Plain-text values, merged over data when stored.", of: .string())),
            .optional("immutable", .boolean("Whether the data may change.")),
        ]
    )
}
