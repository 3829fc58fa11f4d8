/// IPMI network function codes (requests are even; the response is the request + 1).
public struct NetFunction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x3F
    }

    public static let chassis = NetFunction(rawValue: 0x00)
    public static let bridge = NetFunction(rawValue: 0x02)
    public static let sensorEvent = NetFunction(rawValue: 0x04)
    public static let app = NetFunction(rawValue: 0x06)
    public static let firmware = NetFunction(rawValue: 0x08)
    public static let storage = NetFunction(rawValue: 0x0A)
    public static let transport = NetFunction(rawValue: 0x0C)
    public static let groupExtension = NetFunction(rawValue: 0x2C)

    public var isResponse: Bool { self.rawValue & 1 == 1 }
    /// The response code for a request code.
    public var response: NetFunction { NetFunction(rawValue: self.rawValue | 1) }
    /// The request code for a response code.
    public var request: NetFunction { NetFunction(rawValue: self.rawValue & 0x3E) }

    public var description: String {
        let names: [UInt8: String] = [
            0x00: "chassis", 0x02: "bridge", 0x04: "sensor/event", 0x06: "app", 0x08: "firmware",
            0x0A: "storage", 0x0C: "transport", 0x2C: "group extension",
        ]
        let base = names[self.request.rawValue] ?? "0x\(String(self.request.rawValue, radix: 16))"
        return self.isResponse ? "\(base) response" : base
    }
}

/// A command: network function plus command code.
public struct IPMICommand: Sendable, Hashable, CustomStringConvertible {
    public var netFunction: NetFunction
    public var code: UInt8

    public init(_ netFunction: NetFunction, _ code: UInt8) {
        self.netFunction = netFunction.request
        self.code = code
    }

    public static let getDeviceID = IPMICommand(.app, 0x01)
    public static let getChannelAuthenticationCapabilities = IPMICommand(.app, 0x38)
    public static let setSessionPrivilegeLevel = IPMICommand(.app, 0x3B)
    public static let closeSession = IPMICommand(.app, 0x3C)
    public static let activatePayload = IPMICommand(.app, 0x48)
    public static let deactivatePayload = IPMICommand(.app, 0x49)
    public static let getPayloadActivationStatus = IPMICommand(.app, 0x4A)
    public static let getChannelPayloadSupport = IPMICommand(.app, 0x4E)
    public static let getChannelCipherSuites = IPMICommand(.app, 0x54)
    public static let getChassisStatus = IPMICommand(.chassis, 0x01)
    public static let chassisControl = IPMICommand(.chassis, 0x02)
    public static let setSystemBootOptions = IPMICommand(.chassis, 0x08)
    public static let getSystemBootOptions = IPMICommand(.chassis, 0x09)
    public static let getSOLConfigurationParameters = IPMICommand(.transport, 0x22)

    public var description: String {
        let names: [IPMICommand: String] = [
            .getDeviceID: "Get Device ID",
            .getChannelAuthenticationCapabilities: "Get Channel Authentication Capabilities",
            .setSessionPrivilegeLevel: "Set Session Privilege Level",
            .closeSession: "Close Session",
            .activatePayload: "Activate Payload",
            .deactivatePayload: "Deactivate Payload",
            .getPayloadActivationStatus: "Get Payload Activation Status",
            .getChannelPayloadSupport: "Get Channel Payload Support",
            .getChannelCipherSuites: "Get Channel Cipher Suites",
            .getChassisStatus: "Get Chassis Status",
            .chassisControl: "Chassis Control",
            .setSystemBootOptions: "Set System Boot Options",
            .getSystemBootOptions: "Get System Boot Options",
            .getSOLConfigurationParameters: "Get SOL Configuration Parameters",
        ]
        return names[self] ?? "\(self.netFunction) command 0x\(String(self.code, radix: 16))"
    }
}
