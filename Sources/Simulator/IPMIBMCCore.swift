import IPMIWire
import NIOCore

/// The protocol half of a simulated BMC: RMCP+ session setup, integrity and encryption, replay
/// windows, privilege checks, the session and SOL commands, and SOL flow control. It is pure: the
/// shell feeds it datagrams, the time and a random source, sends what it returns, and executes
/// the server commands it hands back (power, boot device, identity) before calling `reply`.
public struct IPMIBMCCore: Sendable {
    public struct Outcome: Sendable {
        public var datagrams: [ByteBuffer] = []
        /// A server command to execute; answer it with `reply(to:completionCode:data:now:random:)`.
        public var execute: IPMICommandContext?
        public var events: [Event] = []
        /// Why the datagram got no answer (a real BMC drops bad packets silently).
        public var dropReason: DropReason?

        static func drop(_ reason: @autoclosure @escaping @Sendable () -> String) -> Outcome {
            var outcome = Outcome()
            outcome.dropReason = DropReason(reason)
            return outcome
        }

        static func send(_ datagram: ByteBuffer?) -> Outcome {
            var outcome = Outcome()
            if let datagram {
                outcome.datagrams.append(datagram)
            } else {
                outcome.dropReason = DropReason { "reply could not be encoded" }
            }
            return outcome
        }
    }

    /// The reason a datagram was dropped, formatted only when someone reads it: hostile traffic
    /// is dropped at line rate and should not pay for string formatting.
    public struct DropReason: Sendable, CustomStringConvertible {
        private let make: @Sendable () -> String

        init(_ make: @escaping @Sendable () -> String) {
            self.make = make
        }

        public var description: String { self.make() }
    }

    public enum Event: Sendable, Hashable {
        case sessionOpened(UInt32)
        case sessionClosed(UInt32)
        case solActivated(UInt32)
        case solDeactivated(UInt32)
        /// Characters the console typed.
        case solInput(UInt32, [UInt8])
    }

    /// The IPMB channel number of the LAN channel.
    public static let lanChannel: UInt8 = 1
    public static let solPayloadSize: UInt16 = 255

    public var settings: IPMIBMCSettings
    private var sessions: [UInt32: IPMIBMCSession] = [:]

    public init(settings: IPMIBMCSettings) {
        self.settings = settings
    }

    public var sessionCount: Int { self.sessions.count }
    public var activeSessionIDs: [UInt32] { self.sessions.values.filter(\.isActive).map(\.bmcSessionID).sorted() }
    public var solSessionIDs: [UInt32] { self.sessions.values.filter { $0.sol != nil }.map(\.bmcSessionID).sorted() }

    /// The privilege a session currently runs at, if it exists.
    public func privilege(ofSession id: UInt32) -> PrivilegeLevel? {
        self.sessions[id]?.privilege
    }

    // MARK: receive

    public mutating func receive<R: RandomNumberGenerator>(
        _ datagram: ByteBuffer, from peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        self.receive(
            bytes: datagram.getBytes(at: datagram.readerIndex, length: datagram.readableBytes) ?? [],
            from: peer, now: now, random: &random)
    }

    /// The same, for a datagram already copied out of its buffer.
    public mutating func receive<R: RandomNumberGenerator>(
        bytes datagram: [UInt8], from peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        let decoded: IPMIDatagram
        do {
            decoded = try IPMIDatagram.decode(bytes: datagram)
        } catch {
            return .drop("\(error)")
        }
        var expired = self.expireIdleSessions(now: now)
        var outcome: Outcome
        switch decoded {
        case .asf(let message):
            outcome = self.handleASF(message)
        case .ipmi15(let packet):
            guard packet.authenticationType == 0, packet.sessionID == 0 else {
                return .drop("IPMI 1.5 sessions are not offered (only session-less 1.5 requests)")
            }
            outcome = self.handleSessionless(message: packet.message, format: .ipmi15, peer: peer, random: &random)
        case .rmcpPlus(let envelope):
            outcome = self.handleRMCPPlus(envelope, peer: peer, now: now, random: &random)
        }
        expired.append(contentsOf: outcome.events)
        outcome.events = expired
        return outcome
    }

    private func handleASF(_ message: ASFMessage) -> Outcome {
        guard message.type == .presencePing else {
            return .drop("ASF message is not a presence ping")
        }
        var buffer = ByteBuffer()
        IPMIDatagram.encode(ASFMessage.pong(answering: message), into: &buffer)
        return .send(buffer)
    }

