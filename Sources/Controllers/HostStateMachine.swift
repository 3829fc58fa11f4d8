import Foundation
import FoundryModel

/// One decision in the making: the host as stored, what was observed, and the status, actions and
/// events built so far. The handlers in the `HostStateMachine+*.swift` files mutate it.
struct HostStateMachine {
    /// What the BMC details resolved to; nil when they do not resolve and the host is being deleted
    /// (deletion then carries on without the BMC).
    struct Access {
        var credentials: CredentialsStatus
        var bootMethod: BMCAddress.BootMethod
    }

    let host: BareMetalHost
    let observation: HostObservation
    let now: Date
    let config: ControllerConfig
    /// Drawn once per decision from the caller's generator, in [0, 1).
    let jitter: Double
    var status: BareMetalHostStatus
    var actions: [HostAction] = []
    var events: [HostEvent] = []
    var access: Access?
    private var removedAnnotations: Set<String> = []

    init(host: BareMetalHost, observation: HostObservation, now: Date, config: ControllerConfig, jitter: Double) {
        self.host = host
        self.observation = observation
        self.now = now
        self.config = config
        self.jitter = jitter
        self.status = host.status ?? BareMetalHostStatus(operationalStatus: .none)
    }

    // MARK: the pipeline

    mutating func reconcile() -> ReconcileOutcome {
        if self.host.metadata.annotations?[HostAnnotations.paused] != nil {
            return .paused
        }
        if let outcome = self.restoreStatusFromAnnotation() {
            return outcome
        }
        self.consumeHardwareDetailsAnnotation()
        if !self.isDeleting, !(self.host.metadata.finalizers ?? []).contains(BareMetalHost.finalizer) {
            self.actions.append(.addFinalizer)
            return .continue(after: .zero)
        }
        if let outcome = self.checkAccess() {
            return outcome
        }
        if self.isDeleting, let outcome = self.initiateDelete() {
            return outcome
        }
        if let outcome = self.checkDetached() {
            return outcome
        }
        if let outcome = self.checkDelayed() {
            return outcome
        }
        if let outcome = self.ensureRegistered() {
            return outcome
        }
        return self.handleState()
    }

    private mutating func handleState() -> ReconcileOutcome {
        switch self.state {
        case .none: self.handleNone()
        case .unmanaged: self.handleUnmanaged()
        case .registering: self.handleRegistering()
        case .matchProfile: self.transition(to: .preparing)
        case .inspecting: self.handleInspecting()
        case .preparing: self.handlePreparing()
        case .ready, .available: self.handleAvailable()
        case .provisioning: self.handleProvisioning()
        case .provisioned: self.handleProvisioned()
        case .externallyProvisioned: self.handleExternallyProvisioned()
        case .deprovisioning: self.handleDeprovisioning()
        case .poweringOffBeforeDelete: self.handlePoweringOffBeforeDelete()
        case .deleting: self.handleDeleting()
        }
    }

    /// The decision: conditions and lastUpdated brought up to date, or, when the BMC must be read
    /// first or the host is paused, nothing at all.
    func decision(_ outcome: ReconcileOutcome) -> HostDecision {
        let stored = self.host.status ?? BareMetalHostStatus(operationalStatus: .none)
        switch outcome {
        case .needsBMCProbe, .paused:
            return HostDecision(status: stored, actions: [], events: [], outcome: outcome, statusChanged: false)
        case .continue, .complete, .delayed, .failed, .deleteComplete:
            break
        }
        var status = self.status
        status.conditions = HostConditions.compute(
            for: status,
            previous: status.conditions ?? [],
            generation: self.host.metadata.generation,
            now: self.now
        )
        var comparable = status
        comparable.lastUpdated = self.host.status?.lastUpdated
        let changed = self.host.status == nil || comparable != stored
        if changed {
            status.lastUpdated = Timestamp(self.now)
        }
        return HostDecision(
            status: status,
            actions: self.actions,
            events: self.events,
            outcome: outcome,
            statusChanged: changed
        )
    }

    // MARK: reading the host

    var state: ProvisioningState {
        self.status.provisioning.state
    }

    var spec: BareMetalHostSpec {
        self.host.spec
    }

    var isDeleting: Bool {
        self.host.metadata.deletionTimestamp != nil
    }

    var hasBMCDetails: Bool {
        guard let bmc = self.spec.bmc else {
            return false
        }
        return !bmc.address.isEmpty || !bmc.credentialsName.isEmpty
    }

    var bootMode: BootMode {
        self.status.provisioning.bootMode ?? self.spec.bootMode ?? .uefi
    }

    var isVirtualMedia: Bool {
        self.access?.bootMethod == .virtualMedia
    }

    /// The annotation's value, unless this decision removes it.
    func annotation(_ key: String) -> String? {
        guard !self.removedAnnotations.contains(key) else {
            return nil
        }
        return self.host.metadata.annotations?[key]
    }

    mutating func removeAnnotation(_ key: String) {
        guard self.annotation(key) != nil else {
            return
        }
        self.removedAnnotations.insert(key)
        self.actions.append(.removeAnnotation(key))
    }

    var inspectionDisabled: Bool {
        self.spec.inspectionMode == .disabled
            || self.annotation(HostAnnotations.inspect) == HostAnnotations.inspectDisabled
    }

    var inspectionRequested: Bool {
        guard let value = self.annotation(HostAnnotations.inspect) else {
            return false
        }
        return value != HostAnnotations.inspectDisabled
    }

    /// The reboot annotations in force, keyed ones and the plain one.
    func rebootRequests(forcedOnly: Bool) -> [RebootRequest] {
        let annotations = self.host.metadata.annotations ?? [:]
        return annotations.keys.sorted()
            .filter { HostAnnotations.isReboot($0) && self.annotation($0) != nil }
            .map { RebootRequest(key: $0, value: annotations[$0] ?? "") }
            .filter { !forcedOnly || $0.force }
    }

    // MARK: steps

    var currentStep: HostStep? {
        self.status.provisioning.step.flatMap { HostStep(rawValue: $0.name) }
    }

    /// Records that `step` starts now.
    mutating func start(_ step: HostStep) {
        self.status.provisioning.step = OperationStep(name: step.rawValue, started: Timestamp(self.now))
    }

    /// How long ago the current step was started.
    var stepElapsed: Duration {
        guard let started = self.status.provisioning.step?.started else {
            return .zero
        }
        return started.date.remaining(until: self.now)
    }

    /// After a restart the actions of the stored decision may never have run: repeat them.
    var runtimeRestarted: Bool {
        self.observation.lastActions == .noneSinceStart
    }

    /// The BMC action of the previous reconcile that failed, described.
    var bmcActionFailure: String? {
        guard case .failed(let action, let message) = self.observation.lastActions, action.isBMCAction else {
            return nil
        }
        return "\(action) failed: \(message)"
    }

    var agentPoll: ReconcileOutcome {
        .continue(after: self.config.agentPollInterval)
    }

    var powerPoll: ReconcileOutcome {
        .continue(after: self.config.powerPollInterval)
    }

    var backoff: Backoff {
        Backoff(self.config)
    }
}
