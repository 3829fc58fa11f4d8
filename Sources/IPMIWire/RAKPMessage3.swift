import NIOCore

/// RAKP Message 3 (IPMI 2.0 table 13-13): the console's proof that it knows the password.
public struct RAKPMessage3: IPMIWireCodable, Hashable {
    public var messageTag: UInt8
    public var status: RMCPPlusStatus
    public var bmcSessionID: UInt32
    public var keyExchangeCode: [UInt8]

    public init(messageTag: UInt8, status: RMCPPlusStatus, bmcSessionID: UInt32, keyExchangeCode: [UInt8]) {
        self.messageTag = messageTag
        self.status = status
        self.bmcSessionID = bmcSessionID
        self.keyExchangeCode = keyExchangeCode
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeInteger(self.status.rawValue)
        buffer.writeRepeatingByte(0, count: 2)
        buffer.writeIPMIInteger(self.bmcSessionID)
        buffer.writeBytes(self.keyExchangeCode)
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RAKPMessage3 {
        let tag: UInt8 = try reader.readInteger("rakp3.message_tag")
        let status = RMCPPlusStatus(rawValue: try reader.readInteger("rakp3.status"))
        try reader.skip("rakp3.reserved", count: 2)
        let sessionID: UInt32 = try reader.readInteger("rakp3.bmc_session_id")
        guard reader.remaining <= 32 else {
            throw .lengthOutOfRange(field: "rakp3.key_exchange_code", length: reader.remaining, limit: 32)
        }
        let code = try reader.readBytes("rakp3.key_exchange_code", count: reader.remaining)
        return RAKPMessage3(messageTag: tag, status: status, bmcSessionID: sessionID, keyExchangeCode: code)
    }
}
