/// The operator's answer to a heartbeat: the next command (`none` to wait, or while one runs).
public struct HeartbeatResponse: Codable, Sendable, Hashable {
    public var version: Int
    public var command: AgentCommand
    /// Overrides the lookup's interval from now on.
    public var heartbeatIntervalSeconds: Double?

    public init(command: AgentCommand, heartbeatIntervalSeconds: Double? = nil) {
        self.version = AgentAPI.version
        self.command = command
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
    }
}
