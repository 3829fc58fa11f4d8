import Foundation
import Yams

/// A fleet file (`firmware-mocks/fleets/*.yaml`): the simulated servers to start.
///
/// ```yaml
/// name: rack-8
/// credentials: {username: admin, password: password}
/// ports: {ipmiBase: 16230, redfishBase: 18440}   # server i listens on base + i; 0 = any free port
/// servers:
///   - name: r1-node-{index}
///     count: 2
///     vendor: dell-idrac9          # firmware-mocks/vendors/dell-idrac9.yaml
///     hardware: dell-r650          # firmware-mocks/hardware/dell-r650.yaml
///     bmc: idrac-virtualmedia      # the address scheme --print-hosts writes
///     labels: {rack: r1, role: control-plane}
/// ```
public struct FleetFile: Codable, Sendable, Hashable {
    public var name: String
    public var credentials: SimCredentials?
    public var ports: PortPlan?
    public var servers: [ServerGroup]

    public struct PortPlan: Codable, Sendable, Hashable {
        public var ipmiBase: Int?
        public var redfishBase: Int?

        public init(ipmiBase: Int? = nil, redfishBase: Int? = nil) {
            self.ipmiBase = ipmiBase
            self.redfishBase = redfishBase
        }
    }

    public struct ServerGroup: Codable, Sendable, Hashable {
        /// `{index}` is replaced by the server's index within the group (0-based).
        public var name: String
        public var count: Int?
        public var vendor: String
        public var hardware: String
        public var bmc: String
        /// Serve Redfish over HTTPS with a self-signed certificate (default) or plain HTTP.
        public var redfishTLS: Bool?
        public var credentials: SimCredentials?
        public var labels: [String: String]?
        public var faults: FaultSettings?
        public var bootMode: SimBootMode?
        public var poweredOn: Bool?

        public init(name: String, count: Int? = nil, vendor: String, hardware: String, bmc: String) {
            self.name = name
            self.count = count
            self.vendor = vendor
            self.hardware = hardware
            self.bmc = bmc
        }
    }

    public init(name: String, credentials: SimCredentials? = nil, ports: PortPlan? = nil, servers: [ServerGroup]) {
        self.name = name
        self.credentials = credentials
        self.ports = ports
        self.servers = servers
    }

    public static func load(path: String) throws -> FleetFile {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            return try YAMLDecoder().decode(FleetFile.self, from: text)
        } catch {
            throw SimulatorError.invalidFleet("\(path): \(error)")
        }
    }

    /// One config per simulated server, in file order, with names expanded and ports assigned.
    public func expand() throws(SimulatorError) -> [ServerConfig] {
        var configs: [ServerConfig] = []
        var seen = Set<String>()
        for group in self.servers {
            let count = group.count ?? 1
            guard count >= 0 else {
                throw .invalidFleet("servers[\(group.name)].count: must not be negative (got \(count))")
            }
            for index in 0..<count {
                let name = group.name.replacingOccurrences(of: "{index}", with: String(index))
                guard seen.insert(name).inserted else {
                    throw .invalidFleet("two servers are named \"\(name)\"; use {index} in a group with a count")
                }
                configs.append(self.config(for: group, name: name, position: configs.count))
            }
        }
        return configs
    }

    private func config(for group: ServerGroup, name: String, position: Int) -> ServerConfig {
        let credentials = group.credentials ?? self.credentials ?? SimCredentials()
        var config = ServerConfig(name: name, vendor: group.vendor, hardware: group.hardware, bmcScheme: group.bmc)
        config.fleet = self.name
        config.users = [SimUser(name: credentials.username, password: credentials.password, privilege: .administrator)]
        config.labels = group.labels ?? [:]
        config.faults = group.faults
        config.redfishTLS = group.redfishTLS ?? true
        config.defaultBootMode = group.bootMode ?? .uefi
        config.initiallyPoweredOn = group.poweredOn
        config.ipmiPort = self.ports?.ipmiBase.map { $0 == 0 ? 0 : $0 + position } ?? 0
        config.redfishPort = self.ports?.redfishBase.map { $0 == 0 ? 0 : $0 + position } ?? 0
        return config
    }
}

public struct SimCredentials: Codable, Sendable, Hashable {
    public var username: String
    public var password: String

    public init(username: String = "admin", password: String = "password") {
        self.username = username
        self.password = password
    }
}

public enum SimPrivilege: Int, Codable, Sendable, Hashable, Comparable {
    case callback = 1
    case user = 2
    case `operator` = 3
    case administrator = 4

    public static func < (lhs: SimPrivilege, rhs: SimPrivilege) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

public struct SimUser: Codable, Sendable, Hashable {
    public var name: String
    public var password: String
    public var privilege: SimPrivilege

    public init(name: String, password: String, privilege: SimPrivilege) {
        self.name = name
        self.password = password
        self.privilege = privilege
    }
}

/// Everything one simulated server is started with.
public struct ServerConfig: Sendable, Hashable {
    public var name: String
    public var fleet: String = "fleet"
    public var vendor: String
    public var hardware: String
    /// The BMC address scheme manifests use for this server (`ipmi`, `redfish-virtualmedia`, ...).
    public var bmcScheme: String
    public var users: [SimUser] = [SimUser(name: "admin", password: "password", privilege: .administrator)]
    public var labels: [String: String] = [:]
    public var faults: FaultSettings?
    public var redfishTLS = true
    public var defaultBootMode: SimBootMode = .uefi
    public var initiallyPoweredOn: Bool?
    /// UDP port for the IPMI endpoint; 0 picks a free one at start.
    public var ipmiPort = 0
    /// TCP port for the Redfish endpoint; 0 picks a free one at start.
    public var redfishPort = 0
    public var virtualMediaSlots: [VirtualMediaSlot] = [VirtualMediaSlot(id: "Cd", mediaTypes: ["CD", "DVD"])]
    /// The Redfish system path the server's vendor uses (`/redfish/v1/Systems/System.Embedded.1`);
    /// set with the virtual media slots by `VendorProfile.apply(to:)`.
    public var redfishSystemPath: String?

    public init(name: String, vendor: String, hardware: String, bmcScheme: String) {
        self.name = name
        self.vendor = vendor
        self.hardware = hardware
        self.bmcScheme = bmcScheme
    }

    /// Stable, locally administered MAC addresses for this server's NICs, derived from fleet and name
    /// so that a restarted simulator keeps them.
    public func macAddress(nic index: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(self.fleet)/\(self.name)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let bytes: [UInt8] = [
            0x02,
            UInt8(truncatingIfNeeded: hash >> 32),
            UInt8(truncatingIfNeeded: hash >> 24),
            UInt8(truncatingIfNeeded: hash >> 16),
            UInt8(truncatingIfNeeded: hash >> 8),
            UInt8(truncatingIfNeeded: (hash & 0xf0) | UInt64(index & 0x0f)),
        ]
        return bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    /// The user with this name and password, if any.
    public func user(named name: String, password: String) -> SimUser? {
        self.users.first { $0.name == name && $0.password == password }
    }
}

/// Finds `firmware-mocks/`: `$FOUNDRY_MOCKS`, else the first `firmware-mocks` folder found from the
/// working directory upwards.
public enum FirmwareMocks {
    public static func locate(explicit: String? = nil) throws(SimulatorError) -> URL {
        if let path = explicit ?? ProcessInfo.processInfo.environment["FOUNDRY_MOCKS"] {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<8 {
            let candidate = directory.appendingPathComponent("firmware-mocks")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        throw .missingProfile(
            kind: "firmware-mocks", name: "firmware-mocks", searched: "the working directory and its parents")
    }
}
