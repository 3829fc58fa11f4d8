import IPMIWire
import NIOCore

/// The client side of an IPMI v2.0 / RMCP+ session as a pure state machine: the handshake
/// (Get Channel Authentication Capabilities, Open Session, RAKP 1-4, Set Session Privilege Level),
/// one request at a time inside the session, retransmission on timeout and re-establishment when
/// the BMC has dropped the session. The channel handler feeds it events and performs its actions.
struct IPMISessionStateMachine {
    struct Configuration: Sendable {
        var username: [UInt8]
        var password: [UInt8]
        var privilege: PrivilegeLevel
        /// Tried in order: a BMC that refuses one gets the next.
        var cipherSuites: [CipherSuite]
        /// Sends of one message before it counts as unanswered.
        var maxAttempts: Int
    }

    /// A command the caller wants answered.
    struct Command: Sendable, Hashable {
        var command: IPMICommand
        var data: [UInt8]
    }

    enum Action {
        /// Send this datagram and (re)arm the retransmission timer.
        case send(ByteBuffer)
        /// The current command is answered.
        case succeed(IPMIResponse)
        case fail(BMCError)
        /// Nothing to do (a stray or invalid datagram was ignored).
        case wait
        /// The session is closed (or there was none); no more commands are accepted.
        case closed
    }

    struct Session {
        var suite: CipherSuite
        var security: SessionSecurity
        var bmcSessionID: UInt32
        var consoleSessionID: UInt32
        var outbound: UInt32 = 0
        var inbound = SequenceWindow()
        var requestSequence: UInt8 = 0

        mutating func nextOutbound() -> UInt32 {
            self.outbound = self.outbound == UInt32.max ? 1 : self.outbound + 1
            return self.outbound
        }

        mutating func nextRequestSequence() -> UInt8 {
            self.requestSequence = (self.requestSequence + 1) & 0x3F
            return self.requestSequence
        }
    }

    struct Handshake {
        enum Step: String {
            case authenticationCapabilities = "Get Channel Authentication Capabilities"
            case openSession = "Open Session"
            case rakp1 = "RAKP 1"
            case rakp3 = "RAKP 3"
            case setPrivilege = "Set Session Privilege Level"
        }

        var step: Step = .authenticationCapabilities
        var command: Command
        var suiteIndex = 0
        var consoleSessionID: UInt32 = 0
        var messageTag: UInt8 = 0
        var consoleRandom: [UInt8] = []
        var bmcSessionID: UInt32 = 0
        var rakp1: RAKPMessage1?
        var sik: [UInt8] = []
        var bmcGUID: [UInt8] = []
        var session: Session?
        var setPrivilegeRequest: IPMIRequest?
        var attempts = 0
        var lastSent = ByteBuffer()
        var preSessionSequence: UInt8 = 0
        /// Whether anything decodable came back: silence means unreachable, not a timeout.
        var heardFromBMC = false
        /// Open Session sent again because the BMC forgot the half-open session (a slow console).
        var restarts = 0
    }

    struct InFlight {
        var command: Command
        var request: IPMIRequest
        var attempts: Int
        /// A request that goes unanswered may drop the session and try once more on a new one.
        var mayReestablish: Bool
    }

    private enum State {
        case idle
        case handshaking(Handshake)
        case ready(Session)
        case requesting(Session, InFlight)
        case closing(Session, attempts: Int)
        case closed
        case modifying
    }

    /// How often one handshake starts over after the BMC forgot its half-open session.
    static let maxRestarts = 2

    private var state: State = .idle
    private let configuration: Configuration
    private var random: any RandomNumberGenerator
    /// The suite the last handshake settled on.
    private(set) var negotiatedSuite: CipherSuite?

    init(configuration: Configuration, random: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.configuration = configuration
        self.random = random
    }

    /// Which send of the outstanding message the last `.send` was (0: its first), and whether it is the
    /// last before the machine gives up on it (or, for a command, on the session).
    var outstandingAttempt: (index: Int, isFinal: Bool) {
        switch self.state {
        case .handshaking(let handshake):
            (handshake.attempts, handshake.attempts + 1 >= self.configuration.maxAttempts)
        case .requesting(_, let inFlight):
            (inFlight.attempts, inFlight.attempts + 1 >= self.configuration.maxAttempts)
        case .idle, .ready, .closing, .closed, .modifying:
            (0, false)
        }
    }

