/// Why a datagram or message could not be decoded or opened. Every case names the field at fault.
public enum IPMIWireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes ended before `field` could be read.
    case truncated(field: String, needed: Int, available: Int)
    /// `field` holds a value the protocol does not allow.
    case invalidValue(field: String, value: UInt64, expected: String)
    /// A length field claims more than the protocol or the datagram allows.
    case lengthOutOfRange(field: String, length: Int, limit: Int)
    /// An IPMI message checksum does not add up.
    case badChecksum(field: String, expected: UInt8, actual: UInt8)
    /// The integrity code (AuthCode) does not match the packet.
    case integrityCheckFailed
    /// The payload could not be decrypted (bad length or padding).
    case decryptionFailed(String)
    /// The packet is authenticated or encrypted but no session keys were given, or the other way around.
    case securityMismatch(String)
    /// Bytes are left over after a fixed-size message.
    case trailingBytes(field: String, count: Int)

    public var description: String {
        switch self {
        case .truncated(let field, let needed, let available):
            "\(field): truncated (needs \(needed) bytes, \(available) left)"
        case .invalidValue(let field, let value, let expected):
            "\(field): invalid value 0x\(String(value, radix: 16)) (expected \(expected))"
        case .lengthOutOfRange(let field, let length, let limit):
            "\(field): length \(length) is out of range (limit \(limit))"
        case .badChecksum(let field, let expected, let actual):
            "\(field): bad checksum 0x\(String(actual, radix: 16)) (expected 0x\(String(expected, radix: 16)))"
        case .integrityCheckFailed:
            "session trailer: integrity code does not match"
        case .decryptionFailed(let reason):
            "payload: cannot decrypt (\(reason))"
        case .securityMismatch(let reason):
            "session header: \(reason)"
        case .trailingBytes(let field, let count):
            "\(field): \(count) unexpected trailing bytes"
        }
    }
}
