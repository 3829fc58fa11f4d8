import NIOCore

/// An IPMI v1.5 session packet (IPMI 2.0 table 13-8, authentication type other than 0x06). Foundry's
/// BMC and client use it only outside a session, for Get Channel Authentication Capabilities.
public struct IPMI15Packet: IPMIWireCodable, Hashable {
    public static let authenticationCodeLength = 16

    /// 0 none, 1 MD2, 2 MD5, 4 straight password, 5 OEM.
    public var authenticationType: UInt8
    public var sequenceNumber: UInt32
    public var sessionID: UInt32
    public var authenticationCode: [UInt8]?
    public var message: [UInt8]

    public init(
        authenticationType: UInt8 = 0, sequenceNumber: UInt32 = 0, sessionID: UInt32 = 0,
        authenticationCode: [UInt8]? = nil, message: [UInt8]
    ) {
        self.authenticationType = authenticationType
        self.sequenceNumber = sequenceNumber
        self.sessionID = sessionID
        self.authenticationCode = authenticationCode
        self.message = message
    }

    /// Encodes the session header and message; the RMCP header (class IPMI) goes before it.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(self.authenticationType)
        buffer.writeIPMIInteger(self.sequenceNumber)
        buffer.writeIPMIInteger(self.sessionID)
        if self.authenticationType != 0 {
            let code = self.authenticationCode ?? []
            buffer.writeBytes(code.prefix(Self.authenticationCodeLength))
            buffer.writeRepeatingByte(0, count: max(0, Self.authenticationCodeLength - code.count))
        }
        buffer.writeInteger(UInt8(truncatingIfNeeded: self.message.count))
        buffer.writeBytes(self.message.prefix(Int(UInt8.max)))
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> IPMI15Packet {
        let authType: UInt8 = try reader.readInteger("session.authentication_type")
        guard [0, 1, 2, 4, 5].contains(authType) else {
            throw .invalidValue(
                field: "session.authentication_type", value: UInt64(authType), expected: "0, 1, 2, 4, 5 or 6")
        }
        let sequence: UInt32 = try reader.readInteger("session.sequence_number")
        let sessionID: UInt32 = try reader.readInteger("session.session_id")
        var code: [UInt8]?
        if authType != 0 {
            code = try reader.readBytes("session.authentication_code", count: Self.authenticationCodeLength)
        }
        let length = Int(try reader.readInteger("session.message_length", as: UInt8.self))
        let message = try reader.readBytes("message", count: length)
        // IPMI 1.5 allows one legacy pad byte after the message.
        guard reader.remaining <= 1 else {
            throw .trailingBytes(field: "IPMI 1.5 packet", count: reader.remaining)
        }
        try reader.skip("IPMI 1.5 legacy pad", count: reader.remaining)
        return IPMI15Packet(
            authenticationType: authType, sequenceNumber: sequence, sessionID: sessionID, authenticationCode: code,
            message: message)
    }
}
