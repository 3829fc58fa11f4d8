import BMC
import Foundation
import FoundryModel
import Simulator
import TestSupport

/// One simulated server with its Redfish endpoint on 127.0.0.1, and a client's view of it.
struct RedfishSimulatorHarness {
    static let vendors = ["generic", "dell-idrac9", "hpe-ilo5", "supermicro"]

    let server: SimulatedServer
    let service: RedfishService
    let endpoint: RedfishEndpoint

    static func start(
        vendor name: String, useTLS: Bool = true, powerDelay: Duration = .zero
    ) async throws
        -> RedfishSimulatorHarness
    {
        let vendor = try VendorProfile.load(name: name, mocks: ProjectPaths.firmwareMocks)
        let mocks = try RedfishTestHardware.mocksDirectory()
        defer { mocks.remove() }
        let hardware = try HardwareProfile.load(name: RedfishTestHardware.name, mocks: mocks.url)
        var config = ServerConfig(
            name: "node-0", vendor: name, hardware: RedfishTestHardware.name, bmcScheme: "redfish")
        vendor.apply(to: &config)
        let server = SimulatedServer(config: config, powerDelay: powerDelay)
        let service = RedfishService(server: server, vendor: vendor, hardware: hardware)
        let endpoint = try await RedfishEndpoint.start(service: service, useTLS: useTLS)
        return RedfishSimulatorHarness(server: server, service: service, endpoint: endpoint)
    }

    /// `redfish+https://127.0.0.1:PORT`, optionally with the system path.
    func address(scheme: String = "redfish", withSystem: Bool = false) throws -> BMCAddress {
        let transport = self.endpoint.useTLS ? "https" : "http"
        let path = withSystem ? self.service.ids.systemPath : ""
        return try BMCAddress.parse("\(scheme)+\(transport)://127.0.0.1:\(self.endpoint.port)\(path)")
    }

    func connect(
        password: String = "password", verify: Bool = false, scheme: String = "redfish",
        timeout: Duration = .seconds(5),
        attempts: Int = 4, authMode: RedfishAuthMode = .auto, maxRetryAfter: Duration = .milliseconds(200)
    ) async throws -> RedfishClient {
        let options = BMCConnectionOptions(
            disableCertificateVerification: !verify, requestTimeout: timeout, maxAttempts: attempts)
        var configuration = RedfishClient.Configuration(
            options: options, authMode: authMode, powerTimeout: .seconds(5), pollInterval: .milliseconds(20))
        configuration.retry = RedfishRetryPolicy(
            maxAttempts: attempts, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100),
            maxRetryAfter: maxRetryAfter)
        return try await RedfishClient.connect(
            try self.address(scheme: scheme), credentials: BMCCredentials(username: "admin", password: password),
            options: options, configuration: configuration)
    }

    func stop() async {
        await self.endpoint.stop()
    }
}
