import NIOCore

/// The 4-byte RMCP header every datagram on port 623 starts with (ASF 2.0, section 3.2.2).
public struct RMCPHeader: IPMIWireCodable, Hashable {
    public enum MessageClass: UInt8, Sendable, Hashable {
        case asf = 0x06
        case ipmi = 0x07
    }

    public static let version: UInt8 = 0x06
    /// Sequence 0xFF: the receiver sends no RMCP ACK (what IPMI uses).
    public static let noAcknowledge: UInt8 = 0xFF

    public var sequence: UInt8
    public var messageClass: MessageClass
    public var isAcknowledgement: Bool

    public init(messageClass: MessageClass, sequence: UInt8 = RMCPHeader.noAcknowledge, isAcknowledgement: Bool = false)
    {
        self.messageClass = messageClass
        self.sequence = sequence
        self.isAcknowledgement = isAcknowledgement
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.version)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(self.sequence)
        buffer.writeInteger(self.messageClass.rawValue | (self.isAcknowledgement ? 0x80 : 0))
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RMCPHeader {
        let version: UInt8 = try reader.readInteger("rmcp.version")
        guard version == Self.version else {
            throw .invalidValue(field: "rmcp.version", value: UInt64(version), expected: "0x06 (RMCP 1.0)")
        }
        try reader.skip("rmcp.reserved", count: 1)
        let sequence: UInt8 = try reader.readInteger("rmcp.sequence")
        let classByte: UInt8 = try reader.readInteger("rmcp.class")
        guard let messageClass = MessageClass(rawValue: classByte & 0x1F) else {
            throw .invalidValue(field: "rmcp.class", value: UInt64(classByte), expected: "0x06 (ASF) or 0x07 (IPMI)")
        }
        return RMCPHeader(messageClass: messageClass, sequence: sequence, isAcknowledgement: classByte & 0x80 != 0)
    }
}