    var hasSession: Bool {
        switch self.state {
        case .ready, .requesting: true
        case .idle, .handshaking, .closing, .closed, .modifying: false
        }
    }

    /// The keys of the current session, if one is open.
    var sessionSecurity: SessionSecurity? {
        switch self.state {
        case .ready(let session), .requesting(let session, _), .closing(let session, _): session.security
        case .idle, .handshaking, .closed, .modifying: nil
        }
    }

    var isIdleWithSession: Bool {
        if case .ready = self.state {
            return true
        }
        return false
    }

    // MARK: events

    /// Starts a command; only one runs at a time.
    mutating func start(_ command: Command) -> Action {
        switch self.state {
        case .idle:
            return self.beginHandshake(for: command)
        case .ready(var session):
            self.state = .modifying
            return self.send(command, on: &session, attempts: 0, mayReestablish: true)
        case .closed:
            return .fail(BMCError(.unsupported, "the IPMI session was closed; connect again"))
        case .handshaking, .requesting, .closing, .modifying:
            preconditionFailure("a command started while another runs: \(self.state)")
        }
    }

    /// Ends the session (Close Session, one attempt) and refuses later commands.
    mutating func close() -> Action {
        switch self.state {
        case .ready(var session):
            let request = IPMIRequest(
                .closeSession, sequence: session.nextRequestSequence(),
                data: CloseSession.Request(sessionID: session.bmcSessionID).encodedBytes)
            guard let datagram = self.seal(request, session: &session) else {
                self.state = .closed
                return .closed
            }
            self.state = .closing(session, attempts: 1)
            return .send(datagram)
        case .idle, .closed:
            self.state = .closed
            return .closed
        case .handshaking, .requesting, .closing, .modifying:
            preconditionFailure("close while a command runs: \(self.state)")
        }
    }

    mutating func datagramReceived(_ datagram: ByteBuffer) -> Action {
        self.datagramReceived(bytes: datagram.getBytes(at: datagram.readerIndex, length: datagram.readableBytes) ?? [])
    }

    mutating func datagramReceived(bytes datagram: [UInt8]) -> Action {
        guard let decoded = try? IPMIDatagram.decode(bytes: datagram) else {
            return .wait
        }
        switch self.state {
        case .handshaking(var handshake):
            handshake.heardFromBMC = true
            self.state = .modifying
            return self.handshakeReceived(decoded, handshake: &handshake)
        case .requesting(var session, let inFlight):
            guard let response = self.openResponse(decoded, session: &session), response.answers(inFlight.request)
            else {
                self.state = .requesting(session, inFlight)
                return .wait
            }
            self.state = .ready(session)
            return .succeed(response)
        case .closing(var session, _):
            guard self.openResponse(decoded, session: &session) != nil else {
                return .wait
            }
            self.state = .closed
            return .closed
        case .idle, .ready, .closed, .modifying:
            return .wait
        }
    }

    /// The retransmission timer fired: send again, re-establish, or give up.
    mutating func timeoutFired() -> Action {
        switch self.state {
        case .handshaking(var handshake):
            handshake.attempts += 1
            guard handshake.attempts >= self.configuration.maxAttempts else {
                if handshake.step == .setPrivilege, var session = handshake.session,
                    let request = handshake.setPrivilegeRequest, let datagram = self.seal(request, session: &session)
                {
                    handshake.session = session
                    handshake.lastSent = datagram
                }
                self.state = .handshaking(handshake)
                return .send(handshake.lastSent)
            }
            self.state = .idle
            let attempts = self.configuration.maxAttempts
            if !handshake.heardFromBMC {
                return .fail(
                    BMCError(.unreachable, "no answer to \(handshake.step.rawValue) after \(attempts) attempts"))
            }
            return .fail(BMCError(.timeout, "no answer to \(handshake.step.rawValue) after \(attempts) attempts"))
        case .requesting(var session, var inFlight):
            inFlight.attempts += 1
            if inFlight.attempts < self.configuration.maxAttempts,
                let datagram = self.seal(inFlight.request, session: &session)
            {
                self.state = .requesting(session, inFlight)
                return .send(datagram)
            }
            guard inFlight.mayReestablish else {
                self.state = .idle
                return .fail(
                    BMCError(
                        .timeout,
                        "no answer to \(inFlight.request.ipmiCommand) after \(self.configuration.maxAttempts) attempts")
                )
            }
            // The BMC may have dropped the session (idle timeout, reboot): open a new one and try once more.
            self.state = .idle
            return self.beginHandshake(for: inFlight.command)
        case .closing:
            self.state = .closed
            return .closed
        case .idle, .ready, .closed, .modifying:
            return .wait
        }
    }

