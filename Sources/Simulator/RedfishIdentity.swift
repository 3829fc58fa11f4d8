import Crypto
import Foundation

extension ServerConfig {
    /// The server's SMBIOS system UUID, stable for a fleet and server name (so a restarted simulator
    /// keeps it), in the form Redfish and DMI print it.
    public var systemUUID: String {
        Self.derivedUUID("foundry-system-uuid/\(self.fleet)/\(self.name)")
    }

    /// The UUID of the server's BMC (Redfish ServiceRoot and Manager).
    public var bmcUUID: String {
        Self.derivedUUID("foundry-bmc-uuid/\(self.fleet)/\(self.name)")
    }

    private static func derivedUUID(_ seed: String) -> String {
        let digest = Array(SHA256.hash(data: Data(seed.utf8)))
        var bytes = Array(digest.prefix(16))
        // RFC 9562 version 8 (custom), variant 10.
        bytes[6] = (bytes[6] & 0x0f) | 0x80
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}

/// The resource ids one server's Redfish service uses, with the vendor's `{uuid}` filled in.
public struct RedfishIDs: Sendable, Hashable {
    public var system: String
    public var manager: String
    public var chassis: String

    public init(vendor: VendorProfile, config: ServerConfig) {
        let uuid = config.systemUUID
        self.system = vendor.redfish.systemId.replacingOccurrences(of: "{uuid}", with: uuid)
        self.manager = vendor.redfish.managerId.replacingOccurrences(of: "{uuid}", with: uuid)
        self.chassis = vendor.redfish.chassisId.replacingOccurrences(of: "{uuid}", with: uuid)
    }

    public var systemPath: String { "/redfish/v1/Systems/\(self.system)" }
    public var managerPath: String { "/redfish/v1/Managers/\(self.manager)" }
    public var chassisPath: String { "/redfish/v1/Chassis/\(self.chassis)" }
}
