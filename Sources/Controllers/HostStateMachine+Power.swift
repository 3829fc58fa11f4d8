import FoundryModel

extension HostStateMachine {
    /// The steady states' power management (Metal3's manageHostPower): the power follows `online`,
    /// except that a reboot annotation holds the host off. The plain annotation is removed once the
    /// host is off, so it powers on again; each keyed one holds it off until its owner removes it.
    /// Outside the provisioned states only forced reboot annotations count.
    mutating func manageHostPower(provisioned: Bool) -> ReconcileOutcome {
        var reissue = self.runtimeRestarted
        switch self.checkRetry([.powerManagementError]) {
        case .wait(let outcome):
            return outcome
        case .retry:
            reissue = true
        case .proceed:
            if let failure = self.bmcActionFailure {
                return self.fail(.powerManagementError, failure, step: self.pendingPowerStep)
            }
        }
        let power: PowerState
        switch self.readPower() {
        case .outcome(let outcome): return outcome
        case .power(let state): power = state
        }
        if power == .off, self.annotation(HostAnnotations.reboot) != nil {
            self.removeAnnotation(HostAnnotations.reboot)
        }
        let requests = self.rebootRequests(forcedOnly: !provisioned)
        let wantOn = self.spec.online && requests.isEmpty
        if (power == .on) == wantOn {
            return self.powerSettled()
        }
        if wantOn {
            return self.requestPowerOn(reissue: reissue)
        }
        if self.spec.disablePowerOff == true {
            return self.rebootInstead(requests)
        }
        return self.requestPowerOff(requests, reissue: reissue)
    }

    /// The step a power failure belongs to when no step is in progress.
    private var pendingPowerStep: HostStep {
        self.currentStep ?? (self.spec.online ? .powerOn : .powerOff)
    }

    private mutating func powerSettled() -> ReconcileOutcome {
        switch self.currentStep {
        case .powerOn, .powerOff, .softPowerOff:
            self.status.provisioning.step = nil
        case .register, .bootAgent, .bootInstance, nil:
            break
        }
        if self.status.errorType == nil {
            self.status.errorCount = 0
        }
        return .continue(after: self.config.steadyStatePollInterval)
    }

    private mutating func requestPowerOn(reissue: Bool) -> ReconcileOutcome {
        if self.currentStep == .powerOn, !reissue, self.stepElapsed < self.config.powerActionTimeout {
            return self.powerPoll
        }
        self.start(.powerOn)
        self.actions.append(.powerOn)
        self.events.append(.normal("PowerOn", "powering on"))
        return self.powerPoll
    }

    private mutating func requestPowerOff(_ requests: [RebootRequest], reissue: Bool) -> ReconcileOutcome {
        let elapsed = self.stepElapsed
        if !reissue, self.currentStep == .softPowerOff {
            guard elapsed >= self.config.softPowerOffTimeout else {
                return self.powerPoll
            }
            self.startPowerOff(.hard)
            let timeout = self.config.softPowerOffTimeout.text
            self.events.append(.warning("PowerOff", "soft power-off not done after \(timeout): powering off hard"))
            return self.powerPoll
        }
        if !reissue, self.currentStep == .powerOff, elapsed < self.config.powerActionTimeout {
            return self.powerPoll
        }
        let hard = requests.contains { $0.mode == .hard } || self.status.errorCount > 0
        self.startPowerOff(hard ? .hard : .soft)
        for problem in requests.compactMap(\.problem) {
            self.events.append(.warning("InvalidAnnotationValue", problem))
        }
        let why =
            requests.isEmpty ? "spec.online is false" : "rebooting: " + requests.map(\.key).joined(separator: ", ")
        self.events.append(.normal("PowerOff", "\(hard ? "hard" : "soft") power-off (\(why))"))
        return self.powerPoll
    }

    /// With `disablePowerOff` the host is never left off: a reboot request reboots it at once, and
    /// `online: false` (which Metal3's webhook refuses) is not acted on.
    private mutating func rebootInstead(_ requests: [RebootRequest]) -> ReconcileOutcome {
        guard let plain = requests.first(where: \.isPlain) else {
            return .continue(after: self.config.steadyStatePollInterval)
        }
        let hard = requests.contains { $0.mode == .hard }
        self.actions.append(.reboot(hard ? .hard : .soft))
        self.removeAnnotation(plain.key)
        self.events.append(.normal("Reboot", "rebooting (power-off is disabled)"))
        return self.powerPoll
    }
}
