import AgentProtocol

/// A step of the agent's run, told as it happens to `AgentConfiguration.events`: the simulator
/// prints them on the server's console and counts image writes. Never carries a token.
public enum AgentEvent: Sendable {
    /// The operator knows the agent as this host.
    case identified(hostID: String)
    case commandStarted(AgentCommand)
    case progress(CommandProgress)
    case commandFinished(CommandResult)
    /// The agent is about to reboot or power off the host.
    case power(AgentCommand.Kind)
}