    /// The socket reported an error (ICMP port unreachable arrives as connection refused).
    mutating func transportFailed(_ description: String) -> Action {
        switch self.state {
        case .handshaking, .requesting:
            self.state = .idle
            return .fail(BMCError(.unreachable, description))
        case .closing:
            self.state = .closed
            return .closed
        case .idle, .ready, .closed, .modifying:
            return .wait
        }
    }

    // MARK: handshake

    private mutating func beginHandshake(for command: Command) -> Action {
        var handshake = Handshake(command: command)
        handshake.preSessionSequence = UInt8.random(in: 0...0x3F, using: &self.random)
        let request = IPMIRequest(
            .getChannelAuthenticationCapabilities, sequence: handshake.preSessionSequence,
            data: GetChannelAuthenticationCapabilities.Request(privilege: self.configuration.privilege).encodedBytes)
        var buffer = ByteBuffer()
        IPMIDatagram.encode(IPMI15Packet(message: request.encodedBytes), into: &buffer)
        handshake.lastSent = buffer
        self.state = .handshaking(handshake)
        return .send(buffer)
    }

    private mutating func handshakeReceived(_ datagram: IPMIDatagram, handshake: inout Handshake) -> Action {
        let action: Action
        switch handshake.step {
        case .authenticationCapabilities:
            action = self.authenticationCapabilitiesReceived(datagram, handshake: &handshake)
        case .openSession:
            action = self.openSessionReceived(datagram, handshake: &handshake)
        case .rakp1:
            action = self.rakp2Received(datagram, handshake: &handshake)
        case .rakp3:
            action = self.rakp4Received(datagram, handshake: &handshake)
        case .setPrivilege:
            action = self.privilegeSet(datagram, handshake: &handshake)
        }
        if case .modifying = self.state {
            self.state = .handshaking(handshake)
        }
        if case .fail = action {
            self.state = .idle
        }
        return action
    }

    private mutating func authenticationCapabilitiesReceived(
        _ datagram: IPMIDatagram, handshake: inout Handshake
    ) -> Action {
        guard case .ipmi15(let packet) = datagram, let response = try? IPMIResponse.decode(bytes: packet.message),
            response.command == IPMICommand.getChannelAuthenticationCapabilities.code,
            response.sequence == handshake.preSessionSequence
        else {
            return .wait
        }
        guard response.completionCode == .success else {
            return .fail(
                BMCError(
                    .commandFailed, "Get Channel Authentication Capabilities failed: \(response.completionCode)",
                    bmcCode: Int(response.completionCode.rawValue)))
        }
        guard let capabilities = try? GetChannelAuthenticationCapabilities.Response.decode(bytes: response.data) else {
            return .fail(BMCError(.protocolError, "Get Channel Authentication Capabilities: malformed answer"))
        }
        guard capabilities.extendedCapabilitiesAvailable, capabilities.supportsIPMI20 else {
            return .fail(BMCError(.unsupported, "the BMC does not offer IPMI v2.0 / RMCP+ (lanplus)"))
        }
        if capabilities.kgIsSet {
            return .fail(
                BMCError(.authenticationFailed, "the BMC requires a BMC key (Kg), which Foundry does not hold"))
        }
        return self.sendOpenSession(&handshake)
    }