    private mutating func handleRMCPPlus<R: RandomNumberGenerator>(
        _ envelope: RMCPPlusEnvelope, peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        guard envelope.sessionID == 0 else {
            return self.handleInSession(envelope, peer: peer, now: now, random: &random)
        }
        guard !envelope.isAuthenticated, !envelope.isEncrypted else {
            return .drop("session-less packet claims authentication or encryption")
        }
        switch envelope.payloadType {
        case .openSessionRequest:
            return self.handleOpenSession(envelope.rawPayload, peer: peer, now: now, random: &random)
        case .rakp1:
            return self.handleRAKP1(envelope.rawPayload, peer: peer, now: now, random: &random)
        case .rakp3:
            return self.handleRAKP3(envelope.rawPayload, now: now, random: &random)
        case .ipmi:
            return self.handleSessionless(message: envelope.rawPayload, format: .rmcpPlus, peer: peer, random: &random)
        case .sol, .oemExplicit, .openSessionResponse, .rakp2, .rakp4:
            return .drop("\(envelope.payloadType) is not accepted outside a session")
        }
    }

    // MARK: session-less requests

    private func handleSessionless<R: RandomNumberGenerator>(
        message: [UInt8], format: IPMICommandContext.Format, peer: SocketAddress, random: inout R
    ) -> Outcome {
        let request: IPMIRequest
        do {
            request = try IPMIRequest.decode(bytes: message)
        } catch {
            return .drop("session-less request: \(error)")
        }
        let (code, data) = self.sessionlessAnswer(request)
        let response = IPMIResponse(answering: request, completionCode: code, data: data)
        return .send(self.sealSessionless(response, format: format, random: &random))
    }

    /// Only the commands a console needs before it has a session are answered outside one.
    private func sessionlessAnswer(_ request: IPMIRequest) -> (CompletionCode, [UInt8]) {
        switch request.ipmiCommand {
        case .getChannelAuthenticationCapabilities:
            return self.authenticationCapabilities(request.data)
        case .getChannelCipherSuites:
            return self.cipherSuites(request.data)
        default:
            return (.insufficientPrivilege, [])
        }
    }

    private func authenticationCapabilities(_ data: [UInt8]) -> (CompletionCode, [UInt8]) {
        guard let request = try? GetChannelAuthenticationCapabilities.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard self.isLANChannel(request.channel) else {
            return (.invalidDataField, [])
        }
        let response = GetChannelAuthenticationCapabilities.Response(
            channel: Self.lanChannel, extendedCapabilitiesAvailable: request.wantsIPMI20Data,
            supportsIPMI20: request.wantsIPMI20Data)
        return (.success, response.encodedBytes)
    }

    private func cipherSuites(_ data: [UInt8]) -> (CompletionCode, [UInt8]) {
        guard let request = try? GetChannelCipherSuites.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard self.isLANChannel(request.channel), request.listBySuite else {
            return (.invalidDataField, [])
        }
        let offered = CipherSuite.supported.filter { !self.settings.refusedCipherSuites.contains($0.id) }
        let records = GetChannelCipherSuites.records(for: offered.sorted { $0.id < $1.id })
        let response = GetChannelCipherSuites.Response.chunk(
            of: records, index: request.listIndex, channel: Self.lanChannel)
        return (.success, response.encodedBytes)
    }

    private func isLANChannel(_ channel: UInt8) -> Bool {
        channel == GetChannelAuthenticationCapabilities.currentChannel || channel == Self.lanChannel
    }

    // MARK: session setup

