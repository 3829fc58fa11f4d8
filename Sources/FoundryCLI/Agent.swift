import ArgumentParser

extension FoundryCommand {
    /// `foundry agent`: the host agent, the program a host boots into for inspection and provisioning.
    struct Agent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agent",
            abstract: "The host agent: inspect this host, or run against an operator.",
            subcommands: [AgentInspect.self, AgentRun.self]
        )
    }
}
