import FoundryModel

extension HostStateMachine {
    /// Moves the host to `next`: waits for a provisioning slot first when `next` needs one, clears the
    /// error (not errorCount), closes and opens operationHistory entries, and starts `next`'s first
    /// step.
    mutating func transition(to next: ProvisioningState) -> ReconcileOutcome {
        let previous = self.state
        if next.holdsProvisioningSlot, !self.hasCapacity {
            if self.status.operationalStatus != .delayed {
                self.events.append(
                    .normal("Delayed", "waiting for a provisioning slot (limit \(self.config.provisioningLimit))")
                )
            }
            self.status.operationalStatus = .delayed
            return .delayed(after: self.capacityDelay)
        }
        self.clearError()
        if self.status.operationalStatus == .delayed {
            self.status.operationalStatus = .ok
        }
        self.recordEnd(of: previous)
        self.recordBegin(of: next)
        self.status.provisioning.state = next
        self.status.provisioning.step = nil
        if next == .registering || next == .inspecting || next == .provisioning {
            self.status.provisioning.bootMode = self.spec.bootMode ?? .uefi
        }
        self.enter(next)
        return .complete
    }

    /// The first step of a state, started as the state is entered (and started again when a restored
    /// or detached host has no step recorded).
    mutating func enter(_ state: ProvisioningState) {
        switch state {
        case .inspecting:
            if self.inspectionRequested {
                self.removeAnnotation(HostAnnotations.inspect)
            }
            self.removeAnnotation(HostAnnotations.reboot)
            self.events.append(.normal("InspectionStarted", "booting the agent to inspect the hardware"))
            self.startBootAgent()
        case .provisioning:
            self.status.lastAttemptedImage = self.spec.image
            self.removeAnnotation(HostAnnotations.reboot)
            let url = self.spec.image?.url ?? ""
            self.events.append(.normal("ProvisioningStarted", "booting the agent to write image \(url)"))
            self.startBootAgent()
        case .deprovisioning:
            self.events.append(.normal("DeprovisioningStarted", "deprovisioning"))
            self.startDeprovisioningStep()
        case .poweringOffBeforeDelete:
            if self.access != nil, self.spec.disablePowerOff != true {
                self.startPowerOff(.hard)
            }
        case .none, .unmanaged, .registering, .matchProfile, .preparing, .ready, .available, .provisioned,
            .externallyProvisioned, .deleting:
            break
        }
    }

    mutating func startPowerOff(_ mode: HostAction.PowerOffMode) {
        self.start(mode == .hard ? .powerOff : .softPowerOff)
        self.actions.append(.powerOff(mode))
    }

    // MARK: provisioning slots

    /// Virtual-media hosts need no provisioning network and are never throttled (as in Metal3).
    var hasCapacity: Bool {
        guard let access = self.access, access.bootMethod != .virtualMedia else {
            return true
        }
        return self.observation.provisioningSlotsInUse < self.config.provisioningLimit
    }

    var capacityDelay: Duration {
        self.backoff.delay(errorCount: 1, jitter: self.jitter)
    }

    /// A delayed host goes on once a slot is free.
    mutating func checkDelayed() -> ReconcileOutcome? {
        guard self.status.operationalStatus == .delayed else {
            return nil
        }
        guard self.hasCapacity else {
            return .delayed(after: self.capacityDelay)
        }
        self.status.operationalStatus = self.status.errorType == nil ? .ok : .error
        return nil
    }

    // MARK: operationHistory

    private mutating func recordBegin(of state: ProvisioningState) {
        var history = self.status.operationHistory ?? OperationHistory()
        let path = OperationHistory.metric(for: state)
        guard let path else {
            return
        }
        let metric = history[keyPath: path]
        if metric?.start == nil || metric?.end != nil {
            history[keyPath: path] = OperationMetric(start: Timestamp(self.now))
            self.status.operationHistory = history
        }
    }

    private mutating func recordEnd(of state: ProvisioningState) {
        guard var history = self.status.operationHistory, let path = OperationHistory.metric(for: state),
            var metric = history[keyPath: path], metric.start != nil, metric.end == nil
        else {
            return
        }
        metric.end = Timestamp(self.now)
        history[keyPath: path] = metric
        self.status.operationHistory = history
    }
}

extension ProvisioningState {
    /// The states that count against the provisioning limit.
    var holdsProvisioningSlot: Bool {
        switch self {
        case .inspecting, .provisioning, .deprovisioning: true
        case .none, .unmanaged, .registering, .matchProfile, .preparing, .ready, .available, .provisioned,
            .externallyProvisioned, .poweringOffBeforeDelete, .deleting:
            false
        }
    }

    /// The states in which the controller talks to the BMC (before registering there are no
    /// details; deleting is past the BMC).
    var isManaged: Bool {
        switch self {
        case .none, .unmanaged, .deleting: false
        case .registering, .matchProfile, .preparing, .ready, .available, .provisioning, .provisioned,
            .externallyProvisioned, .deprovisioning, .inspecting, .poweringOffBeforeDelete:
            true
        }
    }
}

extension OperationHistory {
    static func metric(for state: ProvisioningState) -> WritableKeyPath<OperationHistory, OperationMetric?>? {
        switch state {
        case .registering: \.register
        case .inspecting: \.inspect
        case .provisioning: \.provision
        case .deprovisioning: \.deprovision
        case .none, .unmanaged, .matchProfile, .preparing, .ready, .available, .provisioned, .externallyProvisioned,
            .poweringOffBeforeDelete, .deleting:
            nil
        }
    }
}