    private mutating func handleOpenSession<R: RandomNumberGenerator>(
        _ payload: [UInt8], peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        let request: OpenSessionRequest
        do {
            request = try OpenSessionRequest.decode(bytes: payload)
        } catch {
            return .drop("open session request: \(error)")
        }
        if let existing = self.sessions.values.first(where: {
            $0.consoleSessionID == request.consoleSessionID && $0.peer == peer
        }), case .opened(let reply) = existing.phase {
            return .send(self.sealSetup(.openSessionResponse, reply.encodedBytes, random: &random))
        }
        func refuse(_ status: RMCPPlusStatus) -> Outcome {
            let reply = OpenSessionResponse(
                messageTag: request.messageTag, status: status, maximumPrivilege: .highest,
                consoleSessionID: request.consoleSessionID)
            return .send(self.sealSetup(.openSessionResponse, reply.encodedBytes, random: &random))
        }
        guard request.consoleSessionID != 0 else {
            return refuse(.invalidSessionID)
        }
        guard let suite = request.proposedSuite, !self.settings.refusedCipherSuites.contains(suite.id) else {
            return refuse(.noCipherSuiteMatch)
        }
        let privilege =
            request.requestedPrivilege == .highest ? PrivilegeLevel.administrator : request.requestedPrivilege
        guard privilege <= .administrator else {
            return refuse(.invalidRole)
        }
        guard self.sessions.count < self.settings.maxSessions else {
            return refuse(.insufficientResources)
        }
        var id: UInt32 = 0
        while id == 0 || self.sessions[id] != nil {
            id = UInt32.random(in: 1...UInt32.max, using: &random)
        }
        let reply = OpenSessionResponse(
            messageTag: request.messageTag, status: .noErrors, maximumPrivilege: privilege,
            consoleSessionID: request.consoleSessionID, bmcSessionID: id, suite: suite)
        self.sessions[id] = IPMIBMCSession(
            bmcSessionID: id, consoleSessionID: request.consoleSessionID, suite: suite, peer: peer,
            openPrivilege: privilege, phase: .opened(reply: reply), lastActivity: now)
        return .send(self.sealSetup(.openSessionResponse, reply.encodedBytes, random: &random))
    }

    private mutating func handleRAKP1<R: RandomNumberGenerator>(
        _ payload: [UInt8], peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        let message: RAKPMessage1
        do {
            message = try RAKPMessage1.decode(bytes: payload)
        } catch {
            return .drop("rakp 1: \(error)")
        }
        guard var session = self.sessions[message.bmcSessionID], session.peer == peer else {
            let reply = RAKPMessage2(messageTag: message.messageTag, status: .invalidSessionID, consoleSessionID: 0)
            return .send(self.sealSetup(.rakp2, reply.encodedBytes, random: &random))
        }
        switch session.phase {
        case .authenticating(let previous, _, _, _, let reply) where previous == message:
            return .send(self.sealSetup(.rakp2, reply.encodedBytes, random: &random))
        case .active:
            return .drop("rakp 1 for a session that is already active")
        case .opened, .authenticating:
            break
        }
        func refuse(_ status: RMCPPlusStatus) -> Outcome {
            self.sessions[session.bmcSessionID] = nil
            let reply = RAKPMessage2(
                messageTag: message.messageTag, status: status, consoleSessionID: session.consoleSessionID)
            return .send(self.sealSetup(.rakp2, reply.encodedBytes, random: &random))
        }
        guard let privilege = message.requestedPrivilege, privilege != .highest else {
            return refuse(.invalidRole)
        }
        guard privilege <= session.openPrivilege else {
            return refuse(.unauthorizedRole)
        }
        guard let user = self.settings.users.first(where: { Array($0.name.utf8) == message.username }) else {
            return refuse(.unauthorizedName)
        }
        guard privilege.rawValue <= UInt8(user.privilege.rawValue) else {
            return refuse(.unauthorizedRole)
        }
        var password = Array(user.password.utf8.prefix(RAKPCrypto.maxKeyLength))
        if self.settings.rejectAllCredentials {
            password = random.bytes(RAKPCrypto.maxKeyLength)
        }
        let bmcRandom = random.bytes(RAKPMessage1.randomLength)
        let code = RAKPCrypto.rakp2Code(
            session.suite.authentication, password: password, consoleSessionID: session.consoleSessionID,
            bmcSessionID: session.bmcSessionID, consoleRandom: message.consoleRandom, bmcRandom: bmcRandom,
            bmcGUID: self.settings.guid, role: message.role, username: message.username)
        let reply = RAKPMessage2(
            messageTag: message.messageTag, status: .noErrors, consoleSessionID: session.consoleSessionID,
            bmcRandom: bmcRandom, bmcGUID: self.settings.guid, keyExchangeCode: code)
        session.phase = .authenticating(
            rakp1: message, bmcRandom: bmcRandom, user: user, password: password, reply: reply)
        session.lastActivity = now
        self.sessions[session.bmcSessionID] = session
        return .send(self.sealSetup(.rakp2, reply.encodedBytes, random: &random))
    }

