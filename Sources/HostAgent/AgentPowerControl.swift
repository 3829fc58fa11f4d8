/// What the agent does when told to reboot or power off. On a real host it asks the init system;
/// the simulator injects its own so that the simulated server's power state follows.
public protocol AgentPowerControl: Sendable {
    func reboot() async throws
    func powerOff() async throws
}

/// Runs `systemctl reboot` / `systemctl poweroff`.
public struct SystemPowerControl: AgentPowerControl {
    public init() {}

    public func reboot() async throws {
        try await self.systemctl("reboot")
    }

    public func powerOff() async throws {
        try await self.systemctl("poweroff")
    }

    private func systemctl(_ verb: String) async throws {
        guard let systemctl = ExternalCommand.locate("systemctl") else {
            throw ExternalCommand.Failure(
                command: "systemctl \(verb)", status: -1, output: "systemctl is not installed")
        }
        _ = try await ExternalCommand.run(systemctl, [verb])
    }
}

/// Does nothing but let the agent stop: for a host whose power someone else handles.
public struct NoPowerControl: AgentPowerControl {
    public init() {}
    public func reboot() async throws {}
    public func powerOff() async throws {}
}
