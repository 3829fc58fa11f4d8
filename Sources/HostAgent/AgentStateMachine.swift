import AgentProtocol

/// The agent's decisions, free of I/O: what to put in the next heartbeat and what to do with the
/// command a heartbeat returns. One command runs at a time; a command already done is not redone
/// when the operator, not yet having seen its result, hands it out again.
public struct AgentStateMachine: Sendable {
    public enum Decision: Sendable, Hashable {
        /// Nothing new: heartbeat again after the interval.
        case wait
        /// Run this command (in the background; heartbeats go on).
        case start(AgentCommand)
        /// Reboot or power off now, after telling the operator.
        case power(AgentCommand)
    }

    public let hostID: String
    public private(set) var running: AgentCommand?
    public private(set) var lastResult: CommandResult?
    /// Ids of recent finished commands (bounded).
    private var finishedIDs: [String] = []
    static let rememberedCommands = 64

    public init(hostID: String) {
        self.hostID = hostID
    }

    public func heartbeat(progress: CommandProgress?) -> HeartbeatRequest {
        HeartbeatRequest(
            hostID: self.hostID, state: self.running == nil ? .idle : .busy,
            progress: self.running == nil ? nil : progress, lastResult: self.lastResult)
    }

    public mutating func received(_ command: AgentCommand) -> Decision {
        guard command.kind != .none, self.running == nil, !self.finishedIDs.contains(command.id) else {
            return .wait
        }
        switch command.action {
        case .reboot, .powerOff:
            self.finished(CommandResult(commandID: command.id, kind: command.kind, succeeded: true))
            return .power(command)
        case .none:
            return .wait
        case .inspect, .writeImage, .clean:
            self.running = command
            return .start(command)
        }
    }

    public mutating func finished(_ result: CommandResult) {
        if self.running?.id == result.commandID {
            self.running = nil
        }
        self.lastResult = result
        self.finishedIDs.append(result.commandID)
        if self.finishedIDs.count > Self.rememberedCommands {
            self.finishedIDs.removeFirst(self.finishedIDs.count - Self.rememberedCommands)
        }
    }
}