    private mutating func handleRAKP3<R: RandomNumberGenerator>(
        _ payload: [UInt8], now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        let message: RAKPMessage3
        do {
            message = try RAKPMessage3.decode(bytes: payload)
        } catch {
            return .drop("rakp 3: \(error)")
        }
        guard var session = self.sessions[message.bmcSessionID] else {
            let reply = RAKPMessage4(messageTag: message.messageTag, status: .invalidSessionID, consoleSessionID: 0)
            return .send(self.sealSetup(.rakp4, reply.encodedBytes, random: &random))
        }
        let auth = session.suite.authentication
        switch session.phase {
        case .active(let code, let reply):
            guard code == message.keyExchangeCode else {
                return .drop("rakp 3 for a session that is already active")
            }
            return .send(self.sealSetup(.rakp4, reply.encodedBytes, random: &random))
        case .opened:
            return .drop("rakp 3 before rakp 1")
        case .authenticating(let rakp1, let bmcRandom, _, let password, _):
            guard message.status == .noErrors else {
                self.sessions[session.bmcSessionID] = nil
                return .drop("console aborted the session with \(message.status)")
            }
            let expected = RAKPCrypto.rakp3Code(
                auth, password: password, bmcRandom: bmcRandom, consoleSessionID: session.consoleSessionID,
                role: rakp1.role, username: rakp1.username)
            guard RAKPCrypto.constantTimeEqual(expected, message.keyExchangeCode) else {
                self.sessions[session.bmcSessionID] = nil
                let reply = RAKPMessage4(
                    messageTag: message.messageTag, status: .invalidIntegrityCheckValue,
                    consoleSessionID: session.consoleSessionID)
                return .send(self.sealSetup(.rakp4, reply.encodedBytes, random: &random))
            }
            let sik = RAKPCrypto.sessionIntegrityKey(
                auth, key: password, consoleRandom: rakp1.consoleRandom, bmcRandom: bmcRandom, role: rakp1.role,
                username: rakp1.username)
            let check = RAKPCrypto.rakp4Check(
                auth, sik: sik, consoleRandom: rakp1.consoleRandom, bmcSessionID: session.bmcSessionID,
                bmcGUID: self.settings.guid)
            let reply = RAKPMessage4(
                messageTag: message.messageTag, status: .noErrors, consoleSessionID: session.consoleSessionID,
                integrityCheck: check)
            let limit = rakp1.requestedPrivilege ?? .user
            session.security = SessionSecurity(suite: session.suite, sik: sik)
            session.privilegeLimit = limit
            session.privilege = min(limit, .user)
            session.phase = .active(rakp3Code: message.keyExchangeCode, reply: reply)
            session.lastActivity = now
            self.sessions[session.bmcSessionID] = session
            var outcome = Outcome.send(self.sealSetup(.rakp4, reply.encodedBytes, random: &random))
            outcome.events.append(.sessionOpened(session.bmcSessionID))
            return outcome
        }
    }

    // MARK: in-session traffic

    private mutating func handleInSession<R: RandomNumberGenerator>(
        _ envelope: RMCPPlusEnvelope, peer: SocketAddress, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        guard var session = self.sessions[envelope.sessionID], session.isActive, let security = session.security else {
            return .drop("no active session 0x\(String(envelope.sessionID, radix: 16))")
        }
        let packet: RMCPPlusPacket
        do {
            packet = try envelope.open(security: security)
        } catch {
            return .drop("session 0x\(String(envelope.sessionID, radix: 16)): \(error)")
        }
        guard session.inbound.accept(packet.sequenceNumber) else {
            return .drop("session sequence number \(packet.sequenceNumber) replayed or outside the window")
        }
        session.lastActivity = now
        var outcome: Outcome
        switch packet.payloadType {
        case .ipmi:
            outcome = self.handleSessionRequest(packet.payload, session: &session, peer: peer, random: &random)
        case .sol:
            outcome = self.handleSOLInput(packet.payload, session: &session, now: now, random: &random)
        case .oemExplicit, .openSessionRequest, .openSessionResponse, .rakp1, .rakp2, .rakp3, .rakp4:
            outcome = .drop("\(packet.payloadType) is not accepted inside a session")
        }
        if self.sessions[session.bmcSessionID] != nil {
            self.sessions[session.bmcSessionID] = session
        }
        return outcome
    }

