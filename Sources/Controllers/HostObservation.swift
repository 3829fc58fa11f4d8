import FoundryModel

/// What the runtime saw of a host's world just before a decision: everything the decision needs
/// besides the stored host, so that a restarted operator decides from fresh facts.
public struct HostObservation: Sendable, Hashable {
    /// The BMC credentials Secret named by `spec.bmc.credentialsName` (read from the store).
    public var credentials: CredentialsObservation
    /// The BMC's answer to a power-state read; `notProbed` until a decision asks for it. The read
    /// must be made after the decision asked (`ReconcileOutcome.needsBMCProbe`), so after the
    /// previous decision's actions, never served from a cache: the controller takes "off" as proof
    /// that a power-off it asked for has happened.
    public var bmc: BMCObservation
    /// The agent holding this host's current token (kept by the runtime from lookups and heartbeats).
    public var agent: AgentObservation
    /// How the actions of the previous decision went.
    public var lastActions: ActionRecord
    /// Hosts other than this one that hold a provisioning slot
    /// (`HostReconciler.holdsProvisioningSlot`).
    public var provisioningSlotsInUse: Int

    public init(
        credentials: CredentialsObservation,
        bmc: BMCObservation = .notProbed,
        agent: AgentObservation = .absent,
        lastActions: ActionRecord = .succeeded,
        provisioningSlotsInUse: Int = 0
    ) {
        self.credentials = credentials
        self.bmc = bmc
        self.agent = agent
        self.lastActions = lastActions
        self.provisioningSlotsInUse = provisioningSlotsInUse
    }
}

/// The credentials Secret as the runtime found it. The controller never sees the values.
public enum CredentialsObservation: Sendable, Hashable {
    case notFound
    /// Found, but these keys (`username`, `password`) are absent or empty.
    case incomplete(missingKeys: [String])
    /// Found with both keys; its resourceVersion tells one version of the Secret from the next.
    case found(resourceVersion: String)
}

/// The BMC's answer to a power-state read made with the current credentials.
public enum BMCObservation: Sendable, Hashable {
    case notProbed
    case power(PowerState)
    /// No answer (timeout, refused, unresolvable).
    case unreachable(String)
    /// It answered, and refused the credentials.
    case credentialsRejected(String)
    /// It answered with some other error.
    case failed(String)
}

public enum PowerState: String, Sendable, Hashable {
    case on
    case off
}

/// The state of the agent that holds the host's current token.
public enum AgentObservation: Sendable, Hashable {
    /// The runtime cannot tell yet: it started less than an agent heartbeat timeout ago and has not
    /// heard from this host's agent since.
    case unknown
    /// No agent holding the current token has looked up, or it has been silent for longer than the
    /// heartbeat timeout.
    case absent
    /// Looked up and heartbeating, with no command.
    case idle
    /// Working on a command.
    case running(AgentCommand.Kind, progress: AgentProgress?)
    /// Its last command succeeded.
    case succeeded(AgentCompletion)
    /// Its last command failed.
    case failed(AgentCommand.Kind, message: String)
}

/// How far the agent has got (bytes of the image written).
public struct AgentProgress: Sendable, Hashable {
    public var done: Int64
    public var total: Int64?

    public init(done: Int64, total: Int64?) {
        self.done = done
        self.total = total
    }
}

/// The result of a command the agent finished.
public enum AgentCompletion: Sendable, Hashable {
    case inspected(HardwareDetails)
    /// The image at this URL (and the config drive) are on the disk.
    case imageWritten(url: String)
    case cleaned
    case poweredOff

    public var kind: AgentCommand.Kind {
        switch self {
        case .inspected: .inspect
        case .imageWritten: .writeImage
        case .cleaned: .clean
        case .poweredOff: .powerOff
        }
    }
}

/// How the actions the runtime last performed for this host went.
public enum ActionRecord: Sendable, Hashable {
    /// The runtime has performed no actions for this host since it started: after a restart, the
    /// actions of the last stored decision may never have run.
    case noneSinceStart
    /// The last actions succeeded, or their failure has already been reported.
    case succeeded
    /// This action failed and the ones after it were skipped. Reported to the reconcile right after
    /// the failing one only (to both of its decisions when it probes the BMC), then `succeeded`.
    case failed(HostAction, message: String)
}
