/// The agent's first call: who am I? Sent with the host's NIC MACs and the one-time token it
/// was handed at boot (kernel command line, virtual media or a file).
public struct LookupRequest: Codable, Sendable, Hashable {
    public var version: Int
    /// Lower-case, colon-separated.
    public var macAddresses: [String]
    public var bootToken: String
    public var agentVersion: String?

    public init(macAddresses: [String], bootToken: String, agentVersion: String? = nil) {
        self.version = AgentAPI.version
        self.macAddresses = macAddresses
        self.bootToken = bootToken
        self.agentVersion = agentVersion
    }
}