    private mutating func handleSessionRequest<R: RandomNumberGenerator>(
        _ payload: [UInt8], session: inout IPMIBMCSession, peer: SocketAddress, random: inout R
    ) -> Outcome {
        let request: IPMIRequest
        do {
            request = try IPMIRequest.decode(bytes: payload)
        } catch {
            return .drop("request: \(error)")
        }
        if let last = session.lastExchange, last.request == request {
            return .send(self.seal(last.response, session: &session, random: &random))
        }
        guard session.privilege >= Self.requiredPrivilege(request.ipmiCommand) else {
            return .send(self.respond(request, .insufficientPrivilege, session: &session, random: &random))
        }
        var outcome = Outcome()
        let answer: (CompletionCode, [UInt8])
        switch request.ipmiCommand {
        case .getChannelAuthenticationCapabilities:
            answer = self.authenticationCapabilities(request.data)
        case .getChannelCipherSuites:
            answer = self.cipherSuites(request.data)
        case .setSessionPrivilegeLevel:
            answer = self.setPrivilege(request.data, session: &session)
        case .closeSession:
            return self.closeSession(request, session: &session, random: &random)
        case .activatePayload:
            answer = self.activatePayload(request.data, session: &session, events: &outcome.events)
        case .deactivatePayload:
            answer = self.deactivatePayload(request.data, session: &session, events: &outcome.events)
        case .getPayloadActivationStatus:
            answer = self.payloadActivationStatus(request.data, asking: session.bmcSessionID)
        case .getChannelPayloadSupport:
            answer = (
                .success,
                GetChannelPayloadSupport.Response(standardPayloads: 0x0003, sessionSetupPayloads: 0x003F).encodedBytes
            )
        case GetChannelPayloadVersion.command:
            answer = (.success, [0x10])
        case .getSOLConfigurationParameters:
            answer = self.solConfiguration(request.data)
        case .getDeviceID, .getChassisStatus, .chassisControl, .setSystemBootOptions, .getSystemBootOptions:
            outcome.execute = IPMICommandContext(
                bmcSessionID: session.bmcSessionID, peer: peer, request: request, format: .rmcpPlus)
            return outcome
        default:
            answer = (.invalidCommand, [])
        }
        if let datagram = self.respond(request, answer.0, answer.1, session: &session, random: &random) {
            outcome.datagrams.append(datagram)
        }
        return outcome
    }

    /// The least privilege each command needs (IPMI 2.0 appendix G).
    static func requiredPrivilege(_ command: IPMICommand) -> PrivilegeLevel {
        switch command {
        case .chassisControl, .setSystemBootOptions: .operator
        case .setSessionPrivilegeLevel, .closeSession, .getChannelAuthenticationCapabilities: .callback
        default: .user
        }
    }

    private func setPrivilege(_ data: [UInt8], session: inout IPMIBMCSession) -> (CompletionCode, [UInt8]) {
        guard let request = try? SetSessionPrivilegeLevel.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        switch request.privilege {
        case .highest:
            break
        case .callback:
            return (.invalidDataField, [])
        case .user, .operator, .administrator, .oem:
            guard request.privilege <= session.privilegeLimit else {
                return (.privilegeNotAvailable, [])
            }
            session.privilege = request.privilege
        }
        return (.success, SetSessionPrivilegeLevel.Response(privilege: session.privilege).encodedBytes)
    }

    private mutating func closeSession<R: RandomNumberGenerator>(
        _ request: IPMIRequest, session: inout IPMIBMCSession, random: inout R
    ) -> Outcome {
        guard let close = try? CloseSession.Request.decode(bytes: request.data) else {
            return .send(self.respond(request, .requestDataLengthInvalid, session: &session, random: &random))
        }
        guard close.sessionID == session.bmcSessionID || self.sessions[close.sessionID] != nil else {
            return .send(self.respond(request, CompletionCode(rawValue: 0x87), session: &session, random: &random))
        }
        if close.sessionID != session.bmcSessionID, session.privilege < .administrator {
            return .send(self.respond(request, .insufficientPrivilege, session: &session, random: &random))
        }
        // The answer is sealed with the session's keys before the session goes.
        var outcome = Outcome.send(self.respond(request, .success, session: &session, random: &random))
        self.sessions[close.sessionID] = nil
        if close.sessionID == session.bmcSessionID, session.sol != nil {
            outcome.events.append(.solDeactivated(session.bmcSessionID))
        }
        outcome.events.append(.sessionClosed(close.sessionID))
        return outcome
    }

