import IPMIWire
import NIOCore
import Testing

/// Known answers computed with Python's hmac module and `openssl enc -aes-128-cbc`, following
/// IPMI 2.0 sections 13.31 (RAKP), 13.32 (keys), 13.28 (integrity) and 13.29 (AES-CBC-128).
struct CryptoTests {
    static let password = Array("password".utf8)
    static let username = Array("admin".utf8)
    static let consoleSessionID: UInt32 = 0x1122_3344
    static let bmcSessionID: UInt32 = 0x5566_7788
    static let consoleRandom = [UInt8](0..<16)
    static let bmcRandom = [UInt8](16..<32)
    static let guid = [UInt8](32..<48)
    static let role: UInt8 = 0x14

    struct Vector: Sendable, CustomTestStringConvertible {
        var algorithm: AuthenticationAlgorithm
        var rakp2: String
        var rakp3: String
        var sik: String
        var rakp4: String
        var k1: String
        var k2: String
        var testDescription: String { "\(self.algorithm)" }
    }

    static let vectors = [
        Vector(
            algorithm: .hmacSHA1, rakp2: "2e7fd8a738d32c333efbda301c8586c399efde2b",
            rakp3: "4402012e214da511895a399bd77d5396e7998a4d", sik: "122c77c4b11ccd93251cbae6c34a9cb6310da154",
            rakp4: "c2046b16cbbd0ccff6e65c49", k1: "e4472be78f9a81fa68297aab696a7be8c97fc9f8",
            k2: "2b6552012a2517cb3b5713901d757a6efc7d8301"),
        Vector(
            algorithm: .hmacSHA256, rakp2: "745e52259d2e4dbcabfd78edc43348de04be340f218253b94668e3b3799411f0",
            rakp3: "e6f17841e92f8c11cbc4fd1cafcc9c21e3d814e713e13e9ee640103b50c0ef15",
            sik: "e5935f7199865ad961063477b0662684e2ce9b1da8f2b8d41c5ce127d37e9bcf",
            rakp4: "b67f9b97c9b2cefb65aeebe0633c96d2",
            k1: "dc4fe73d075306f6897115dd63257385e845c10404fa1d73991790c6a101bec2",
            k2: "2a4f969ea6dfa83066f36674fdc2fea289fa1a21da90303e9b5269b54ec5adb5"),
    ]

    @Test(arguments: vectors) func rakpExchange(_ vector: Vector) {
        let rakp2 = RAKPCrypto.rakp2Code(
            vector.algorithm, password: Self.password, consoleSessionID: Self.consoleSessionID,
            bmcSessionID: Self.bmcSessionID, consoleRandom: Self.consoleRandom, bmcRandom: Self.bmcRandom,
            bmcGUID: Self.guid, role: Self.role, username: Self.username)
        #expect(rakp2 == hex(vector.rakp2))
        let rakp3 = RAKPCrypto.rakp3Code(
            vector.algorithm, password: Self.password, bmcRandom: Self.bmcRandom,
            consoleSessionID: Self.consoleSessionID, role: Self.role, username: Self.username)
        #expect(rakp3 == hex(vector.rakp3))
        let sik = RAKPCrypto.sessionIntegrityKey(
            vector.algorithm, key: Self.password, consoleRandom: Self.consoleRandom, bmcRandom: Self.bmcRandom,
            role: Self.role, username: Self.username)
        #expect(sik == hex(vector.sik))
        let rakp4 = RAKPCrypto.rakp4Check(
            vector.algorithm, sik: sik, consoleRandom: Self.consoleRandom, bmcSessionID: Self.bmcSessionID,
            bmcGUID: Self.guid)
        #expect(rakp4 == hex(vector.rakp4))
        #expect(RAKPCrypto.k1(vector.algorithm, sik: sik) == hex(vector.k1))
        #expect(RAKPCrypto.k2(vector.algorithm, sik: sik) == hex(vector.k2))
    }

    struct SealedPacket: Sendable, CustomTestStringConvertible {
        var suite: CipherSuite
        var sik: String
        var datagram: String
        var testDescription: String { "suite \(self.suite.id)" }
    }

