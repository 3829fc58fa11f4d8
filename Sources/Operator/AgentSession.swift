import AgentProtocol
import Controllers
import FoundryModel

/// One host's agent boot, from the minted token to the agent's last heartbeat: the pure state the
/// agent API and the controller's `AgentObservation` are made from.
struct AgentSession: Sendable {
    /// A command handed to the agent, remembered until the next one.
    struct Issued: Sendable {
        var id: String
        var request: Controllers.AgentCommand
        var wire: AgentProtocol.AgentCommand
    }

    let host: HostKey
    /// The MAC the host boots from (spec.bootMACAddress, or the inspected PXE NIC).
    let bootMAC: String?
    /// One-time: spent by the first lookup. Never logged.
    let bootToken: String
    /// Names the host's virtual-media ISO; random, so that its URL reveals nothing.
    let isoID: String
    private(set) var bootTokenSpent = false
    private(set) var agentToken: String?
    private(set) var lastSeen: ContinuousClock.Instant?
    private(set) var issued: Issued?
    private(set) var progress: CommandProgress?
    private(set) var result: CommandResult?

    init(host: HostKey, bootMAC: String?, bootToken: String, isoID: String) {
        self.host = host
        self.bootMAC = bootMAC
        self.bootToken = bootToken
        self.isoID = isoID
    }

    // MARK: the agent API

    enum Refusal: Error, Sendable, Hashable {
        case unauthorized(String)
        case forbidden(String)
    }

    /// The first call of the agent that booted with `bootToken`: spends it and hands out the
    /// heartbeat token.
    mutating func lookup(
        _ request: LookupRequest,
        agentToken: String,
        now: ContinuousClock.Instant
    ) -> Result<Void, Refusal> {
        guard !self.bootTokenSpent else {
            return .failure(.unauthorized("the boot token was already used"))
        }
        if let bootMAC = self.bootMAC {
            let macs = request.macAddresses.compactMap { BootArtifacts.normalizedMAC($0) }
            guard macs.contains(bootMAC) else {
                return .failure(.forbidden("the boot token was issued to a host with another boot MAC"))
            }
        }
        self.bootTokenSpent = true
        self.agentToken = agentToken
        self.lastSeen = now
        return .success(())
    }

    /// A heartbeat: records the agent's state and answers the command it should run. Returns
    /// whether the result the controller waits for arrived.
    mutating func heartbeat(
        _ request: HeartbeatRequest,
        now: ContinuousClock.Instant
    ) -> (command: AgentProtocol.AgentCommand, news: Bool) {
        self.lastSeen = now
        var news = false
        if let issued = self.issued {
            if let result = request.lastResult, result.commandID == issued.id, self.result == nil {
                self.result = result
                self.progress = nil
                news = true
            }
            if let progress = request.progress, progress.commandID == issued.id, self.result == nil {
                self.progress = progress
            }
        }
        guard let issued = self.issued, self.result == nil else {
            return (.none, news)
        }
        return (issued.wire, news)
    }

    /// Hands `request` to the agent at its next heartbeat; the same command still pending keeps
    /// its id, so that the agent does not run it twice.
    mutating func issue(_ request: Controllers.AgentCommand, id: String, action: AgentProtocol.AgentCommand.Action) {
        if let issued = self.issued, issued.request == request, self.result == nil {
            return
        }
        self.issued = Issued(id: id, request: request, wire: AgentProtocol.AgentCommand(id: id, action: action))
        self.result = nil
        self.progress = nil
    }

    // MARK: the controller's view

    /// The agent's state for the controller; an agent silent for `silence` is absent.
    func observation(now: ContinuousClock.Instant, silence: Duration) -> AgentObservation {
        guard self.agentToken != nil, let lastSeen = self.lastSeen, now - lastSeen <= silence else {
            return .absent
        }
        guard let issued = self.issued else {
            return .idle
        }
        guard let result = self.result else {
            let progress = self.progress.map { AgentProgress(done: $0.bytesDone, total: $0.bytesTotal) }
            return .running(issued.request.kind, progress: progress)
        }
        guard result.succeeded else {
            return .failed(issued.request.kind, message: result.message ?? "the agent reported a failure")
        }
        switch issued.request {
        case .inspect:
            guard let inventory = result.inventory else {
                return .failed(.inspect, message: "the agent reported no inventory")
            }
            return .succeeded(.inspected(inventory))
        case .writeImage(let deployment):
            return .succeeded(.imageWritten(url: deployment.image.url))
        case .clean:
            return .succeeded(.cleaned)
        case .powerOff:
            return .succeeded(.poweredOff)
        }
    }

    /// The write in progress, for the demo and `describe`.
    var imageProgress: CommandProgress? {
        guard case .writeImage = self.issued?.request else {
            return nil
        }
        return self.progress
    }
}
