import FoundryModel

extension HostStateMachine {
    // MARK: available

    mutating func handleAvailable() -> ReconcileOutcome {
        if self.spec.externallyProvisioned == true {
            return self.transition(to: .externallyProvisioned)
        }
        if self.inspectionRequested {
            return self.transition(to: .inspecting)
        }
        if self.provisioningSettingsChanged {
            return self.transition(to: .preparing)
        }
        guard let image = self.spec.image, !image.url.isEmpty else {
            self.forgetFailedImage()
            return self.manageHostPower(provisioned: false)
        }
        guard self.spec.online, self.status.provisioning.image == nil else {
            return self.manageHostPower(provisioned: false)
        }
        if image != self.status.lastAttemptedImage {
            self.forgetFailedImage()
        }
        let limit = self.config.maxProvisioningRetries
        let failures = self.status.provisioningFailCount ?? 0
        if limit > 0, failures >= limit {
            let message =
                "provisioning \(image.url) failed \(failures) times, the retry limit (\(limit)); change the image to retry"
            return self.standingError(.provisioningError, message, retryAfter: nil)
        }
        if image.format == .liveISO {
            return self.standingError(
                .provisioningError,
                "spec.image.format: live-iso images are not supported yet",
                retryAfter: nil
            )
        }
        return self.transition(to: .provisioning)
    }

    /// The retry limit counts failures of one image: a new image, or none, starts afresh.
    private mutating func forgetFailedImage() {
        if self.status.provisioningFailCount != nil || self.status.lastAttemptedImage != nil {
            self.status.provisioningFailCount = nil
            self.status.lastAttemptedImage = nil
        }
        if self.status.errorType == .provisioningError {
            self.clearError()
        }
    }

    // MARK: provisioning

    mutating func handleProvisioning() -> ReconcileOutcome {
        if self.status.errorType == .provisioningError {
            // Metal3: a failed attempt is cleaned up by deprovisioning, then tried again from available.
            guard self.retryDue else {
                return .continue(after: self.retryRemaining)
            }
            self.status.provisioningFailCount = (self.status.provisioningFailCount ?? 0) + 1
            return self.transition(to: .deprovisioning)
        }
        if self.provisioningCancelled {
            self.events.append(.normal("ProvisioningCancelled", "the image was changed or removed"))
            return self.transition(to: .deprovisioning)
        }
        if self.currentStep == .bootInstance || self.status.provisioning.image != nil {
            // Written means never written again: whatever happened since, only boot it.
            return self.bootInstance()
        }
        if let failure = self.bmcActionFailure {
            return self.fail(.provisioningError, "could not boot the agent: \(failure)", step: .bootAgent)
        }
        guard self.currentStep == .bootAgent, let image = self.spec.image else {
            self.startBootAgent()
            return self.agentPoll
        }
        switch self.driveAgent(.writeImage(self.deployment(of: image))) {
        case .waiting(let outcome):
            return outcome
        case .failed(let message):
            return self.fail(.provisioningError, "writing \(image.url) failed: \(message)", step: .bootAgent)
        case .completed(let completion):
            guard case .imageWritten(let url) = completion, url == image.url else {
                self.actions.append(.agentCommand(.writeImage(self.deployment(of: image))))
                return self.agentPoll
            }
            return self.imageWritten(image)
        }
    }

    /// The image was changed or removed since provisioning started (or since it was written).
    var provisioningCancelled: Bool {
        guard let image = self.spec.image, !image.url.isEmpty else {
            return true
        }
        if let written = self.status.provisioning.image, written.url != image.url {
            return true
        }
        if let attempted = self.status.lastAttemptedImage, attempted.url != image.url {
            return true
        }
        return false
    }

