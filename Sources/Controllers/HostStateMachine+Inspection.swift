import FoundryModel

extension HostStateMachine {
    mutating func handleInspecting() -> ReconcileOutcome {
        if self.inspectionDisabled {
            self.events.append(.normal("InspectionSkipped", "inspection is disabled"))
            return self.transition(to: .preparing)
        }
        switch self.checkRetry([.inspectionError]) {
        case .wait(let outcome):
            return outcome
        case .retry:
            self.startBootAgent()
            return self.agentPoll
        case .proceed:
            break
        }
        if let failure = self.bmcActionFailure {
            return self.fail(.inspectionError, "could not boot the agent: \(failure)", step: .bootAgent)
        }
        guard self.currentStep == .bootAgent else {
            self.startBootAgent()
            return self.agentPoll
        }
        if self.inspectionRequested {
            self.removeAnnotation(HostAnnotations.inspect)
        }
        switch self.driveAgent(.inspect) {
        case .waiting(let outcome):
            return outcome
        case .failed(let message):
            return self.fail(.inspectionError, "inspection failed: \(message)", step: .bootAgent)
        case .completed(let completion):
            guard case .inspected(let hardware) = completion else {
                self.actions.append(.agentCommand(.inspect))
                return self.agentPoll
            }
            return self.inspected(hardware)
        }
    }

    private mutating func inspected(_ hardware: HardwareDetails) -> ReconcileOutcome {
        self.status.hardware = hardware
        self.status.errorCount = 0
        self.endAgentSession()
        if !self.spec.online {
            self.actions.append(.powerOff(.hard))
        }
        let summary = [
            hardware.cpu?.count.map { "\($0) CPUs" },
            hardware.ramMebibytes.map { "\($0) MiB RAM" },
            hardware.storage.map { "\($0.count) disks" },
            hardware.nics.map { "\($0.count) NICs" },
        ].compactMap { $0 }.joined(separator: ", ")
        self.events.append(.normal("InspectionComplete", summary.isEmpty ? "inventory recorded" : summary))
        return self.transition(to: .preparing)
    }

    /// Foundry has no manual cleaning (RAID, firmware) yet: preparing records the settings the next
    /// provisioning will use, so that changing them later is noticed, and moves on.
    mutating func handlePreparing() -> ReconcileOutcome {
        self.status.provisioning.rootDeviceHints = self.spec.rootDeviceHints
        self.status.provisioning.bootMode = self.spec.bootMode ?? .uefi
        self.status.errorCount = 0
        return self.transition(to: .available)
    }

    /// Whether the settings recorded by preparing differ from the spec's.
    var provisioningSettingsChanged: Bool {
        self.status.provisioning.rootDeviceHints != self.spec.rootDeviceHints
            || self.status.provisioning.bootMode != (self.spec.bootMode ?? .uefi)
    }
}
