import FoundryModel

extension HostStateMachine {
    enum RetryCheck {
        /// Still waiting for the backoff to pass.
        case wait(ReconcileOutcome)
        /// The backoff has passed and the error is cleared: start the failed step again.
        case retry
        /// No error of these types is pending.
        case proceed
    }

    /// Records a failed attempt: the error, one more consecutive error, and when it failed (on the
    /// step in progress, or `step` when none is), then backs off.
    mutating func fail(_ type: HostErrorType, _ message: String, step: HostStep) -> ReconcileOutcome {
        self.status.operationalStatus = .error
        self.status.errorType = type
        self.status.errorMessage = message
        self.status.errorCount += 1
        var record = self.status.provisioning.step ?? OperationStep(name: step.rawValue, started: Timestamp(self.now))
        // Rounded down, as storing it would, the failure could end its backoff up to a second early.
        record.failed = Timestamp(wholeSecondAtOrAfter: self.now)
        self.status.provisioning.step = record
        self.events.append(.warning(type.eventReason, message))
        let delay = self.backoff.delay(errorCount: self.status.errorCount, jitter: self.jitter)
        return .failed(type, retryAfter: delay)
    }

    /// Records an error that retrying cannot fix (a bad address, a missing Secret, the retry limit):
    /// once, however often the host is looked at until it is fixed.
    mutating func standingError(
        _ type: HostErrorType,
        _ message: String,
        retryAfter: Duration?
    ) -> ReconcileOutcome {
        if self.status.errorType != type || self.status.errorMessage != message {
            self.status.operationalStatus = .error
            self.status.errorType = type
            self.status.errorMessage = message
            self.status.errorCount += 1
            self.events.append(.warning(type.eventReason, message))
        }
        return .failed(type, retryAfter: retryAfter)
    }

    /// Clears the error (not errorCount, which only success resets) and the step's failure time.
    mutating func clearError() {
        self.status.errorType = nil
        self.status.errorMessage = ""
        if self.status.operationalStatus == .error || self.status.operationalStatus == .none {
            self.status.operationalStatus = .ok
        }
        self.status.provisioning.step?.failed = nil
    }

    /// Whether the backoff after the last failure has passed (no failure time recorded: it has).
    var retryDue: Bool {
        self.retryRemaining == .zero
    }

    var retryRemaining: Duration {
        guard let failed = self.status.provisioning.step?.failed else {
            return .zero
        }
        let floor = self.backoff.floor(errorCount: self.status.errorCount)
        return self.now.remaining(until: failed.date.adding(floor))
    }

    /// Waits out, or ends, the backoff of a pending error of one of `types`.
    mutating func checkRetry(_ types: Set<HostErrorType>) -> RetryCheck {
        guard let type = self.status.errorType, types.contains(type) else {
            return .proceed
        }
        guard self.retryDue else {
            return .wait(.continue(after: self.retryRemaining))
        }
        self.clearError()
        return .retry
    }

    var registrationErrorType: HostErrorType {
        switch self.state {
        case .provisioned, .externallyProvisioned: .provisionedRegistrationError
        case .none, .unmanaged, .registering, .matchProfile, .preparing, .ready, .available, .provisioning,
            .deprovisioning, .inspecting, .poweringOffBeforeDelete, .deleting:
            .registrationError
        }
    }

    var hasRegistrationError: Bool {
        self.status.errorType == .registrationError || self.status.errorType == .provisionedRegistrationError
    }
}

extension HostErrorType {
    /// The Event reason Metal3 publishes for the error.
    var eventReason: String {
        switch self {
        case .provisionedRegistrationError: "ProvisionedRegistrationError"
        case .registrationError: "RegistrationError"
        case .inspectionError: "InspectionError"
        case .preparationError: "PreparationError"
        case .provisioningError: "ProvisioningError"
        case .powerManagementError: "PowerManagementError"
        case .servicingError: "ServicingError"
        case .detachError: "DetachError"
        }
    }
}
