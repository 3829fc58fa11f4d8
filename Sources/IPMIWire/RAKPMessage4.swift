import NIOCore

/// RAKP Message 4 (IPMI 2.0 table 13-14): the BMC's proof that it derived the same session key.
public struct RAKPMessage4: IPMIWireCodable, Hashable {
    public var messageTag: UInt8
    public var status: RMCPPlusStatus
    public var consoleSessionID: UInt32
    public var integrityCheck: [UInt8]

    public init(messageTag: UInt8, status: RMCPPlusStatus, consoleSessionID: UInt32, integrityCheck: [UInt8] = []) {
        self.messageTag = messageTag
        self.status = status
        self.consoleSessionID = consoleSessionID
        self.integrityCheck = integrityCheck
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeInteger(self.status.rawValue)
        buffer.writeRepeatingByte(0, count: 2)
        buffer.writeIPMIInteger(self.consoleSessionID)
        if self.status == .noErrors {
            buffer.writeBytes(self.integrityCheck)
        }
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RAKPMessage4 {
        let tag: UInt8 = try reader.readInteger("rakp4.message_tag")
        let status = RMCPPlusStatus(rawValue: try reader.readInteger("rakp4.status"))
        try reader.skip("rakp4.reserved", count: 2)
        let sessionID: UInt32 = try reader.readInteger("rakp4.console_session_id")
        guard reader.remaining <= 32 else {
            throw .lengthOutOfRange(field: "rakp4.integrity_check", length: reader.remaining, limit: 32)
        }
        let check = try reader.readBytes("rakp4.integrity_check", count: reader.remaining)
        return RAKPMessage4(messageTag: tag, status: status, consoleSessionID: sessionID, integrityCheck: check)
    }
}
