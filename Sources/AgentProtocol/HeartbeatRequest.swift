/// The agent's periodic call: its state, the running command's progress, the last result.
public struct HeartbeatRequest: Codable, Sendable, Hashable {
    public var version: Int
    public var hostID: String
    public var state: AgentState
    public var progress: CommandProgress?
    public var lastResult: CommandResult?

    public init(hostID: String, state: AgentState, progress: CommandProgress? = nil, lastResult: CommandResult? = nil) {
        self.version = AgentAPI.version
        self.hostID = hostID
        self.state = state
        self.progress = progress
        self.lastResult = lastResult
    }
}
