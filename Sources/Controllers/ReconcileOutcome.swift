import FoundryModel

/// What the runtime does with a host's key after performing a decision, after Metal3's actionResult.
///
/// Whether the status must be written is not part of the outcome (Metal3's `update` versus
/// `continue`): it is `HostDecision.statusChanged`. Failures of the runtime itself (a store conflict,
/// a lost connection to the store) are the runtime's to retry with its rate limiter (Metal3's
/// `actionError`); everything the host's BMC or agent reports is recorded in the status instead.
public enum ReconcileOutcome: Sendable, Hashable {
    /// Work is in progress: look at the host again after the delay (zero: at once).
    case `continue`(after: Duration)
    /// The host moved to another provisioning state: look at it again at once.
    case complete
    /// The host waits for a provisioning slot (operationalStatus `delayed`).
    case delayed(after: Duration)
    /// An error was recorded in the status; retry after the backoff, or, when nil, only once the host
    /// or its credentials Secret changes.
    case failed(HostErrorType, retryAfter: Duration?)
    /// The decision needs the BMC's power state: read it (this also proves the credentials), put the
    /// result in `HostObservation.bmc` and decide again. Nothing else in this decision is to be done.
    case needsBMCProbe
    /// The host is paused: do nothing and do not requeue it.
    case paused
    /// The finalizer is gone (after the actions run): forget the host.
    case deleteComplete

    /// When to look at the host again; nil: not until something about it changes.
    public var requeueAfter: Duration? {
        switch self {
        case .continue(let delay), .delayed(let delay): delay
        case .complete, .needsBMCProbe: .zero
        case .failed(_, let retryAfter): retryAfter
        case .paused, .deleteComplete: nil
        }
    }
}
