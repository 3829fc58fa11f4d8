/// The first byte of every IPMI response (IPMI 2.0 table 5-2).
public struct CompletionCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let success = CompletionCode(rawValue: 0x00)
    /// Set Session Privilege Level: the level is not available to this user.
    public static let privilegeNotAvailable = CompletionCode(rawValue: 0x81)
    /// Set Session Privilege Level: the level exceeds the user's or channel's limit.
    public static let privilegeExceedsLimit = CompletionCode(rawValue: 0x82)
    /// Activate Payload: already active on another session.
    public static let payloadAlreadyActive = CompletionCode(rawValue: 0x80)
    /// Set System Boot Options: parameter not supported.
    public static let parameterNotSupported = CompletionCode(rawValue: 0x80)
    public static let nodeBusy = CompletionCode(rawValue: 0xC0)
    public static let invalidCommand = CompletionCode(rawValue: 0xC1)
    public static let invalidForLUN = CompletionCode(rawValue: 0xC2)
    public static let timeout = CompletionCode(rawValue: 0xC3)
    public static let outOfSpace = CompletionCode(rawValue: 0xC4)
    public static let invalidReservation = CompletionCode(rawValue: 0xC5)
    public static let requestDataTruncated = CompletionCode(rawValue: 0xC6)
    public static let requestDataLengthInvalid = CompletionCode(rawValue: 0xC7)
    public static let requestDataFieldLengthLimitExceeded = CompletionCode(rawValue: 0xC8)
    public static let parameterOutOfRange = CompletionCode(rawValue: 0xC9)
    public static let cannotReturnRequestedBytes = CompletionCode(rawValue: 0xCA)
    public static let notPresent = CompletionCode(rawValue: 0xCB)
    public static let invalidDataField = CompletionCode(rawValue: 0xCC)
    public static let illegalForSensorOrRecord = CompletionCode(rawValue: 0xCD)
    public static let responseUnavailable = CompletionCode(rawValue: 0xCE)
    public static let duplicateRequest = CompletionCode(rawValue: 0xCF)
    public static let sdrInUpdateMode = CompletionCode(rawValue: 0xD0)
    public static let firmwareUpdateMode = CompletionCode(rawValue: 0xD1)
    public static let initializationInProgress = CompletionCode(rawValue: 0xD2)
    public static let destinationUnavailable = CompletionCode(rawValue: 0xD3)
    public static let insufficientPrivilege = CompletionCode(rawValue: 0xD4)
    public static let notSupportedInPresentState = CompletionCode(rawValue: 0xD5)
    public static let subFunctionDisabled = CompletionCode(rawValue: 0xD6)
    public static let unspecified = CompletionCode(rawValue: 0xFF)

    public var description: String {
        let names: [UInt8: String] = [
            0x00: "success", 0xC0: "node busy", 0xC1: "invalid command", 0xC2: "invalid for LUN",
            0xC3: "timeout", 0xC4: "out of space", 0xC5: "invalid reservation", 0xC6: "request data truncated",
            0xC7: "request data length invalid", 0xC8: "request data field length limit exceeded",
            0xC9: "parameter out of range", 0xCA: "cannot return requested bytes", 0xCB: "not present",
            0xCC: "invalid data field", 0xCD: "illegal for sensor or record", 0xCE: "response unavailable",
            0xCF: "duplicate request", 0xD0: "SDR repository in update mode", 0xD1: "firmware update mode",
            0xD2: "initialization in progress", 0xD3: "destination unavailable", 0xD4: "insufficient privilege",
            0xD5: "not supported in present state", 0xD6: "sub-function disabled", 0xFF: "unspecified error",
        ]
        let hex = "0x" + String(self.rawValue, radix: 16, uppercase: true)
        if let name = names[self.rawValue] {
            return "\(name) (\(hex))"
        }
        return "command-specific error \(hex)"
    }
}
