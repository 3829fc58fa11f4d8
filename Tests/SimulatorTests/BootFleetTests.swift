import AgentProtocol
import Foundation
import Simulator
import TestSupport
import Testing

/// A fleet started with boots: each server's boot sequencer follows its power, so a PXE boot set
/// over the BMC reaches the boot server; stopping the fleet stops the agents.
struct BootFleetTests {
    @Test func aFleetWithBootsRunsTheAgentOnAPXEBootAndStopsItWithTheFleet() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-boot-fleet")
        defer { directory.remove() }
        let fake = try await FakeBootServer.start()
        let boots = try BootEnvironment(
            bootServer: fake.url, mocks: ProjectPaths.firmwareMocks, stateDirectory: directory.url)
        let configs = (0..<2).map {
            ServerConfig(name: "node-\($0)", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        }
        let fleet = try await SimulatorFleet.start(configs, boots: boots)
        #expect(fleet.members.allSatisfy { $0.boot != nil })
        let member = try #require(fleet.member(named: "node-1"))
        let mac = member.server.config.macAddress(nic: 0)
        await fake.serveScript(mac: mac, token: "fleet-boot")

        await member.server.setBootOverride(SimBootOverride(device: .pxe))
        await member.server.setPower(on: true)
        #expect(try await BootSequencerTests.eventually { await fake.routes.heartbeats >= 2 })
        #expect(await fake.routes.lookups.map(\.bootToken) == ["fleet-boot"])
        #expect(await member.server.runningSystem == .agent(via: .pxe))

        await fleet.stop()
        #expect(await member.boot?.isBusy == false, "the fleet's stop stops its agents")
        let heartbeats = await fake.routes.heartbeats
        try await Task.sleep(for: .milliseconds(150))
        #expect(await fake.routes.heartbeats == heartbeats)
        await fake.stop()
        await boots.shutdown()
        #expect(FileManager.default.fileExists(atPath: boots.directory(of: configs[1]).path))
    }
}
