import Foundation
import FoundryModel
import Simulator
import TestSupport
import Testing
import Yams

struct SimulatorFleetTests {
    @Test func ipmiRackFleetStartsWithAnEndpointPerServer() async throws {
        let file = try FleetFile.load(
            path: ProjectPaths.firmwareMocks.appendingPathComponent("fleets/ipmi-rack-4.yaml").path)
        var configs = try file.expand()
        #expect(configs.map(\.ipmiPort) == [16230, 16231, 16232, 16233])
        for index in configs.indices {
            configs[index].ipmiPort = 0
        }
        let fleet = try await SimulatorFleet.start(configs)
        #expect(fleet.members.count == 4)
        let ports = fleet.members.compactMap { $0.endpoint("ipmi")?.port }
        #expect(ports.count == 4 && Set(ports).count == 4 && !ports.contains(0))
        #expect(fleet.member(named: "ipmi-node-2")?.endpoint("ipmi")?.address.hasPrefix("ipmi://127.0.0.1:") == true)
        await fleet.stop()
    }

    @Test func manifestsDescribeTheFleet() throws {
        let file = try FleetFile.load(
            path: ProjectPaths.firmwareMocks.appendingPathComponent("fleets/ipmi-rack-4.yaml").path)
        let configs = try file.expand()
        let pairs = configs.map { FleetManifests.manifests(for: $0, ipmiPort: $0.ipmiPort, redfishPort: 0) }
        let text = try FleetManifests.yaml(pairs)
        let documents = text.components(separatedBy: "---\n").filter { !$0.isEmpty }
        #expect(documents.count == 8)
        let host = try YAMLDecoder().decode(BareMetalHost.self, from: documents[0])
        let secret = try YAMLDecoder().decode(Secret.self, from: documents[1])
        #expect(host.metadata.name == "ipmi-node-0")
        #expect(host.spec.bmc?.address == "ipmi://127.0.0.1:16230")
        #expect(host.spec.bmc?.credentialsName == secret.metadata.name)
        #expect(host.spec.bootMACAddress == configs[0].macAddress(nic: 0))
        #expect(host.metadata.labels?["rack"] == "r1")
        #expect(secret.string(forKey: "password") == "password")
        #expect(secret.data?["username"] == Data("admin".utf8).base64EncodedString())
        #expect(try BMCAddress.parse(host.spec.bmc?.address ?? "").port == 16230)
    }
}
