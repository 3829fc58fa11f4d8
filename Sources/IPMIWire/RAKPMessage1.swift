import NIOCore

/// RAKP Message 1 (IPMI 2.0 table 13-11): the console's random number, role and user name.
public struct RAKPMessage1: IPMIWireCodable, Hashable {
    public static let randomLength = 16
    public static let maxUsernameLength = 16
    /// Bit 4 of the role byte: look the user up by name only (not by name and privilege).
    public static let nameOnlyLookup: UInt8 = 0x10

    public var messageTag: UInt8
    public var bmcSessionID: UInt32
    public var consoleRandom: [UInt8]
    /// The whole role byte (privilege in bits 3:0, name-only lookup in bit 4); it enters the RAKP hashes as is.
    public var role: UInt8
    public var username: [UInt8]

    public init(messageTag: UInt8, bmcSessionID: UInt32, consoleRandom: [UInt8], role: UInt8, username: [UInt8]) {
        self.messageTag = messageTag
        self.bmcSessionID = bmcSessionID
        self.consoleRandom = consoleRandom
        self.role = role
        self.username = username
    }

    public var requestedPrivilege: PrivilegeLevel? {
        PrivilegeLevel(rawValue: self.role & 0x0F)
    }

    public var usernameString: String {
        String(decoding: self.username, as: UTF8.self)
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.messageTag)
        buffer.writeRepeatingByte(0, count: 3)
        buffer.writeIPMIInteger(self.bmcSessionID)
        buffer.writeBytes(self.consoleRandom.prefix(Self.randomLength))
        buffer.writeInteger(self.role)
        buffer.writeRepeatingByte(0, count: 2)
        buffer.writeInteger(UInt8(truncatingIfNeeded: self.username.count))
        buffer.writeBytes(self.username)
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RAKPMessage1 {
        let tag: UInt8 = try reader.readInteger("rakp1.message_tag")
        try reader.skip("rakp1.reserved", count: 3)
        let sessionID: UInt32 = try reader.readInteger("rakp1.bmc_session_id")
        let random = try reader.readBytes("rakp1.console_random", count: Self.randomLength)
        let role: UInt8 = try reader.readInteger("rakp1.role")
        try reader.skip("rakp1.reserved2", count: 2)
        let length = Int(try reader.readInteger("rakp1.username_length", as: UInt8.self))
        guard length <= Self.maxUsernameLength else {
            throw .lengthOutOfRange(field: "rakp1.username_length", length: length, limit: Self.maxUsernameLength)
        }
        let username = try reader.readBytes("rakp1.username", count: length)
        return RAKPMessage1(
            messageTag: tag, bmcSessionID: sessionID, consoleRandom: random, role: role, username: username)
    }
}
