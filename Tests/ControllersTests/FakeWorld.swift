import Controllers
import Foundation
import FoundryModel
import TestSupport

/// A small simulated world for convergence tests, with no sockets: one server (power, boot devices,
/// virtual media, a disk), the agent it boots, the runtime's memory of the agent and of the last
/// actions, and the store holding the host. The operator can be "killed" between storing a status
/// and performing its actions, or in the middle of them; its memory is then lost, not the server's.
struct FakeWorld {
    struct Agent {
        var token: Int
        var bootedAt: Double
        var command: AgentCommand?
        var doneAt: Double = 0
    }

    enum Running: Equatable {
        case nothing
        case agent
        case os
    }

    var host: BareMetalHost
    var config: ControllerConfig
    var time = 0.0
    var rng: SeededGenerator

    // The server.
    var power = PowerState.off
    var oneTimeBoot: HostAction.BootDevice?
    var persistentBoot = HostAction.BootDevice.pxe
    var agentISOInserted = false
    var running = Running.nothing
    var agent: Agent?
    var disk: String?
    var diskWrites = 0
    var cleanings = 0
    var powerCommands = 0
    var bmcSilentUntil = 0.0
    var failWritesRemaining = 0
    let hardware = HostBuilder.sampleHardware

    // The runtime.
    var token = 0
    var lastActions = ActionRecord.noneSinceStart
    var runtimeStartedAt = 0.0
    var stored = true
    var deleted = false
    var statesSeen: [ProvisioningState] = []
    var writesAfterProvisioned = 0
    var decisions = 0
    var crashes = 0
    /// Slots held by other hosts, for fleet tests.
    var provisioningSlotsInUse = 0

    static let bootDelay = 3.0
    static let commandDuration = 4.0
    static let heartbeatTimeout = 2.0

    init(host: BareMetalHost, config: ControllerConfig, seed: UInt64) {
        self.host = host
        self.config = config
        self.rng = SeededGenerator(seed: seed)
    }

    // MARK: observing

    func observation(probing: Bool) -> HostObservation {
        var observation = HostObservation(credentials: .found(resourceVersion: HostBuilder.secretVersion))
        observation.lastActions = self.lastActions
        observation.agent = self.agentObservation()
        observation.provisioningSlotsInUse = self.provisioningSlotsInUse
        if probing {
            observation.bmc = self.time < self.bmcSilentUntil ? .unreachable("timed out") : .power(self.power)
        }
        return observation
    }

    func agentObservation() -> AgentObservation {
        guard self.running == .agent, let agent = self.agent, agent.token == self.token,
            self.time >= agent.bootedAt
        else {
            return self.time < self.runtimeStartedAt + Self.heartbeatTimeout ? .unknown : .absent
        }
        guard let command = agent.command else {
            return .idle
        }
        guard self.time >= agent.doneAt else {
            return .running(command.kind, progress: nil)
        }
        switch command {
        case .inspect:
            return .succeeded(.inspected(self.hardware))
        case .writeImage(let deployment):
            if self.disk == deployment.image.url {
                return .succeeded(.imageWritten(url: deployment.image.url))
            }
            return .failed(.writeImage, message: "checksum mismatch")
        case .clean:
            return .succeeded(.cleaned)
        case .powerOff:
            return .succeeded(.poweredOff)
        }
    }

    // MARK: one reconcile

    /// Decides (reading the BMC when asked), stores the status, performs the actions unless the
    /// operator is killed, and returns the outcome.
    mutating func reconcile(crashChance: Double = 0) -> ReconcileOutcome {
        self.decisions += 1
        var decision = HostReconciler.decide(
            host: self.host,
            observation: self.observation(probing: false),
            now: FixedClock.at(self.time),
            config: self.config,
            rng: &self.rng
        )
        if decision.outcome == .needsBMCProbe {
            decision = HostReconciler.decide(
                host: self.host,
                observation: self.observation(probing: true),
                now: FixedClock.at(self.time),
                config: self.config,
                rng: &self.rng
            )
        }
        if case .failed = self.lastActions {
            self.lastActions = .succeeded
        }
        let wasProvisioned = self.host.status?.provisioning.state == .provisioned
        if decision.statusChanged {
            self.host.status = decision.status
        }
        if self.statesSeen.last != decision.state {
            self.statesSeen.append(decision.state)
        }
        var performed = decision.actions.count
        let crashed = crashChance > 0 && Double.random(in: 0..<1, using: &self.rng) < crashChance
        if crashed {
            performed = Int.random(in: 0...decision.actions.count, using: &self.rng)
        }
        let writesBefore = self.diskWrites
        self.perform(Array(decision.actions.prefix(performed)))
        if crashed {
            self.crash()
        }
        if wasProvisioned || decision.state == .provisioned {
            self.writesAfterProvisioned += self.diskWrites - writesBefore
        }
        if decision.outcome == .deleteComplete, !(self.host.metadata.finalizers ?? []).contains(BareMetalHost.finalizer)
        {
            self.deleted = true
        }
        return decision.outcome
    }