    private func deployment(of image: HostImage) -> ImageDeployment {
        let namespace = self.host.namespace
        func local(_ reference: SecretReference?) -> SecretReference? {
            reference.map { SecretReference(name: $0.name, namespace: $0.namespace ?? namespace) }
        }
        let configDrive = ConfigDriveSource(
            userData: local(self.spec.userData),
            networkData: local(self.spec.networkData),
            metaData: local(self.spec.metaData),
            hostname: self.host.name,
            uuid: self.host.metadata.uid
        )
        return ImageDeployment(
            image: image,
            rootDeviceHints: self.status.provisioning.rootDeviceHints ?? self.spec.rootDeviceHints,
            bootMode: self.bootMode,
            configDrive: configDrive
        )
    }

    /// The image is on the disk, which is recorded first: from here on the host is never written
    /// again, only switched to its disk (the agent flushes and powers off; the BMC does it after a
    /// timeout or a restart).
    private mutating func imageWritten(_ image: HostImage) -> ReconcileOutcome {
        self.status.provisioning.image = image
        self.start(.bootInstance)
        if self.isVirtualMedia {
            self.actions.append(.ejectVirtualMedia)
        }
        self.actions.append(.setBootDevice(.disk, persistent: true, mode: self.bootMode))
        self.actions.append(.agentCommand(.powerOff))
        self.events.append(.normal("ImageWritten", "\(image.url) written; booting the host from its disk"))
        return self.powerPoll
    }

    private mutating func forceOffForInstance() {
        self.start(.bootInstance)
        if self.isVirtualMedia {
            self.actions.append(.ejectVirtualMedia)
        }
        self.actions.append(.setBootDevice(.disk, persistent: true, mode: self.bootMode))
        self.actions.append(.powerOff(.hard))
    }

    private mutating func bootInstance() -> ReconcileOutcome {
        switch self.checkRetry([.powerManagementError]) {
        case .wait(let outcome):
            return outcome
        case .retry:
            self.forceOffForInstance()
            return self.powerPoll
        case .proceed:
            break
        }
        if let failure = self.bmcActionFailure {
            return self.fail(
                .powerManagementError, "could not boot the host from its disk: \(failure)", step: .bootInstance)
        }
        guard self.currentStep == .bootInstance else {
            self.forceOffForInstance()
            return self.powerPoll
        }
        let power: PowerState
        switch self.readPower() {
        case .outcome(let outcome): return outcome
        case .power(let state): power = state
        }
        if power == .on {
            var agentGaveUp = false
            if case .failed(.powerOff, _) = self.observation.agent {
                agentGaveUp = true
            }
            if agentGaveUp || self.runtimeRestarted || self.stepElapsed >= self.config.powerActionTimeout {
                self.forceOffForInstance()
            }
            return self.powerPoll
        }
        self.status.provisioningFailCount = nil
        self.status.errorCount = 0
        self.actions.append(.revokeAgentToken)
        if self.spec.online {
            self.actions.append(.powerOn)
        }
        self.events.append(.normal("ProvisioningComplete", "\(self.spec.image?.url ?? "image") provisioned"))
        return self.transition(to: .provisioned)
    }

    // MARK: provisioned, externally provisioned

    mutating func handleProvisioned() -> ReconcileOutcome {
        if self.deployedImageChanged {
            return self.transition(to: .deprovisioning)
        }
        return self.manageHostPower(provisioned: true)
    }

    /// Metal3: a provisioned host is deprovisioned when its image is removed or another one is set.
    private var deployedImageChanged: Bool {
        guard let image = self.spec.image, !image.url.isEmpty else {
            return true
        }
        guard let deployed = self.status.provisioning.image, !deployed.url.isEmpty else {
            return false
        }
        return deployed.url != image.url
    }

    mutating func handleExternallyProvisioned() -> ReconcileOutcome {
        guard self.spec.externallyProvisioned == true else {
            // Leaving externally provisioned: what runs is taken to be the spec's image, if any;
            // without one, the next pass deprovisions.
            if let image = self.spec.image, !image.url.isEmpty {
                self.status.provisioning.image = image
            }
            return self.transition(to: .provisioned)
        }
        return self.manageHostPower(provisioned: true)
    }
}