    private func activatePayload(
        _ data: [UInt8], session: inout IPMIBMCSession, events: inout [Event]
    ) -> (CompletionCode, [UInt8]) {
        guard let request = try? ActivatePayload.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard request.payloadType == PayloadType.sol.rawValue, request.instance == 1 else {
            return (.invalidDataField, [])
        }
        guard session.sol == nil, !self.sessions.values.contains(where: { $0.sol != nil }) else {
            return (.payloadAlreadyActive, [])
        }
        if request.encrypt, session.suite.confidentiality == .none {
            return (CompletionCode(rawValue: 0x83), [])
        }
        session.sol = IPMIBMCSession.SOLState(encrypt: request.encrypt, authenticate: request.authenticate)
        events.append(.solActivated(session.bmcSessionID))
        let response = ActivatePayload.Response(
            inboundPayloadSize: Self.solPayloadSize, outboundPayloadSize: Self.solPayloadSize,
            port: self.settings.port)
        return (.success, response.encodedBytes)
    }

    private func deactivatePayload(
        _ data: [UInt8], session: inout IPMIBMCSession, events: inout [Event]
    ) -> (CompletionCode, [UInt8]) {
        guard let request = try? DeactivatePayload.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard request.payloadType == PayloadType.sol.rawValue, request.instance == 1 else {
            return (.invalidDataField, [])
        }
        guard session.sol != nil else {
            // 0x80: payload already deactivated.
            return (CompletionCode(rawValue: 0x80), [])
        }
        session.sol = nil
        events.append(.solDeactivated(session.bmcSessionID))
        return (.success, [])
    }

    private func payloadActivationStatus(_ data: [UInt8], asking: UInt32) -> (CompletionCode, [UInt8]) {
        guard let request = try? GetPayloadActivationStatus.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard request.payloadType == PayloadType.sol.rawValue else {
            return (.invalidDataField, [])
        }
        let active = self.sessions.values.contains { $0.sol != nil }
        return (
            .success, GetPayloadActivationStatus.Response(capacity: 1, activeInstances: active ? 1 : 0).encodedBytes
        )
    }

    private func solConfiguration(_ data: [UInt8]) -> (CompletionCode, [UInt8]) {
        guard let request = try? GetSOLConfigurationParameters.Request.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard self.isLANChannel(request.channel) else {
            return (.invalidDataField, [])
        }
        if request.revisionOnly {
            return (.success, [GetSOLConfigurationParameters.revision])
        }
        let port = self.settings.port
        let values: [UInt8: [UInt8]] = [
            0: [0x00],  // set complete
            1: [0x01],  // SOL enabled
            2: [PrivilegeLevel.user.rawValue],  // USER may activate SOL; encryption and authentication not forced
            3: [0x0C, 0x60],  // accumulate 60 ms, send after 96 characters
            4: [0x07, 0x32],  // 7 retries, 500 ms apart
            5: [0x0A],  // 115.2 kbps
            6: [0x0A],
            7: [Self.lanChannel],
            8: [UInt8(truncatingIfNeeded: port), UInt8(truncatingIfNeeded: port >> 8)],
        ]
        guard let value = values[request.parameter] else {
            return (.parameterNotSupported, [])
        }
        return (.success, GetSOLConfigurationParameters.Response(data: value).encodedBytes)
    }

    // MARK: replies to executed commands

    /// Answers a command the shell executed. The session may have gone meanwhile; then nothing is sent.
    public mutating func reply<R: RandomNumberGenerator>(
        to context: IPMICommandContext, completionCode: CompletionCode, data: [UInt8], random: inout R
    ) -> ByteBuffer? {
        guard let id = context.bmcSessionID else {
            let response = IPMIResponse(answering: context.request, completionCode: completionCode, data: data)
            return self.sealSessionless(response, format: context.format, random: &random)
        }
        guard var session = self.sessions[id] else {
            return nil
        }
        let datagram = self.respond(context.request, completionCode, data, session: &session, random: &random)
        self.sessions[id] = session
        return datagram
    }

