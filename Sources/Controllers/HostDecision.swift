import FoundryModel

/// What to do about one host: the status to store, the actions to perform, the events to publish and
/// when to look again.
///
/// The runtime applies a decision in this order, which is what makes a restart at any moment safe:
/// 1. if `statusChanged`, write `status` with compare-and-swap; on a conflict, drop the rest and
///    reconcile again (the decision was made from a stale host);
/// 2. publish `events`;
/// 3. perform `actions` in order, stopping at the first that fails, and report how that went in the
///    next `HostObservation.lastActions`;
/// 4. requeue per `outcome`.
/// The status records what is being started before it is started, and every action may be repeated,
/// so a decision is always derivable from the stored status and fresh observations.
public struct HostDecision: Sendable, Hashable {
    public var status: BareMetalHostStatus
    public var actions: [HostAction]
    public var events: [HostEvent]
    public var outcome: ReconcileOutcome
    /// Whether `status` differs from the stored one and must be written before anything else.
    public var statusChanged: Bool

    public init(
        status: BareMetalHostStatus,
        actions: [HostAction],
        events: [HostEvent],
        outcome: ReconcileOutcome,
        statusChanged: Bool
    ) {
        self.status = status
        self.actions = actions
        self.events = events
        self.outcome = outcome
        self.statusChanged = statusChanged
    }

    /// The provisioning state the host is in after this decision.
    public var state: ProvisioningState {
        self.status.provisioning.state
    }
}
