/// The operator's answer to a lookup: which host this is and the token for its heartbeats.
public struct LookupResponse: Codable, Sendable, Hashable {
    public var version: Int
    /// `namespace/name` of the BareMetalHost.
    public var hostID: String
    public var agentToken: String
    /// How often to heartbeat while idle.
    public var heartbeatIntervalSeconds: Double

    public init(hostID: String, agentToken: String, heartbeatIntervalSeconds: Double) {
        self.version = AgentAPI.version
        self.hostID = hostID
        self.agentToken = agentToken
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
    }
}
