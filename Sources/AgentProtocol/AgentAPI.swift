/// The agent API: versioned JSON over HTTP, always started by the agent (it pulls its work, so it
/// needs no open port and works behind NAT).
///
/// 1. `POST lookupPath` with a `LookupRequest` (the host's MACs and the one-time boot token) answers a
///    `LookupResponse`: the host's identity and an agent token. The boot token is then spent.
/// 2. `POST heartbeatPath` with a `HeartbeatRequest` (state, progress, the last command's result) and
///    the agent token in `tokenHeader` answers a `HeartbeatResponse` holding the next command.
public enum AgentAPI {
    /// The protocol version both sides put in every message.
    public static let version = 1
    public static let lookupPath = "/v1/agent/lookup"
    public static let heartbeatPath = "/v1/agent/heartbeat"
    /// Carries the agent token on heartbeats.
    public static let tokenHeader = "X-Foundry-Agent-Token"
    public static let contentType = "application/json"
    /// No message may be larger: the largest ones carry a config drive's user data.
    public static let maximumMessageBytes = 32 << 20
}
