/// RMCP+ and RAKP message status codes (IPMI 2.0 table 13-15).
public struct RMCPPlusStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let noErrors = RMCPPlusStatus(rawValue: 0x00)
    public static let insufficientResources = RMCPPlusStatus(rawValue: 0x01)
    public static let invalidSessionID = RMCPPlusStatus(rawValue: 0x02)
    public static let invalidPayloadType = RMCPPlusStatus(rawValue: 0x03)
    public static let invalidAuthenticationAlgorithm = RMCPPlusStatus(rawValue: 0x04)
    public static let invalidIntegrityAlgorithm = RMCPPlusStatus(rawValue: 0x05)
    public static let noMatchingAuthenticationPayload = RMCPPlusStatus(rawValue: 0x06)
    public static let noMatchingIntegrityPayload = RMCPPlusStatus(rawValue: 0x07)
    public static let inactiveSessionID = RMCPPlusStatus(rawValue: 0x08)
    public static let invalidRole = RMCPPlusStatus(rawValue: 0x09)
    public static let unauthorizedRole = RMCPPlusStatus(rawValue: 0x0A)
    public static let insufficientResourcesForRole = RMCPPlusStatus(rawValue: 0x0B)
    public static let invalidNameLength = RMCPPlusStatus(rawValue: 0x0C)
    public static let unauthorizedName = RMCPPlusStatus(rawValue: 0x0D)
    public static let unauthorizedGUID = RMCPPlusStatus(rawValue: 0x0E)
    public static let invalidIntegrityCheckValue = RMCPPlusStatus(rawValue: 0x0F)
    public static let invalidConfidentialityAlgorithm = RMCPPlusStatus(rawValue: 0x10)
    public static let noCipherSuiteMatch = RMCPPlusStatus(rawValue: 0x11)
    public static let illegalParameter = RMCPPlusStatus(rawValue: 0x12)

    public var description: String {
        let names: [UInt8: String] = [
            0x00: "no errors", 0x01: "insufficient resources to create a session", 0x02: "invalid session ID",
            0x03: "invalid payload type", 0x04: "invalid authentication algorithm",
            0x05: "invalid integrity algorithm", 0x06: "no matching authentication payload",
            0x07: "no matching integrity payload", 0x08: "inactive session ID", 0x09: "invalid role",
            0x0A: "unauthorized role or privilege level requested",
            0x0B: "insufficient resources to create a session at the requested role", 0x0C: "invalid name length",
            0x0D: "unauthorized name", 0x0E: "unauthorized GUID", 0x0F: "invalid integrity check value",
            0x10: "invalid confidentiality algorithm", 0x11: "no cipher suite match with proposed security algorithms",
            0x12: "illegal or unrecognized parameter",
        ]
        return names[self.rawValue] ?? "status 0x\(String(self.rawValue, radix: 16))"
    }
}
