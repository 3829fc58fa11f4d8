import Foundation
import RedfishModel
import Simulator
import TestSupport

/// Profiles and servers for the Redfish tests: the repo's vendor profiles and TestSupport's small
/// hardware profile.
enum RedfishFixtures {
    static let vendors = ["generic", "dell-idrac9", "hpe-ilo5", "supermicro"]

    static func hardware() throws -> HardwareProfile {
        let directory = try RedfishTestHardware.mocksDirectory()
        defer { directory.remove() }
        return try HardwareProfile.load(name: RedfishTestHardware.name, mocks: directory.url)
    }

    static func vendor(_ name: String) throws -> VendorProfile {
        try VendorProfile.load(name: name, mocks: ProjectPaths.firmwareMocks)
    }

    static func service(
        vendor name: String, users: [SimUser]? = nil, powerDelay: Duration = .zero
    ) throws
        -> RedfishService
    {
        let vendor = try self.vendor(name)
        var config = ServerConfig(name: "node-0", vendor: name, hardware: "test-small", bmcScheme: "redfish")
        vendor.apply(to: &config)
        if let users {
            config.users = users
        }
        let server = SimulatedServer(config: config, powerDelay: powerDelay)
        return RedfishService(server: server, vendor: vendor, hardware: try self.hardware())
    }

    static let basic = "Basic " + Data("admin:password".utf8).base64EncodedString()

    static func request(
        _ method: String, _ path: String, json: String? = nil, headers: [String: String] = [:], auth: Bool = true
    ) -> RedfishSimRequest {
        var all = headers
        if auth, all["x-auth-token"] == nil {
            all["authorization"] = self.basic
        }
        if json != nil {
            all["content-type"] = all["content-type"] ?? "application/json"
        }
        let parts = path.split(separator: "?", maxSplits: 1)
        return RedfishSimRequest(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "", headers: all,
            body: Data((json ?? "").utf8))
    }
}

extension RedfishSimResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try RedfishJSON.decode(type, from: self.body)
    }

    var error: RedfishErrorBody? {
        try? RedfishJSON.decode(RedfishErrorBody.self, from: self.body)
    }
}
