import FoundryModel

extension HostStateMachine {
    /// Starts deletion (Metal3's checkInitiateDelete): what must happen before the finalizer goes
    /// depends on how far the host got.
    mutating func initiateDelete() -> ReconcileOutcome? {
        if let value = self.annotation(HostAnnotations.detached), DetachRequest(value: value).delayDelete {
            return nil
        }
        if self.state != .deleting,
            self.status.operationalStatus == .detached || self.annotation(HostAnnotations.detached) != nil
        {
            self.events.append(.normal("Deleting", "the host is detached: deleting without powering off or cleaning"))
            return self.transition(to: .deleting)
        }
        switch self.state {
        case .none, .unmanaged, .registering:
            return self.transition(to: .deleting)
        case .provisioning, .provisioned:
            self.events.append(.normal("Deleting", "deprovisioning before deletion"))
            return self.transition(to: .deprovisioning)
        case .deprovisioning, .poweringOffBeforeDelete:
            if self.hasRegistrationError {
                return self.giveUpWhileDeleting("reaching the BMC", next: .deleting)
            }
            return nil
        case .deleting:
            return nil
        case .matchProfile, .preparing, .ready, .available, .externallyProvisioned, .inspecting:
            self.events.append(.normal("Deleting", "powering off before deletion"))
            return self.transition(to: .poweringOffBeforeDelete)
        }
    }

    mutating func handlePoweringOffBeforeDelete() -> ReconcileOutcome {
        if self.spec.disablePowerOff == true {
            return self.transition(to: .deleting)
        }
        guard self.access != nil else {
            self.events.append(
                .warning("DeleteWithoutPowerOff", "no usable BMC details or credentials: deleting without powering off")
            )
            return self.transition(to: .deleting)
        }
        if let outcome = self.giveUpWhileDeleting("powering off", next: .deleting) {
            return outcome
        }
        switch self.checkRetry([.powerManagementError]) {
        case .wait(let outcome):
            return outcome
        case .retry:
            self.startPowerOff(.hard)
            return self.powerPoll
        case .proceed:
            break
        }
        if let failure = self.bmcActionFailure {
            return self.fail(.powerManagementError, "powering off before deletion: \(failure)", step: .powerOff)
        }
        let power: PowerState
        switch self.readPower() {
        case .outcome(let outcome): return outcome
        case .power(let state): power = state
        }
        guard power == .on else {
            self.status.errorCount = 0
            return self.transition(to: .deleting)
        }
        if self.currentStep != .powerOff || self.runtimeRestarted
            || self.stepElapsed >= self.config.powerActionTimeout
        {
            self.startPowerOff(.hard)
        }
        return self.powerPoll
    }

    mutating func handleDeleting() -> ReconcileOutcome {
        guard (self.host.metadata.finalizers ?? []).contains(BareMetalHost.finalizer) else {
            return .deleteComplete
        }
        self.actions.append(.revokeAgentToken)
        self.actions.append(.removeFinalizer)
        return .deleteComplete
    }

    // MARK: detached

    /// A detached host is left alone: no BMC calls, no power management, a slow poll. Metal3 allows
    /// it in the steady states, or anywhere with `force`; elsewhere the host goes on until it is in one.
    mutating func checkDetached() -> ReconcileOutcome? {
        guard let value = self.annotation(HostAnnotations.detached) else {
            if self.status.operationalStatus == .detached {
                self.status.operationalStatus = self.status.errorType == nil ? .ok : .error
                self.events.append(.normal("Attached", "the detached annotation was removed: managing the host again"))
            }
            return nil
        }
        if self.state == .deleting {
            return nil
        }
        let allowed: Bool
        switch self.state {
        case .provisioned, .externallyProvisioned, .available, .ready:
            allowed = true
        case .none, .unmanaged, .registering, .matchProfile, .inspecting, .preparing, .provisioning,
            .deprovisioning, .poweringOffBeforeDelete, .deleting:
            allowed = DetachRequest(value: value).force
        }
        guard allowed else {
            return nil
        }
        if self.status.operationalStatus != .detached {
            self.status.operationalStatus = .detached
            self.status.provisioning.step = nil
            self.actions.append(.revokeAgentToken)
            self.events.append(.normal("Detached", "the host is detached: no power management or provisioning"))
        }
        return .continue(after: self.config.slowPollInterval)
    }
}