    private mutating func crash() {
        self.crashes += 1
        self.lastActions = .noneSinceStart
        self.runtimeStartedAt = self.time
    }

    private mutating func perform(_ actions: [HostAction]) {
        for action in actions {
            if let failure = self.perform(action) {
                self.lastActions = .failed(action, message: failure)
                return
            }
        }
        if !actions.isEmpty {
            self.lastActions = .succeeded
        }
    }

    /// Performs one action; returns why it failed.
    private mutating func perform(_ action: HostAction) -> String? {
        if action.isBMCAction, self.time < self.bmcSilentUntil {
            return "timed out"
        }
        switch action {
        case .powerOn:
            self.powerCommands += 1
            if self.power == .off {
                self.boot()
            }
        case .powerOff:
            self.powerCommands += 1
            self.powerDown()
        case .reboot:
            self.powerCommands += 1
            self.powerDown()
            self.boot()
        case .setBootDevice(let device, let persistent, _):
            if persistent {
                self.persistentBoot = device
                self.oneTimeBoot = nil
            } else {
                self.oneTimeBoot = device
            }
        case .insertAgentISO:
            self.agentISOInserted = true
        case .ejectVirtualMedia:
            self.agentISOInserted = false
        case .mintAgentToken, .revokeAgentToken:
            self.token += 1
        case .agentCommand(let command):
            guard var agent = self.agent, self.running == .agent, agent.token == self.token else {
                return nil
            }
            agent.command = command
            agent.doneAt = self.time + Self.commandDuration
            self.agent = agent
            self.start(command)
        case .addFinalizer:
            self.host.metadata.finalizers = (self.host.metadata.finalizers ?? []) + [BareMetalHost.finalizer]
        case .removeFinalizer:
            self.host.metadata.finalizers = self.host.metadata.finalizers?.filter { $0 != BareMetalHost.finalizer }
        case .removeAnnotation(let key):
            self.host.metadata.annotations?[key] = nil
        }
        return nil
    }

    /// What the agent does to the server (at once; the result shows after the command duration).
    private mutating func start(_ command: AgentCommand) {
        switch command {
        case .inspect:
            break
        case .writeImage(let deployment):
            self.diskWrites += 1
            if self.failWritesRemaining > 0 {
                self.failWritesRemaining -= 1
                self.disk = nil
            } else {
                self.disk = deployment.image.url
            }
        case .clean:
            self.cleanings += 1
            self.disk = nil
        case .powerOff:
            self.powerDown()
        }
    }

    private mutating func powerDown() {
        self.power = .off
        self.running = .nothing
        self.agent = nil
    }

    private mutating func boot() {
        self.power = .on
        let device = self.oneTimeBoot ?? self.persistentBoot
        self.oneTimeBoot = nil
        switch device {
        case .pxe, .uefiHTTP:
            self.startAgent()
        case .cdrom:
            if self.agentISOInserted {
                self.startAgent()
            } else {
                self.running = .nothing
            }
        case .disk:
            self.running = self.disk == nil ? .nothing : .os
        }
    }

    private mutating func startAgent() {
        self.running = .agent
        self.agent = Agent(token: self.token, bootedAt: self.time + Self.bootDelay)
    }

    // MARK: running

    /// Reconciles until `done` holds, advancing time by each requeue (at most `maxStep`).
    mutating func run(
        crashChance: Double = 0,
        maxReconciles: Int = 400,
        until done: (FakeWorld) -> Bool
    ) -> Bool {
        for _ in 0..<maxReconciles {
            if done(self) {
                return true
            }
            let outcome = self.reconcile(crashChance: crashChance)
            if self.deleted {
                return done(self)
            }
            let delay = outcome.requeueAfter.map {
                Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18
            }
            self.time += min(max(delay ?? 1, 0.1), 2)
        }
        return done(self)
    }

    var state: ProvisioningState? {
        self.host.status?.provisioning.state
    }

    /// In a state, with nothing in progress and no error.
    func settled(in state: ProvisioningState) -> Bool {
        guard let status = self.host.status, status.provisioning.state == state else {
            return false
        }
        return status.provisioning.step == nil && status.errorType == nil && status.operationalStatus == .ok
    }
}