    private mutating func sendOpenSession(_ handshake: inout Handshake) -> Action {
        var id: UInt32 = 0
        while id == 0 {
            id = UInt32.random(in: 1...UInt32.max, using: &self.random)
        }
        handshake.consoleSessionID = id
        handshake.messageTag &+= 1
        handshake.step = .openSession
        handshake.attempts = 0
        let suite = self.configuration.cipherSuites[handshake.suiteIndex]
        let request = OpenSessionRequest(
            messageTag: handshake.messageTag, requestedPrivilege: self.configuration.privilege,
            consoleSessionID: id, suite: suite)
        return self.sendSetup(.openSessionRequest, request.encodedBytes, handshake: &handshake)
    }

    private mutating func openSessionReceived(_ datagram: IPMIDatagram, handshake: inout Handshake) -> Action {
        guard let payload = Self.setupPayload(datagram, type: .openSessionResponse),
            let response = try? OpenSessionResponse.decode(bytes: payload),
            response.messageTag == handshake.messageTag, response.consoleSessionID == handshake.consoleSessionID
        else {
            return .wait
        }
        let suite = self.configuration.cipherSuites[handshake.suiteIndex]
        switch response.status {
        case .noErrors:
            break
        case .noCipherSuiteMatch, .invalidAuthenticationAlgorithm, .invalidIntegrityAlgorithm,
            .invalidConfidentialityAlgorithm:
            guard handshake.suiteIndex + 1 < self.configuration.cipherSuites.count else {
                let ids = self.configuration.cipherSuites.map { String($0.id) }.joined(separator: ", ")
                return .fail(BMCError(.unsupported, "the BMC refuses cipher suites \(ids) (\(response.status))"))
            }
            handshake.suiteIndex += 1
            return self.sendOpenSession(&handshake)
        case .invalidRole, .unauthorizedRole:
            return .fail(
                BMCError(.insufficientPrivilege, "the BMC will not open a session at \(self.configuration.privilege)"))
        default:
            return .fail(
                BMCError(
                    .commandFailed, "Open Session refused: \(response.status)", bmcCode: Int(response.status.rawValue)))
        }
        guard response.suite == suite else {
            return .fail(BMCError(.protocolError, "Open Session answered with other algorithms than proposed"))
        }
        guard response.maximumPrivilege >= self.configuration.privilege else {
            return .fail(
                BMCError(
                    .insufficientPrivilege,
                    "the BMC allows at most \(response.maximumPrivilege), \(self.configuration.privilege) was asked"))
        }
        handshake.bmcSessionID = response.bmcSessionID
        handshake.consoleRandom = self.randomBytes(RAKPMessage1.randomLength)
        handshake.messageTag &+= 1
        handshake.step = .rakp1
        handshake.attempts = 0
        let rakp1 = RAKPMessage1(
            messageTag: handshake.messageTag, bmcSessionID: response.bmcSessionID,
            consoleRandom: handshake.consoleRandom,
            role: RAKPMessage1.nameOnlyLookup | self.configuration.privilege.rawValue,
            username: self.configuration.username)
        handshake.rakp1 = rakp1
        return self.sendSetup(.rakp1, rakp1.encodedBytes, handshake: &handshake)
    }

