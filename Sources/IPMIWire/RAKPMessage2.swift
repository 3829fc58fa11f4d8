import NIOCore

/// RAKP Message 2 (IPMI 2.0 table 13-12): the BMC's random number, GUID and proof that it knows the password.
public struct RAKPMessage2: IPMIWireCodable, Hashable {
    public static let guidLength = 16

    public var messageTag: UInt8
    public var status: RMCPPlusStatus
    public var consoleSessionID: UInt32
    public var bmcRandom: [UInt8]
    public var bmcGUID: [UInt8]
    public var keyExchangeCode: [UInt8]

    public init(
        messageTag: UInt8, status: RMCPPlusStatus, consoleSessionID: UInt32, bmcRandom: [UInt8] = [],
        bmcGUID: [UInt8] = [], keyExchangeCode: [UInt8] = []
    ) {
        self.messageTag = messageTag
        self.status = status
        self.consoleSessionID = consoleSessionID
        self.bmcRandom = bmcRandom
        self.bmcGUID = bmcGUID
        self.keyExchangeCode = keyExchangeCode
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeInteger(self.status.rawValue)
        buffer.writeRepeatingByte(0, count: 2)
        buffer.writeIPMIInteger(self.consoleSessionID)
        guard self.status == .noErrors else {
            return
        }
        buffer.writeBytes(self.bmcRandom)
        buffer.writeBytes(self.bmcGUID)
        buffer.writeBytes(self.keyExchangeCode)
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RAKPMessage2 {
        let tag: UInt8 = try reader.readInteger("rakp2.message_tag")
        let status = RMCPPlusStatus(rawValue: try reader.readInteger("rakp2.status"))
        try reader.skip("rakp2.reserved", count: 2)
        let sessionID: UInt32 = try reader.readInteger("rakp2.console_session_id")
        guard status == .noErrors else {
            return RAKPMessage2(messageTag: tag, status: status, consoleSessionID: sessionID)
        }
        let random = try reader.readBytes("rakp2.bmc_random", count: RAKPMessage1.randomLength)
        let guid = try reader.readBytes("rakp2.bmc_guid", count: Self.guidLength)
        guard reader.remaining <= 32 else {
            throw .lengthOutOfRange(field: "rakp2.key_exchange_code", length: reader.remaining, limit: 32)
        }
        let code = try reader.readBytes("rakp2.key_exchange_code", count: reader.remaining)
        return RAKPMessage2(
            messageTag: tag, status: status, consoleSessionID: sessionID, bmcRandom: random, bmcGUID: guid,
            keyExchangeCode: code)
    }
}
