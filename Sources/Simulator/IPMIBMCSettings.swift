import IPMIWire

/// What a simulated BMC answers with: its users, identity and session limits.
public struct IPMIBMCSettings: Sendable, Hashable {
    public var users: [SimUser]
    /// The managed system GUID RAKP 2 carries.
    public var guid: [UInt8]
    /// Where the BMC listens: Activate Payload tells SOL consoles to use this port.
    public var port: UInt16
    public var maxSessions: Int
    /// Sessions with no traffic for this long are closed, as a real BMC does.
    public var idleTimeout: Duration
    public var refusedCipherSuites: Set<UInt8>
    /// Behave as if the BMC's passwords had been changed: every RAKP exchange fails.
    public var rejectAllCredentials: Bool
    /// Flip bits of the AuthCode in every signed reply.
    public var corruptIntegrity: Bool
    public var deviceID: GetDeviceID.Response
    /// SOL: how long an unacknowledged packet waits before it is sent again, and how often.
    public var solRetransmitInterval: Duration
    public var solMaxAttempts: Int

    public init(
        users: [SimUser], guid: [UInt8], port: UInt16, maxSessions: Int = 16, idleTimeout: Duration = .seconds(60),
        refusedCipherSuites: Set<UInt8> = [], rejectAllCredentials: Bool = false, corruptIntegrity: Bool = false,
        deviceID: GetDeviceID.Response = IPMIBMCSettings.defaultDeviceID,
        solRetransmitInterval: Duration = .milliseconds(500), solMaxAttempts: Int = 5
    ) {
        self.users = users
        self.guid = guid
        self.port = port
        self.maxSessions = maxSessions
        self.idleTimeout = idleTimeout
        self.refusedCipherSuites = refusedCipherSuites
        self.rejectAllCredentials = rejectAllCredentials
        self.corruptIntegrity = corruptIntegrity
        self.deviceID = deviceID
        self.solRetransmitInterval = solRetransmitInterval
        self.solMaxAttempts = solMaxAttempts
    }

    public static let defaultDeviceID = GetDeviceID.Response(
        firmwareMajor: 2, firmwareMinor: 10, manufacturerID: 0, productID: 0x0F0D)

    /// Settings for a simulated server: its users, a GUID stable across restarts, and an identity from its vendor.
    public static func forServer(_ config: ServerConfig, port: UInt16, faults: FaultSettings) -> IPMIBMCSettings {
        var deviceID = self.defaultDeviceID
        deviceID.manufacturerID = VendorIdentity.ianaEnterpriseNumber(vendor: config.vendor)
        return IPMIBMCSettings(
            users: config.users, guid: self.guid(for: config), port: port,
            refusedCipherSuites: Set(faults.refusedCipherSuites.compactMap { UInt8(exactly: $0) }),
            rejectAllCredentials: faults.rejectAllCredentials, corruptIntegrity: faults.corruptIntegrity,
            deviceID: deviceID)
    }

    /// A version-4-shaped GUID derived from the fleet and server name.
    static func guid(for config: ServerConfig) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for byte in "\(config.fleet)/\(config.name)".utf8 {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        var generator = SplitMix64(seed: state)
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }
}

/// IANA enterprise numbers for the vendors fleets name, so Get Device ID reports a plausible manufacturer.
enum VendorIdentity {
    static func ianaEnterpriseNumber(vendor: String) -> UInt32 {
        let name = vendor.lowercased()
        let known: [(prefix: String, number: UInt32)] = [
            ("dell", 674), ("hpe", 47196), ("hp", 11), ("supermicro", 10876), ("lenovo", 19046),
            ("intel", 343), ("fujitsu", 10368), ("cisco", 5771), ("gigabyte", 15370), ("quanta", 7244),
        ]
        return known.first { name.hasPrefix($0.prefix) }?.number ?? 0
    }
}
