import HostAgent

/// The in-process agent's power control: a reboot power-cycles the simulated server, a power-off
/// turns it off. Either ends the agent, as on a real host: its boot sequencer cancels it.
struct SimulatedServerPower: AgentPowerControl {
    let server: SimulatedServer

    func reboot() async throws {
        await self.server.powerCycle()
    }

    func powerOff() async throws {
        await self.server.setPower(on: false)
    }
}
