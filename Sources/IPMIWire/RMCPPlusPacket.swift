import NIOCore

/// An IPMI v2.0 (RMCP+) session packet with its payload in clear: what goes inside the RMCP header
/// when the authentication type is 0x06 (IPMI 2.0 table 13-8).
public struct RMCPPlusPacket: Sendable, Hashable {
    public static let authenticationType: UInt8 = 0x06
    public static let nextHeader: UInt8 = 0x07
    public static let integrityPadByte: UInt8 = 0xFF

    public var payloadType: PayloadType
    /// The receiver's session ID; 0 outside a session.
    public var sessionID: UInt32
    public var sequenceNumber: UInt32
    public var isAuthenticated: Bool
    public var isEncrypted: Bool
    public var payload: [UInt8]

    public init(
        payloadType: PayloadType, sessionID: UInt32 = 0, sequenceNumber: UInt32 = 0, isAuthenticated: Bool = false,
        isEncrypted: Bool = false, payload: [UInt8]
    ) {
        self.payloadType = payloadType
        self.sessionID = sessionID
        self.sequenceNumber = sequenceNumber
        self.isAuthenticated = isAuthenticated
        self.isEncrypted = isEncrypted
        self.payload = payload
    }

    /// A packet outside any session (session setup, or a pre-session IPMI message).
    public static func sessionless(_ type: PayloadType, payload: [UInt8]) -> RMCPPlusPacket {
        RMCPPlusPacket(payloadType: type, payload: payload)
    }

    /// Encodes the whole datagram, RMCP header included. With `security`, the payload is encrypted
    /// and the packet signed as the session's cipher suite says; `iv` is the 16 random bytes AES needs.
    public func encode(
        into buffer: inout ByteBuffer, security: SessionSecurity?, iv: [UInt8] = []
    ) throws(IPMIWireError) {
        let encrypt = security.map { $0.confidentiality != .none } ?? false
        let authenticate = security.map { $0.integrity != .none } ?? false
        var body = self.payload
        if encrypt, let security {
            body = try security.encrypt(self.payload, iv: iv)
        }
        guard body.count <= Int(UInt16.max) else {
            throw .lengthOutOfRange(field: "rmcp+.payload_length", length: body.count, limit: Int(UInt16.max))
        }
        RMCPHeader(messageClass: .ipmi).encode(into: &buffer)
        let signedStart = buffer.writerIndex
        buffer.writeInteger(Self.authenticationType)
        var typeByte = self.payloadType.rawValue
        if encrypt { typeByte |= 0x80 }
        if authenticate { typeByte |= 0x40 }
        buffer.writeInteger(typeByte)
        buffer.writeIPMIInteger(self.sessionID)
        buffer.writeIPMIInteger(self.sequenceNumber)
        buffer.writeIPMIInteger(UInt16(body.count))
        buffer.writeBytes(body)
        guard authenticate, let security else {
            return
        }
        // The pad makes authentication type through next header a multiple of 4 bytes.
        let unpadded = buffer.writerIndex - signedStart + 2
        let padLength = (4 - unpadded % 4) % 4
        buffer.writeRepeatingByte(Self.integrityPadByte, count: padLength)
        buffer.writeInteger(UInt8(padLength))
        buffer.writeInteger(Self.nextHeader)
        let signed = buffer.getBytes(at: signedStart, length: buffer.writerIndex - signedStart) ?? []
        buffer.writeBytes(security.authCode(over: signed))
    }
}

/// A received RMCP+ packet before its integrity is checked and its payload decrypted: the session ID
/// tells the receiver which keys to use.
public struct RMCPPlusEnvelope: Sendable, Hashable {
    public var payloadType: PayloadType
    public var sessionID: UInt32
    public var sequenceNumber: UInt32
    public var isAuthenticated: Bool
    public var isEncrypted: Bool
    /// The payload as sent (encrypted when `isEncrypted`).
    public var rawPayload: [UInt8]
    /// Authentication type through the end of the payload: the start of what the AuthCode covers.
    var signedPrefix: [UInt8]
    /// Everything after the payload: integrity pad, pad length, next header, AuthCode.
    var trailer: [UInt8]

