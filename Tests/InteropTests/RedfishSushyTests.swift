import Foundation
import Simulator
import TestSupport
import Testing

/// sushy, the Redfish library Ironic uses, against the simulator for every vendor profile; after
/// each of its steps the simulator's own state is checked.
@Suite(.serialized)
struct RedfishSushyTests {
    struct Step: Decodable {
        var step: String
        var power: String?
        var id: String?
        var target: String?
        var enabled: String?
        var device: String?
        var image: String?
        var inserted: Bool?
        var sockets: Int?
        var cores: Int?
        var threads: Int?
        var memory_gib: Double?
        var drive_bytes: [Int64]?
        var simple_bytes: [Int64]?
        var nics: [String]?
    }

    @Test(arguments: RedfishSimHarness.vendors)
    func sushyDrivesEveryOperation(vendor: String) async throws {
        let python = try ExternalTool.venvPython()
        let harness = try await RedfishSimHarness.start(vendor: vendor)
        let server = harness.server
        let image = "http://127.0.0.1:8080/images/agent.iso"
        let peer = try RedfishLineProcess(
            python,
            [
                ProjectPaths.root.appendingPathComponent("Tests/InteropTests/Scripts/redfish_sushy.py").path,
                harness.endpoint.baseURL, "admin", harness.service.ids.systemPath, image,
            ])
        try peer.send("password")
        var steps: [String] = []
        do {
            while let line = try await peer.readLine() {
                let step = try JSONDecoder().decode(Step.self, from: Data(line.utf8))
                steps.append(step.step)
                try await Self.check(step, server: server, harness: harness, image: image)
                try peer.send("next")
            }
        } catch {
            peer.kill()
            Issue.record("\(vendor): \(error)")
        }
        let (status, stderr) = await peer.finish()
        await harness.stop()
        #expect(status == 0, "\(vendor): sushy script failed: \(stderr)")
        #expect(
            steps == [
                "system", "power-on", "power-off", "restart", "boot-once", "boot-continuous", "insert", "eject",
                "inventory",
            ], "\(vendor): \(stderr)")
    }

    static func check(_ step: Step, server: SimulatedServer, harness: RedfishSimHarness, image: String) async throws {
        let name = "\(server.config.vendor) \(step.step)"
        switch step.step {
        case "system":
            #expect(step.id == harness.service.ids.system, "\(name)")
            #expect(step.power == "Off", "\(name)")
        case "power-on":
            #expect(await server.isPoweredOn, "\(name)")
            #expect(step.power == "On", "\(name)")
        case "power-off":
            #expect(await server.isPoweredOn == false, "\(name)")
            #expect(step.power == "Off", "\(name)")
        case "restart":
            #expect(await server.isPoweredOn, "\(name)")
            // On, then a forced restart: two boots.
            #expect(await server.stats.boots == 3, "\(name)")
        case "boot-once":
            #expect(
                await server.bootOverride == SimBootOverride(device: .pxe, persistent: false, mode: .uefi), "\(name)")
            #expect(step.target == "Pxe" && step.enabled == "Once", "\(name)")
        case "boot-continuous":
            #expect(
                await server.bootOverride == SimBootOverride(device: .cdrom, persistent: true, mode: .uefi), "\(name)")
            #expect(step.target == "Cd" && step.enabled == "Continuous", "\(name)")
        case "insert":
            let slot = await server.virtualMedia.first { $0.id == step.device }
            #expect(slot?.inserted == true && slot?.image == image, "\(name)")
            #expect(slot?.mediaTypes.contains("CD") == true, "\(name)")
            #expect(step.inserted == true && step.image == image, "\(name)")
        case "eject":
            let slot = await server.virtualMedia.first { $0.id == step.device }
            #expect(slot?.inserted == false && slot?.image == nil, "\(name)")
            #expect(step.inserted == false, "\(name)")
        case "inventory":
            #expect(step.sockets == 2 && step.cores == 4 && step.threads == 8, "\(name)")
            #expect(step.memory_gib == 16, "\(name)")
            #expect(step.drive_bytes == [480_103_981_056, 1_600_321_314_816], "\(name)")
            #expect(step.simple_bytes == [480_103_981_056, 1_600_321_314_816], "\(name)")
            #expect(
                step.nics == [server.config.macAddress(nic: 0), server.config.macAddress(nic: 1)].sorted(), "\(name)")
        default:
            Issue.record("unexpected step \(step.step)")
        }
    }
}