    // MARK: Serial-over-LAN

    private mutating func handleSOLInput<R: RandomNumberGenerator>(
        _ payload: [UInt8], session: inout IPMIBMCSession, now: ContinuousClock.Instant, random: inout R
    ) -> Outcome {
        guard var sol = session.sol else {
            return .drop("SOL packet on a session without SOL")
        }
        let packet: SOLPacket
        do {
            packet = try SOLPacket.decode(bytes: payload)
        } catch {
            return .drop("sol: \(error)")
        }
        if packet.ackSequence != 0, let outstanding = sol.outstanding, outstanding.sequence == packet.ackSequence,
            packet.status & SOLPacket.nack == 0
        {
            sol.outstanding = nil
            sol.attempts = 0
        }
        var outcome = Outcome()
        if packet.sequence != 0 {
            let ack = SOLPacket(
                sequence: 0, ackSequence: packet.sequence,
                acceptedCharacters: UInt8(truncatingIfNeeded: packet.data.count))
            session.sol = sol
            if let datagram = self.sealSOL(ack, session: &session, random: &random) {
                outcome.datagrams.append(datagram)
            }
            if !packet.data.isEmpty {
                outcome.events.append(.solInput(session.bmcSessionID, packet.data))
            }
            sol = session.sol ?? sol
        }
        session.sol = sol
        if let datagram = self.sendNextSOLChunk(session: &session, now: now, random: &random) {
            outcome.datagrams.append(datagram)
        }
        return outcome
    }

    /// Queues console output for every session with SOL active and returns what can go out now.
    public mutating func consoleOutput<R: RandomNumberGenerator>(
        _ bytes: [UInt8], now: ContinuousClock.Instant, random: inout R
    ) -> [(SocketAddress, ByteBuffer)] {
        var datagrams: [(SocketAddress, ByteBuffer)] = []
        for id in self.solSessionIDs {
            guard var session = self.sessions[id], var sol = session.sol else {
                continue
            }
            sol.pending.append(contentsOf: bytes)
            if sol.pending.count > IPMIBMCSession.SOLState.maxPending {
                sol.pending.removeFirst(sol.pending.count - IPMIBMCSession.SOLState.maxPending)
            }
            session.sol = sol
            if let datagram = self.sendNextSOLChunk(session: &session, now: now, random: &random) {
                datagrams.append((session.peer, datagram))
            }
            self.sessions[id] = session
        }
        return datagrams
    }

    /// Console output for one session only (the backlog a console sees when it attaches).
    public mutating func consoleOutput<R: RandomNumberGenerator>(
        _ bytes: [UInt8], forSession id: UInt32, now: ContinuousClock.Instant, random: inout R
    ) -> [(SocketAddress, ByteBuffer)] {
        guard var session = self.sessions[id], var sol = session.sol else {
            return []
        }
        sol.pending.append(contentsOf: bytes.suffix(IPMIBMCSession.SOLState.maxPending))
        session.sol = sol
        let datagram = self.sendNextSOLChunk(session: &session, now: now, random: &random)
        self.sessions[id] = session
        return datagram.map { [(session.peer, $0)] } ?? []
    }

    private func sendNextSOLChunk<R: RandomNumberGenerator>(
        session: inout IPMIBMCSession, now: ContinuousClock.Instant, random: inout R
    ) -> ByteBuffer? {
        guard var sol = session.sol, sol.outstanding == nil, !sol.pending.isEmpty else {
            return nil
        }
        let count = min(sol.pending.count, Int(Self.solPayloadSize) - SOLPacket.headerLength)
        let packet = SOLPacket(sequence: sol.nextSequence(), data: Array(sol.pending.prefix(count)))
        sol.pending.removeFirst(count)
        sol.outstanding = packet
        sol.outstandingSentAt = now
        sol.attempts = 1
        session.sol = sol
        return self.sealSOL(packet, session: &session, random: &random)
    }

