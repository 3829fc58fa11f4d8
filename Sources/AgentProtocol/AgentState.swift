/// What the agent is doing when it heartbeats.
public enum AgentState: String, Codable, Sendable, Hashable, CaseIterable {
    /// No command running: the heartbeat asks for one.
    case idle
    /// A command is running; the heartbeat carries its progress.
    case busy
}
