import Foundation
import NIOCore
import Synchronization

extension RedfishEndpoint: SimulatorEndpoint {
    public var kind: String { "redfish" }

    /// The address `foundry bmc --address` takes: the server's Redfish scheme, port and system.
    public var address: String {
        let config = self.service.server.config
        let base = config.bmcScheme.split(separator: "+").first.map(String.init) ?? config.bmcScheme
        let scheme = base.hasPrefix("redfish") || base.hasPrefix("idrac") || base.hasPrefix("ilo5") ? base : "redfish"
        return "\(scheme)+\(self.useTLS ? "https" : "http")://127.0.0.1:\(self.port)\(self.service.ids.systemPath)"
    }
}

/// Starts the Redfish endpoint of each server whose vendor offers Redfish, with the server's
/// vendor and hardware profiles from a firmware-mocks folder, on its configured port (0: any free
/// port), over HTTPS with a fresh self-signed certificate or plain HTTP as the fleet says.
public final class RedfishEndpointStarter: SimulatorEndpointStarter {
    public let mocks: URL
    /// Profiles loaded once per name for the whole fleet.
    private let vendors = Mutex<[String: VendorProfile]>([:])
    private let hardwareProfiles = Mutex<[String: HardwareProfile]>([:])

    public init(mocks: URL) {
        self.mocks = mocks
    }

    public func start(_ server: SimulatedServer, group: any EventLoopGroup) async throws -> (any SimulatorEndpoint)? {
        let config = server.config
        let vendor = try self.vendor(config.vendor)
        guard vendor.offersRedfish else {
            return nil
        }
        let hardware = try self.hardware(config.hardware)
        let service = RedfishService(server: server, vendor: vendor, hardware: hardware)
        return try await RedfishEndpoint.start(
            service: service, port: config.redfishPort, useTLS: config.redfishTLS, group: group)
    }

    private func vendor(_ name: String) throws -> VendorProfile {
        if let cached = self.vendors.withLock({ $0[name] }) {
            return cached
        }
        let profile = try VendorProfile.load(name: name, mocks: self.mocks)
        self.vendors.withLock { $0[name] = profile }
        return profile
    }

    private func hardware(_ name: String) throws -> HardwareProfile {
        if let cached = self.hardwareProfiles.withLock({ $0[name] }) {
            return cached
        }
        let profile = try HardwareProfile.load(name: name, mocks: self.mocks)
        self.hardwareProfiles.withLock { $0[name] = profile }
        return profile
    }
}
