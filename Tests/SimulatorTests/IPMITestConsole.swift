import IPMIWire
import NIOCore
import Simulator

/// A minimal remote console written against the codec, to drive `IPMIBMCCore` step by step:
/// the "reverse" side of the BMC, as postgres-nio tests its decoders with reverse encoders.
struct IPMITestConsole {
    var core: IPMIBMCCore
    var random = SplitMix64(seed: 3)
    var now = ContinuousClock.now
    let peer: SocketAddress
    var security: SessionSecurity?
    var bmcSessionID: UInt32 = 0
    let consoleSessionID: UInt32 = 0x0C0C_0C0C
    var sequence: UInt32 = 0
    var requestSequence: UInt8 = 0
    var inbound = SequenceWindow()

    init(settings: IPMIBMCSettings) throws {
        self.core = IPMIBMCCore(settings: settings)
        self.peer = try SocketAddress(ipAddress: "127.0.0.1", port: 50000)
    }

    static func settings(port: UInt16 = 623) -> IPMIBMCSettings {
        IPMIBMCSettings(
            users: [SimUser(name: "admin", password: "password", privilege: .administrator)], guid: Array(0..<16),
            port: port)
    }

    mutating func send(_ bytes: ByteBuffer) -> IPMIBMCCore.Outcome {
        self.core.receive(bytes, from: self.peer, now: self.now, random: &self.random)
    }

    mutating func sendSetup(_ type: PayloadType, _ payload: [UInt8]) throws -> RMCPPlusEnvelope {
        var buffer = ByteBuffer()
        try RMCPPlusPacket.sessionless(type, payload: payload).encode(into: &buffer, security: nil)
        let outcome = self.send(buffer)
        guard let reply = outcome.datagrams.first,
            case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: Array(reply.readableBytesView))
        else {
            throw IPMIWireError.securityMismatch("no reply to \(type): \(outcome.dropReason?.description ?? "")")
        }
        return envelope
    }

    /// Opens a session with suite 17 for user admin at ADMINISTRATOR.
    mutating func open(password: String = "password", suite: CipherSuite = .suite17) throws {
        let open = OpenSessionRequest(
            messageTag: 1, requestedPrivilege: .administrator, consoleSessionID: self.consoleSessionID, suite: suite)
        let opened = try OpenSessionResponse.decode(
            bytes: try self.sendSetup(.openSessionRequest, open.encodedBytes).rawPayload)
        self.bmcSessionID = opened.bmcSessionID
        let rm = [UInt8](repeating: 0x55, count: 16)
        let username = Array("admin".utf8)
        let rakp1 = RAKPMessage1(
            messageTag: 2, bmcSessionID: opened.bmcSessionID, consoleRandom: rm, role: 0x14, username: username)
        let rakp2 = try RAKPMessage2.decode(bytes: try self.sendSetup(.rakp1, rakp1.encodedBytes).rawPayload)
        let key = Array(password.utf8)
        let code = RAKPCrypto.rakp3Code(
            suite.authentication, password: key, bmcRandom: rakp2.bmcRandom, consoleSessionID: self.consoleSessionID,
            role: 0x14, username: username)
        let rakp3 = RAKPMessage3(
            messageTag: 3, status: .noErrors, bmcSessionID: opened.bmcSessionID, keyExchangeCode: code)
        let rakp4 = try RAKPMessage4.decode(bytes: try self.sendSetup(.rakp3, rakp3.encodedBytes).rawPayload)
        guard rakp4.status == .noErrors else {
            throw IPMIWireError.securityMismatch("RAKP 4: \(rakp4.status)")
        }
        let sik = RAKPCrypto.sessionIntegrityKey(
            suite.authentication, key: key, consoleRandom: rm, bmcRandom: rakp2.bmcRandom, role: 0x14,
            username: username)
        self.security = SessionSecurity(suite: suite, sik: sik)
    }

    /// Seals a payload into the session.
    mutating func seal(_ type: PayloadType, _ payload: [UInt8], sequence: UInt32? = nil) throws -> ByteBuffer {
        self.sequence += 1
        let packet = RMCPPlusPacket(
            payloadType: type, sessionID: self.bmcSessionID, sequenceNumber: sequence ?? self.sequence, payload: payload
        )
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer, security: self.security, iv: Array(repeating: 1, count: 16))
        return buffer
    }

    /// Opens a datagram from the BMC with the session keys.
    mutating func openReply(_ datagram: ByteBuffer) throws -> RMCPPlusPacket {
        guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: Array(datagram.readableBytesView)) else {
            throw IPMIWireError.securityMismatch("not RMCP+")
        }
        let packet = try envelope.open(security: self.security)
        guard self.inbound.accept(packet.sequenceNumber), packet.sessionID == self.consoleSessionID else {
            throw IPMIWireError.securityMismatch("bad session or sequence")
        }
        return packet
    }

    /// Sends a request in the session; returns the response, or the outcome when the shell must execute it.
    mutating func request(_ command: IPMICommand, _ data: [UInt8] = []) throws -> (IPMIResponse?, IPMIBMCCore.Outcome) {
        self.requestSequence = (self.requestSequence + 1) & 0x3F
        let request = IPMIRequest(command, sequence: self.requestSequence, data: data)
        let outcome = self.send(try self.seal(.ipmi, request.encodedBytes))
        guard let reply = outcome.datagrams.first else {
            return (nil, outcome)
        }
        return (try IPMIResponse.decode(bytes: try self.openReply(reply).payload), outcome)
    }
}