    /// Decodes from the byte after the RMCP header; the buffer must hold exactly one datagram.
    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> RMCPPlusEnvelope {
        let start = reader.consumed
        let authType: UInt8 = try reader.readInteger("session.authentication_type")
        guard authType & 0x0F == RMCPPlusPacket.authenticationType else {
            throw .invalidValue(
                field: "session.authentication_type", value: UInt64(authType), expected: "0x06 (RMCP+)")
        }
        let typeByte: UInt8 = try reader.readInteger("session.payload_type")
        let rawType = typeByte & 0x3F
        guard let payloadType = PayloadType(rawValue: rawType) else {
            throw .invalidValue(field: "session.payload_type", value: UInt64(rawType), expected: "a known payload type")
        }
        if payloadType == .oemExplicit {
            try reader.skip("session.oem_iana_and_payload_id", count: 6)
        }
        let sessionID: UInt32 = try reader.readInteger("session.session_id")
        let sequence: UInt32 = try reader.readInteger("session.sequence_number")
        let length = Int(try reader.readInteger("session.payload_length", as: UInt16.self))
        guard length <= reader.remaining else {
            throw .lengthOutOfRange(field: "session.payload_length", length: length, limit: reader.remaining)
        }
        let payload = try reader.readBytes("payload", count: length)
        let prefix = reader.consumedBytes(from: start)
        let trailer = try reader.readBytes("session trailer", count: reader.remaining)
        let envelope = RMCPPlusEnvelope(
            payloadType: payloadType, sessionID: sessionID, sequenceNumber: sequence,
            isAuthenticated: typeByte & 0x40 != 0, isEncrypted: typeByte & 0x80 != 0, rawPayload: payload,
            signedPrefix: prefix, trailer: trailer)
        if payloadType.isSessionSetup, envelope.isAuthenticated || envelope.isEncrypted || sessionID != 0 {
            throw .securityMismatch("\(payloadType) must be sent outside a session, unauthenticated and in clear")
        }
        if !envelope.isAuthenticated, !trailer.isEmpty {
            throw .trailingBytes(field: "unauthenticated packet", count: trailer.count)
        }
        return envelope
    }

    /// Checks the AuthCode and decrypts the payload with the session's keys (nil outside a session).
    /// A packet must be as secure as the session demands: an unsigned packet in a signing session fails.
    public func open(security: SessionSecurity?) throws(IPMIWireError) -> RMCPPlusPacket {
        let wantsIntegrity = security.map { $0.integrity != .none } ?? false
        let wantsConfidentiality = security.map { $0.confidentiality != .none } ?? false
        guard self.isAuthenticated == wantsIntegrity else {
            throw .securityMismatch(
                self.isAuthenticated
                    ? "packet is authenticated but the session has no integrity key"
                    : "packet is not authenticated but the session requires integrity")
        }
        guard self.isEncrypted == wantsConfidentiality else {
            throw .securityMismatch(
                self.isEncrypted
                    ? "payload is encrypted but the session has no confidentiality key"
                    : "payload is in clear but the session requires encryption")
        }
        if self.isAuthenticated, let security {
            try self.verify(security)
        }
        var payload = self.rawPayload
        if self.isEncrypted, let security {
            payload = try security.decrypt(self.rawPayload)
        }
        return RMCPPlusPacket(
            payloadType: self.payloadType, sessionID: self.sessionID, sequenceNumber: self.sequenceNumber,
            isAuthenticated: self.isAuthenticated, isEncrypted: self.isEncrypted, payload: payload)
    }

    private func verify(_ security: SessionSecurity) throws(IPMIWireError) {
        let codeLength = security.integrity.authCodeLength
        guard self.trailer.count >= codeLength + 2 else {
            throw .truncated(field: "session trailer", needed: codeLength + 2, available: self.trailer.count)
        }
        let signedTrailer = Array(self.trailer.prefix(self.trailer.count - codeLength))
        let nextHeader = signedTrailer[signedTrailer.count - 1]
        guard nextHeader == RMCPPlusPacket.nextHeader else {
            throw .invalidValue(field: "session trailer.next_header", value: UInt64(nextHeader), expected: "0x07")
        }
        let padLength = Int(signedTrailer[signedTrailer.count - 2])
        guard padLength == signedTrailer.count - 2, padLength <= 3 else {
            throw .invalidValue(
                field: "session trailer.pad_length", value: UInt64(padLength),
                expected: "\(signedTrailer.count - 2) (the integrity pad bytes present, at most 3)")
        }
        guard signedTrailer.prefix(padLength).allSatisfy({ $0 == RMCPPlusPacket.integrityPadByte }) else {
            throw .invalidValue(field: "session trailer.integrity_pad", value: 0, expected: "0xFF bytes")
        }
        let expected = security.authCode(over: self.signedPrefix + signedTrailer)
        guard RAKPCrypto.constantTimeEqual(expected, Array(self.trailer.suffix(codeLength))) else {
            throw .integrityCheckFailed
        }
    }
}