    /// Get Chassis Status (rqSeq 5) to session 0x55667788, sequence 1, IV a0..af, sealed by an independent
    /// implementation: AES-CBC-128 with pad 1..n and pad length, then the integrity pad, pad length,
    /// next header 0x07 and the truncated HMAC over authentication type through next header.
    static let sealed = [
        SealedPacket(
            suite: .suite3, sik: "122c77c4b11ccd93251cbae6c34a9cb6310da154",
            datagram: """
                0600ff0706c088776655010000002000a0a1a2a3a4a5a6a7a8a9aaabacadaeaf7cc99d2542b3b35331303ceb7712f212\
                ffff02072acf49d4f36f890fc91dc1aa
                """),
        SealedPacket(
            suite: .suite17, sik: "e5935f7199865ad961063477b0662684e2ce9b1da8f2b8d41c5ce127d37e9bcf",
            datagram: """
                0600ff0706c088776655010000002000a0a1a2a3a4a5a6a7a8a9aaabacadaeafa33b358c2906c8201a78c14c937921b7\
                ffff02079634de3b6f084585d06456a81300d1a2
                """),
    ]

    @Test(arguments: sealed) func sealAndOpenMatchAnIndependentImplementation(_ fixture: SealedPacket) throws {
        let security = SessionSecurity(suite: fixture.suite, sik: hex(fixture.sik))
        let request = IPMIRequest(.getChassisStatus, sequence: 5)
        let packet = RMCPPlusPacket(
            payloadType: .ipmi, sessionID: 0x5566_7788, sequenceNumber: 1, payload: request.encodedBytes)
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer, security: security, iv: Array(0xA0...0xAF))
        #expect(bytes(of: buffer) == hex(fixture.datagram))

        guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: hex(fixture.datagram)) else {
            Issue.record("not decoded as RMCP+")
            return
        }
        #expect(envelope.isAuthenticated && envelope.isEncrypted)
        let opened = try envelope.open(security: security)
        #expect(try IPMIRequest.decode(bytes: opened.payload) == request)
        #expect(opened.sequenceNumber == 1 && opened.sessionID == 0x5566_7788)
    }

    @Test(arguments: sealed) func tamperingIsDetected(_ fixture: SealedPacket) throws {
        let security = SessionSecurity(suite: fixture.suite, sik: hex(fixture.sik))
        let original = hex(fixture.datagram)
        // Every single-byte change after the RMCP header breaks the packet one way or another.
        for index in 4..<original.count {
            var tampered = original
            tampered[index] ^= 0x01
            let opened = Result { () throws(IPMIWireError) -> RMCPPlusPacket in
                guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: tampered) else {
                    throw .securityMismatch("not RMCP+")
                }
                return try envelope.open(security: security)
            }
            #expect(throws: IPMIWireError.self, "byte \(index) changed") { try opened.get() }
        }
        // A packet sent in clear into a session that encrypts is refused.
        let clear = RMCPPlusPacket(payloadType: .ipmi, sessionID: 1, sequenceNumber: 1, payload: [1, 2, 3])
        var buffer = ByteBuffer()
        try clear.encode(into: &buffer, security: nil)
        guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: bytes(of: buffer)) else {
            Issue.record("not decoded as RMCP+")
            return
        }
        #expect(throws: IPMIWireError.self) { try envelope.open(security: security) }
    }

    @Test func integrityPadAlignsToFourBytes() throws {
        let security = SessionSecurity(suite: .suite3, sik: hex("122c77c4b11ccd93251cbae6c34a9cb6310da154"))
        for length in 0..<40 {
            let packet = RMCPPlusPacket(
                payloadType: .sol, sessionID: 9, sequenceNumber: 2, payload: [UInt8](repeating: 0x41, count: length))
            var buffer = ByteBuffer()
            try packet.encode(into: &buffer, security: security, iv: [UInt8](repeating: 7, count: 16))
            let signed = buffer.readableBytes - 4 - 12
            #expect(signed % 4 == 0, "payload of \(length) bytes")
            var copy = buffer
            guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(from: &copy) else {
                Issue.record("not decoded")
                return
            }
            #expect(try envelope.open(security: security).payload == packet.payload)
        }
    }

    @Test func confidentialityPadIsChecked() throws {
        let security = SessionSecurity(suite: .suite17, sik: [UInt8](repeating: 3, count: 32))
        let sealed = try security.encrypt(Array("hello".utf8), iv: [UInt8](repeating: 1, count: 16))
        #expect(sealed.count == 32)
        #expect(try security.decrypt(sealed) == Array("hello".utf8))
        #expect(throws: IPMIWireError.self) { try security.decrypt(Array(sealed.prefix(24))) }
        #expect(throws: IPMIWireError.self) { try security.decrypt(Array(sealed.prefix(16))) }
    }
}