    private mutating func rakp2Received(_ datagram: IPMIDatagram, handshake: inout Handshake) -> Action {
        guard let payload = Self.setupPayload(datagram, type: .rakp2), let rakp1 = handshake.rakp1,
            let message = try? RAKPMessage2.decode(bytes: payload), message.messageTag == handshake.messageTag
        else {
            return .wait
        }
        let username = String(decoding: self.configuration.username, as: UTF8.self)
        switch message.status {
        case .noErrors:
            break
        case .unauthorizedName, .invalidNameLength:
            return .fail(BMCError(.authenticationFailed, "the BMC rejects user \"\(username)\" (\(message.status))"))
        case .invalidRole, .unauthorizedRole, .insufficientResourcesForRole:
            return .fail(
                BMCError(
                    .insufficientPrivilege,
                    "user \"\(username)\" may not hold \(self.configuration.privilege) (\(message.status))"))
        case .invalidSessionID, .inactiveSessionID:
            guard handshake.restarts < Self.maxRestarts else {
                return .fail(BMCError(.protocolError, "the BMC keeps forgetting the new session (\(message.status))"))
            }
            handshake.restarts += 1
            return self.sendOpenSession(&handshake)
        default:
            return .fail(BMCError(.protocolError, "RAKP 2: \(message.status)", bmcCode: Int(message.status.rawValue)))
        }
        guard message.consoleSessionID == handshake.consoleSessionID else {
            return .wait
        }
        let suite = self.configuration.cipherSuites[handshake.suiteIndex]
        let expected = RAKPCrypto.rakp2Code(
            suite.authentication, password: self.configuration.password, consoleSessionID: handshake.consoleSessionID,
            bmcSessionID: handshake.bmcSessionID, consoleRandom: handshake.consoleRandom, bmcRandom: message.bmcRandom,
            bmcGUID: message.bmcGUID, role: rakp1.role, username: rakp1.username)
        guard RAKPCrypto.constantTimeEqual(expected, message.keyExchangeCode) else {
            return .fail(
                BMCError(.authenticationFailed, "wrong password for user \"\(username)\" (RAKP 2 code does not match)"))
        }
        let code = RAKPCrypto.rakp3Code(
            suite.authentication, password: self.configuration.password, bmcRandom: message.bmcRandom,
            consoleSessionID: handshake.consoleSessionID, role: rakp1.role, username: rakp1.username)
        handshake.sik = RAKPCrypto.sessionIntegrityKey(
            suite.authentication, key: self.configuration.password, consoleRandom: handshake.consoleRandom,
            bmcRandom: message.bmcRandom, role: rakp1.role, username: rakp1.username)
        handshake.bmcGUID = message.bmcGUID
        handshake.messageTag &+= 1
        handshake.step = .rakp3
        handshake.attempts = 0
        let rakp3 = RAKPMessage3(
            messageTag: handshake.messageTag, status: .noErrors, bmcSessionID: handshake.bmcSessionID,
            keyExchangeCode: code)
        return self.sendSetup(.rakp3, rakp3.encodedBytes, handshake: &handshake)
    }

    private mutating func rakp4Received(_ datagram: IPMIDatagram, handshake: inout Handshake) -> Action {
        guard let payload = Self.setupPayload(datagram, type: .rakp4),
            let message = try? RAKPMessage4.decode(bytes: payload), message.messageTag == handshake.messageTag
        else {
            return .wait
        }
        switch message.status {
        case .noErrors:
            break
        case .invalidIntegrityCheckValue:
            return .fail(BMCError(.authenticationFailed, "the BMC rejected the password (RAKP 3 check failed)"))
        case .invalidSessionID, .inactiveSessionID:
            guard handshake.restarts < Self.maxRestarts else {
                return .fail(BMCError(.protocolError, "the BMC keeps forgetting the new session (\(message.status))"))
            }
            handshake.restarts += 1
            return self.sendOpenSession(&handshake)
        default:
            return .fail(BMCError(.protocolError, "RAKP 4: \(message.status)", bmcCode: Int(message.status.rawValue)))
        }
        guard message.consoleSessionID == handshake.consoleSessionID else {
            return .wait
        }
        let suite = self.configuration.cipherSuites[handshake.suiteIndex]
        let expected = RAKPCrypto.rakp4Check(
            suite.authentication, sik: handshake.sik, consoleRandom: handshake.consoleRandom,
            bmcSessionID: handshake.bmcSessionID, bmcGUID: handshake.bmcGUID)
        guard RAKPCrypto.constantTimeEqual(expected, message.integrityCheck) else {
            return .fail(BMCError(.authenticationFailed, "RAKP 4 integrity check value does not match (BMC key?)"))
        }
        var session = Session(
            suite: suite, security: SessionSecurity(suite: suite, sik: handshake.sik),
            bmcSessionID: handshake.bmcSessionID, consoleSessionID: handshake.consoleSessionID)
        self.negotiatedSuite = suite
        guard self.configuration.privilege > .user else {
            return self.send(handshake.command, on: &session, attempts: 0, mayReestablish: false)
        }
        let request = IPMIRequest(
            .setSessionPrivilegeLevel, sequence: session.nextRequestSequence(),
            data: SetSessionPrivilegeLevel.Request(privilege: self.configuration.privilege).encodedBytes)
        guard let datagram = self.seal(request, session: &session) else {
            return .fail(BMCError(.protocolError, "could not encode Set Session Privilege Level"))
        }
        handshake.step = .setPrivilege
        handshake.attempts = 0
        handshake.session = session
        handshake.setPrivilegeRequest = request
        handshake.lastSent = datagram
        return .send(datagram)
    }

