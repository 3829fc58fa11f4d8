/// IPMI privilege levels (IPMI 2.0 section 6.8). `highest` only appears in requests: "the most the user may have".
public enum PrivilegeLevel: UInt8, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case highest = 0x00
    case callback = 0x01
    case user = 0x02
    case `operator` = 0x03
    case administrator = 0x04
    case oem = 0x05

    public static func < (lhs: PrivilegeLevel, rhs: PrivilegeLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Parses `ADMINISTRATOR`, `operator`, `USER`... as Metal3's `privilegelevel=` query does.
    public init?(name: String) {
        switch name.lowercased() {
        case "callback": self = .callback
        case "user": self = .user
        case "operator": self = .operator
        case "administrator", "admin": self = .administrator
        case "oem": self = .oem
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .highest: "highest available"
        case .callback: "CALLBACK"
        case .user: "USER"
        case .operator: "OPERATOR"
        case .administrator: "ADMINISTRATOR"
        case .oem: "OEM"
        }
    }
}
