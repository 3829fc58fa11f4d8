import Foundation
import Simulator
import TestSupport

/// One simulated server with its Redfish endpoint on 127.0.0.1, for the interop tests.
struct RedfishSimHarness {
    static let vendors = ["generic", "dell-idrac9", "hpe-ilo5", "supermicro"]

    let server: SimulatedServer
    let service: RedfishService
    let endpoint: RedfishEndpoint

    static func start(
        vendor name: String, useTLS: Bool = true, serverName: String = "node-0"
    ) async throws
        -> RedfishSimHarness
    {
        let vendor = try VendorProfile.load(name: name, mocks: ProjectPaths.firmwareMocks)
        let mocks = try RedfishTestHardware.mocksDirectory()
        defer { mocks.remove() }
        let hardware = try HardwareProfile.load(name: RedfishTestHardware.name, mocks: mocks.url)
        var config = ServerConfig(
            name: serverName, vendor: name, hardware: RedfishTestHardware.name, bmcScheme: "redfish")
        vendor.apply(to: &config)
        let server = SimulatedServer(config: config)
        let service = RedfishService(server: server, vendor: vendor, hardware: hardware)
        let endpoint = try await RedfishEndpoint.start(service: service, useTLS: useTLS)
        return RedfishSimHarness(server: server, service: service, endpoint: endpoint)
    }

    func stop() async {
        await self.endpoint.stop()
    }
}
