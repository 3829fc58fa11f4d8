import IPMIWire
import NIOCore

/// One RMCP+ session on a simulated BMC, from Open Session to Close Session.
struct IPMIBMCSession: Sendable {
    enum Phase: Sendable {
        /// Open Session answered; waiting for RAKP 1.
        case opened(reply: OpenSessionResponse)
        /// RAKP 2 sent; waiting for RAKP 3. The reply is kept so a repeated RAKP 1 gets the same answer.
        case authenticating(
            rakp1: RAKPMessage1, bmcRandom: [UInt8], user: SimUser, password: [UInt8], reply: RAKPMessage2)
        /// Keys agreed; IPMI and SOL payloads flow.
        case active(rakp3Code: [UInt8], reply: RAKPMessage4)
    }

    struct SOLState: Sendable {
        var encrypt: Bool
        var authenticate: Bool
        /// The last packet sequence number used (1-15).
        var sequence: UInt8 = 0
        /// The packet waiting for an acknowledgement.
        var outstanding: SOLPacket?
        var outstandingSentAt: ContinuousClock.Instant?
        var attempts = 0
        /// Console output not yet sent, oldest first.
        var pending: [UInt8] = []

        static let maxPending = 64 * 1024

        mutating func nextSequence() -> UInt8 {
            self.sequence = self.sequence % 15 + 1
            return self.sequence
        }
    }

    let bmcSessionID: UInt32
    let consoleSessionID: UInt32
    let suite: CipherSuite
    let peer: SocketAddress
    /// The most Open Session granted; RAKP 1 may ask for no more.
    let openPrivilege: PrivilegeLevel
    var phase: Phase
    var lastActivity: ContinuousClock.Instant
    var security: SessionSecurity?
    /// The most Set Session Privilege Level may grant (the role RAKP 1 asked for).
    var privilegeLimit: PrivilegeLevel = .user
    var privilege: PrivilegeLevel = .user
    var inbound = SequenceWindow()
    var outboundSequence: UInt32 = 0
    /// The last request and its response: a retransmitted request is answered again, not executed twice.
    var lastExchange: (request: IPMIRequest, response: IPMIResponse)?
    var sol: SOLState?

    var isActive: Bool {
        if case .active = self.phase {
            return true
        }
        return false
    }

    mutating func nextOutboundSequence() -> UInt32 {
        self.outboundSequence = self.outboundSequence == UInt32.max ? 1 : self.outboundSequence + 1
        return self.outboundSequence
    }
}
