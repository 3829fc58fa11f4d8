import AgentProtocol
import Controllers
import Foundation

/// Every host's agent session, indexed by the tokens and ids the agent API and boot endpoints are
/// called with. Sessions live in memory only: after a restart no old token works, and the
/// controller boots the agent afresh.
actor AgentSessions {
    /// What a boot endpoint needs to hand out a host's agent configuration.
    struct BootGrant: Sendable, Hashable {
        var host: HostKey
        var token: String
        var bootMAC: String
    }

    private var byHost: [HostKey: AgentSession] = [:]
    private var byBootToken: [String: HostKey] = [:]
    private var byAgentToken: [String: HostKey] = [:]
    private var byISO: [String: HostKey] = [:]
    private var nextCommand = 1
    private let silence: Duration
    private let heartbeatInterval: Duration

    /// - silence: how long an agent may go without a heartbeat before it counts as absent.
    init(heartbeatInterval: Duration, silence: Duration) {
        self.heartbeatInterval = heartbeatInterval
        self.silence = silence
    }

    // MARK: minting and revoking

    /// A new boot token and ISO id for `host`, replacing any earlier session.
    func mint(host: HostKey, bootMAC: String?) -> (token: String, isoID: String) {
        self.revoke(host: host)
        let session = AgentSession(
            host: host, bootMAC: bootMAC.flatMap(BootArtifacts.normalizedMAC), bootToken: Self.randomToken(bytes: 32),
            isoID: Self.randomToken(bytes: 16))
        self.byHost[host] = session
        self.byBootToken[session.bootToken] = host
        self.byISO[session.isoID] = host
        return (session.bootToken, session.isoID)
    }

    func revoke(host: HostKey) {
        guard let session = self.byHost.removeValue(forKey: host) else {
            return
        }
        self.byBootToken[session.bootToken] = nil
        self.byISO[session.isoID] = nil
        if let token = session.agentToken {
            self.byAgentToken[token] = nil
        }
    }

    func hasSession(_ host: HostKey) -> Bool {
        self.byHost[host] != nil
    }

    func isoID(for host: HostKey) -> String? {
        self.byHost[host]?.isoID
    }

    // MARK: commands

    /// Hands `command` to the host's agent at its next heartbeat. False when the host has no session.
    func issue(
        _ command: Controllers.AgentCommand,
        action: AgentProtocol.AgentCommand.Action,
        to host: HostKey
    ) -> Bool {
        guard var session = self.byHost[host] else {
            return false
        }
        session.issue(command, id: "c-\(self.nextCommand)", action: action)
        self.nextCommand += 1
        self.byHost[host] = session
        return true
    }

    func observation(of host: HostKey) -> AgentObservation {
        guard let session = self.byHost[host] else {
            return .absent
        }
        return session.observation(now: .now, silence: self.silence)
    }

    /// The image writes in progress, by host.
    func imageProgress() -> [HostKey: CommandProgress] {
        var progress: [HostKey: CommandProgress] = [:]
        for (host, session) in self.byHost {
            if let current = session.imageProgress {
                progress[host] = current
            }
        }
        return progress
    }

    // MARK: the agent API

    func lookup(_ request: LookupRequest) -> Result<(HostKey, LookupResponse), AgentSession.Refusal> {
        guard let host = self.byBootToken[request.bootToken], var session = self.byHost[host] else {
            return .failure(.unauthorized("unknown or already used boot token"))
        }
        let agentToken = Self.randomToken(bytes: 32)
        if case .failure(let refusal) = session.lookup(request, agentToken: agentToken, now: .now) {
            return .failure(refusal)
        }
        self.byBootToken[session.bootToken] = nil
        self.byAgentToken[agentToken] = host
        self.byHost[host] = session
        let seconds =
            Double(self.heartbeatInterval.components.seconds)
            + Double(self.heartbeatInterval.components.attoseconds) / 1e18
        return .success(
            (host, LookupResponse(hostID: host.description, agentToken: agentToken, heartbeatIntervalSeconds: seconds)))
    }

    /// Answers a heartbeat; `result` is the command result that arrived with it, if new.
    func heartbeat(
        _ request: HeartbeatRequest,
        token: String?
    ) -> Result<(host: HostKey, response: HeartbeatResponse, result: CommandResult?), AgentSession.Refusal> {
        guard let token, !token.isEmpty else {
            return .failure(.unauthorized("missing \(AgentAPI.tokenHeader) header"))
        }
        guard let host = self.byAgentToken[token], var session = self.byHost[host] else {
            return .failure(.unauthorized("unknown, replaced or revoked agent token"))
        }
        guard request.hostID == host.description else {
            return .failure(.forbidden("the agent token belongs to another host"))
        }
        let (command, news) = session.heartbeat(request, now: .now)
        self.byHost[host] = session
        return .success((host, HeartbeatResponse(command: command), news ? session.result : nil))
    }

    // MARK: boot endpoints

    /// The unspent boot token of the host that boots from `mac`.
    func pxeGrant(mac: String) -> BootGrant? {
        guard let mac = BootArtifacts.normalizedMAC(mac) else {
            return nil
        }
        for (token, host) in self.byBootToken {
            if let session = self.byHost[host], session.bootMAC == mac {
                return BootGrant(host: host, token: token, bootMAC: mac)
            }
        }
        return nil
    }

    /// The token the ISO named `isoID` carries (spent or not: the lookup decides).
    func isoGrant(isoID: String) -> BootGrant? {
        guard let host = self.byISO[isoID], let session = self.byHost[host] else {
            return nil
        }
        return BootGrant(host: host, token: session.bootToken, bootMAC: session.bootMAC ?? "")
    }

    // MARK: tokens

    /// Hex of `bytes` random bytes from the system's generator.
    static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        return text
    }
}