    private mutating func privilegeSet(_ datagram: IPMIDatagram, handshake: inout Handshake) -> Action {
        guard var session = handshake.session, let request = handshake.setPrivilegeRequest,
            let response = self.openResponse(datagram, session: &session), response.answers(request)
        else {
            return .wait
        }
        handshake.session = session
        switch response.completionCode {
        case .success:
            return self.send(handshake.command, on: &session, attempts: 0, mayReestablish: false)
        case .privilegeNotAvailable, .privilegeExceedsLimit, .insufficientPrivilege:
            return .fail(
                BMCError(
                    .insufficientPrivilege,
                    "the BMC refuses \(self.configuration.privilege): \(response.completionCode)",
                    bmcCode: Int(response.completionCode.rawValue)))
        default:
            return .fail(
                BMCError(
                    .commandFailed, "Set Session Privilege Level failed: \(response.completionCode)",
                    bmcCode: Int(response.completionCode.rawValue)))
        }
    }

    // MARK: sending and opening

    private mutating func send(
        _ command: Command, on session: inout Session, attempts: Int, mayReestablish: Bool
    ) -> Action {
        let request = IPMIRequest(command.command, sequence: session.nextRequestSequence(), data: command.data)
        guard let datagram = self.seal(request, session: &session) else {
            self.state = .ready(session)
            return .fail(BMCError(.protocolError, "could not encode \(command.command)"))
        }
        self.state = .requesting(
            session, InFlight(command: command, request: request, attempts: attempts, mayReestablish: mayReestablish))
        return .send(datagram)
    }

    private mutating func sendSetup(_ type: PayloadType, _ payload: [UInt8], handshake: inout Handshake) -> Action {
        var buffer = ByteBuffer()
        do {
            try RMCPPlusPacket.sessionless(type, payload: payload).encode(into: &buffer, security: nil)
        } catch {
            return .fail(BMCError(.protocolError, "could not encode \(type): \(error)"))
        }
        handshake.lastSent = buffer
        return .send(buffer)
    }

    private mutating func seal(_ request: IPMIRequest, session: inout Session) -> ByteBuffer? {
        let packet = RMCPPlusPacket(
            payloadType: .ipmi, sessionID: session.bmcSessionID, sequenceNumber: session.nextOutbound(),
            payload: request.encodedBytes)
        var buffer = ByteBuffer()
        do {
            try packet.encode(
                into: &buffer, security: session.security, iv: self.randomBytes(SessionSecurity.aesBlockLength))
        } catch {
            return nil
        }
        return buffer
    }

    /// The IPMI response inside an in-session datagram, checked for session, integrity and replay.
    private func openResponse(_ datagram: IPMIDatagram, session: inout Session) -> IPMIResponse? {
        guard case .rmcpPlus(let envelope) = datagram, envelope.payloadType == .ipmi,
            envelope.sessionID == session.consoleSessionID, let packet = try? envelope.open(security: session.security),
            session.inbound.accept(packet.sequenceNumber)
        else {
            return nil
        }
        return try? IPMIResponse.decode(bytes: packet.payload)
    }

    private static func setupPayload(_ datagram: IPMIDatagram, type: PayloadType) -> [UInt8]? {
        guard case .rmcpPlus(let envelope) = datagram, envelope.payloadType == type, envelope.sessionID == 0 else {
            return nil
        }
        return envelope.rawPayload
    }

    private mutating func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self.random) }
    }
}