    /// Timers: closes idle sessions and retransmits SOL packets nobody acknowledged.
    public mutating func tick<R: RandomNumberGenerator>(
        now: ContinuousClock.Instant, random: inout R
    ) -> (datagrams: [(SocketAddress, ByteBuffer)], events: [Event]) {
        let events = self.expireIdleSessions(now: now)
        var datagrams: [(SocketAddress, ByteBuffer)] = []
        for id in self.solSessionIDs {
            guard var session = self.sessions[id], var sol = session.sol, let packet = sol.outstanding,
                let sentAt = sol.outstandingSentAt, sentAt.duration(to: now) >= self.settings.solRetransmitInterval
            else {
                continue
            }
            if sol.attempts >= self.settings.solMaxAttempts {
                sol.outstanding = nil
                session.sol = sol
                if let datagram = self.sendNextSOLChunk(session: &session, now: now, random: &random) {
                    datagrams.append((session.peer, datagram))
                }
            } else {
                sol.attempts += 1
                sol.outstandingSentAt = now
                session.sol = sol
                if let datagram = self.sealSOL(packet, session: &session, random: &random) {
                    datagrams.append((session.peer, datagram))
                }
            }
            self.sessions[id] = session
        }
        return (datagrams, events)
    }

    private mutating func expireIdleSessions(now: ContinuousClock.Instant) -> [Event] {
        var events: [Event] = []
        for (id, session) in self.sessions where session.lastActivity.duration(to: now) > self.settings.idleTimeout {
            self.sessions[id] = nil
            if session.sol != nil {
                events.append(.solDeactivated(id))
            }
            if session.isActive {
                events.append(.sessionClosed(id))
            }
        }
        return events
    }

    // MARK: sealing

    private func respond<R: RandomNumberGenerator>(
        _ request: IPMIRequest, _ code: CompletionCode, _ data: [UInt8] = [], session: inout IPMIBMCSession,
        random: inout R
    ) -> ByteBuffer? {
        let response = IPMIResponse(answering: request, completionCode: code, data: data)
        session.lastExchange = (request, response)
        return self.seal(response, session: &session, random: &random)
    }

    private func seal<R: RandomNumberGenerator>(
        _ response: IPMIResponse, session: inout IPMIBMCSession, random: inout R
    ) -> ByteBuffer? {
        let packet = RMCPPlusPacket(
            payloadType: .ipmi, sessionID: session.consoleSessionID, sequenceNumber: session.nextOutboundSequence(),
            payload: response.encodedBytes)
        return self.sealInSession(packet, security: session.security, random: &random)
    }

    private func sealSOL<R: RandomNumberGenerator>(
        _ packet: SOLPacket, session: inout IPMIBMCSession, random: inout R
    ) -> ByteBuffer? {
        let rmcp = RMCPPlusPacket(
            payloadType: .sol, sessionID: session.consoleSessionID, sequenceNumber: session.nextOutboundSequence(),
            payload: packet.encodedBytes)
        return self.sealInSession(rmcp, security: session.security, random: &random)
    }

    private func sealInSession<R: RandomNumberGenerator>(
        _ packet: RMCPPlusPacket, security: SessionSecurity?, random: inout R
    ) -> ByteBuffer? {
        var buffer = ByteBuffer()
        let iv = random.bytes(SessionSecurity.aesBlockLength)
        do {
            try packet.encode(into: &buffer, security: security, iv: iv)
        } catch {
            return nil
        }
        if self.settings.corruptIntegrity, security != nil, buffer.writerIndex > 0,
            let last = buffer.getInteger(at: buffer.writerIndex - 1, as: UInt8.self)
        {
            buffer.setInteger(last ^ 0x5A, at: buffer.writerIndex - 1)
        }
        return buffer
    }

    private func sealSetup<R: RandomNumberGenerator>(
        _ type: PayloadType, _ payload: [UInt8], random: inout R
    ) -> ByteBuffer? {
        self.sealInSession(RMCPPlusPacket.sessionless(type, payload: payload), security: nil, random: &random)
    }

    private func sealSessionless<R: RandomNumberGenerator>(
        _ response: IPMIResponse, format: IPMICommandContext.Format, random: inout R
    ) -> ByteBuffer? {
        switch format {
        case .ipmi15:
            var buffer = ByteBuffer()
            IPMIDatagram.encode(IPMI15Packet(message: response.encodedBytes), into: &buffer)
            return buffer
        case .rmcpPlus:
            return self.sealSetup(.ipmi, response.encodedBytes, random: &random)
        }
    }
}

extension RandomNumberGenerator {
    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count + 8)
        while result.count < count {
            var word = self.next()
            for _ in 0..<8 {
                result.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return Array(result.prefix(count))
    }
}
