import Simulator
import Testing

struct SimulatedServerTests {
    func server() -> SimulatedServer {
        SimulatedServer(config: ServerConfig(name: "n0", vendor: "generic", hardware: "small", bmcScheme: "ipmi"))
    }

    @Test func oneTimeOverrideIsConsumedByTheNextBoot() async {
        let server = self.server()
        await server.setBootOverride(SimBootOverride(device: .pxe, persistent: false))
        await server.setPower(on: true)
        #expect(await server.isPoweredOn)
        #expect(await server.bootOverride == nil)
        #expect(server.console.lines.last?.contains("booting from pxe") == true)
        await server.powerCycle()
        #expect(server.console.lines.last?.contains("booting from disk") == true)
        #expect(await server.stats.boots == 2)
    }

    @Test func persistentOverrideStays() async {
        let server = self.server()
        await server.setBootOverride(SimBootOverride(device: .cdrom, persistent: true))
        await server.setPower(on: true)
        await server.reset()
        #expect(await server.bootOverride?.device == .cdrom)
        #expect(server.console.lines.filter { $0.contains("booting from cdrom") }.count == 2)
    }

    @Test func powerOnWhenOnChangesNothing() async {
        let server = self.server()
        await server.setPower(on: true)
        await server.setPower(on: true)
        #expect(await server.stats.powerTransitions == 1)
    }

    @Test func delayedTransitionAppliesOnceDue() async throws {
        let server = self.server()
        await server.setPowerDelay(.milliseconds(50))
        await server.setPower(on: true)
        #expect(await server.isPoweredOn == false)
        try await Task.sleep(for: .milliseconds(80))
        #expect(await server.isPoweredOn)
    }

    @Test func fleetExpandsNamesAndPorts() throws {
        var group = FleetFile.ServerGroup(
            name: "node-{index}", count: 3, vendor: "generic", hardware: "small", bmc: "ipmi")
        group.labels = ["rack": "r1"]
        let fleet = FleetFile(name: "f", ports: .init(ipmiBase: 20000, redfishBase: 0), servers: [group])
        let configs = try fleet.expand()
        #expect(configs.map(\.name) == ["node-0", "node-1", "node-2"])
        #expect(configs.map(\.ipmiPort) == [20000, 20001, 20002])
        #expect(configs.map(\.redfishPort) == [0, 0, 0])
        #expect(Set(configs.map { $0.macAddress(nic: 0) }).count == 3)
    }

    @Test func duplicateNamesAreRefused() {
        let group = FleetFile.ServerGroup(name: "same", count: 2, vendor: "generic", hardware: "small", bmc: "ipmi")
        #expect(throws: SimulatorError.self) {
            try FleetFile(name: "f", servers: [group]).expand()
        }
    }
}
