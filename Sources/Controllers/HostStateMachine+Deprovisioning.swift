import FoundryModel

extension HostStateMachine {
    var cleaningEnabled: Bool {
        (self.spec.automatedCleaningMode ?? .metadata) != .disabled
    }

    /// Cleaning boots the agent; without it, deprovisioning only powers the host off.
    mutating func startDeprovisioningStep() {
        if self.cleaningEnabled {
            self.startBootAgent()
        } else if self.access != nil {
            self.startPowerOff(.hard)
        }
    }

    mutating func handleDeprovisioning() -> ReconcileOutcome {
        if self.isDeleting {
            if self.access == nil {
                self.events.append(
                    .warning(
                        "DeleteWithoutDeprovisioning", "no usable BMC details or credentials: deleting without cleaning"
                    )
                )
                return self.transition(to: .deleting)
            }
            if let outcome = self.giveUpWhileDeleting("cleaning", next: .poweringOffBeforeDelete) {
                return outcome
            }
        }
        switch self.checkRetry([.provisioningError, .powerManagementError]) {
        case .wait(let outcome):
            return outcome
        case .retry:
            self.startDeprovisioningStep()
            return self.agentPoll
        case .proceed:
            break
        }
        if let failure = self.bmcActionFailure {
            return self.fail(.provisioningError, "deprovisioning: \(failure)", step: .bootAgent)
        }
        switch self.currentStep {
        case .bootAgent where self.cleaningEnabled:
            return self.clean()
        case .powerOff:
            return self.powerOffAfterCleaning()
        case .bootAgent, .register, .bootInstance, .powerOn, .softPowerOff, nil:
            self.startDeprovisioningStep()
            return self.agentPoll
        }
    }

    private mutating func clean() -> ReconcileOutcome {
        let mode = self.spec.automatedCleaningMode ?? .metadata
        switch self.driveAgent(.clean(mode)) {
        case .waiting(let outcome):
            return outcome
        case .failed(let message):
            return self.fail(.provisioningError, "cleaning failed: \(message)", step: .bootAgent)
        case .completed:
            self.endAgentSession()
            self.startPowerOff(.hard)
            return self.powerPoll
        }
    }

    private mutating func powerOffAfterCleaning() -> ReconcileOutcome {
        let power: PowerState
        switch self.readPower() {
        case .outcome(let outcome): return outcome
        case .power(let state): power = state
        }
        if power == .on {
            if self.runtimeRestarted || self.stepElapsed >= self.config.powerActionTimeout {
                self.startPowerOff(.hard)
            }
            return self.powerPoll
        }
        self.status.provisioning.image = nil
        self.status.errorCount = 0
        self.removeAnnotation(HostAnnotations.reboot)
        self.events.append(.normal("DeprovisioningComplete", self.cleaningEnabled ? "disks cleaned" : "powered off"))
        return self.transition(to: self.isDeleting ? .poweringOffBeforeDelete : .available)
    }

    /// During deletion, a step that keeps failing is abandoned rather than left to hang the delete.
    func shouldGiveUp() -> Bool {
        self.status.errorType != nil && self.status.errorCount > self.config.deleteRetryLimit
    }

    mutating func giveUpWhileDeleting(_ what: String, next: ProvisioningState) -> ReconcileOutcome? {
        guard self.shouldGiveUp() else {
            return nil
        }
        let message =
            "giving up \(what) after \(self.status.errorCount) failed attempts (last: \(self.status.errorMessage)); "
            + "the host may still hold data or be powered on: check it by hand"
        self.events.append(.warning("DeleteGaveUp", message))
        self.status.errorCount = 0
        return self.transition(to: next)
    }
}
