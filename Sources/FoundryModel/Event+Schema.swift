extension Event {
    /// Kubernetes' `v1` Event (the core/v1 shape `kubectl get events` prints).
    public static let schema = ResourceSchemas.document(
        .event,
        [
            .required("involvedObject", ResourceSchemas.objectReference.described("The object this event is about.")),
            .optional("reason", .string("Short, machine-readable reason, e.g. PowerOn.")),
            .optional("message", .string("What happened, for humans.")),
            .optional("type", Schema.string("Normal or Warning.").oneOf(Event.EventType.self)),
            .optional("count", Schema.integer("How many times it happened.", format: "int32").minimum(0)),
            .optional("firstTimestamp", .dateTime("First time it happened.")),
            .optional("lastTimestamp", .dateTime("Last time it happened.")),
            .optional(
                "source",
                .object(
                    "Who reported it.",
                    [.optional("component", .string()), .optional("host", .string())]
                )),
            .optional("reportingComponent", .string("The controller that reported it.")),
            .optional("reportingInstance", .string("The controller instance that reported it.")),
            .optional("action", .string("What action was taken or failed.")),
        ]
    )
}
