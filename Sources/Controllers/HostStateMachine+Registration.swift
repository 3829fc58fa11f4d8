import FoundryModel

extension HostStateMachine {
    enum PowerReading {
        case power(PowerState)
        case outcome(ReconcileOutcome)
    }

    private struct AccessProblem: Error {
        var message: String
        var retryAfter: Duration?

        init(message: String, retryAfter: Duration? = nil) {
            self.message = message
            self.retryAfter = retryAfter
        }
    }

    // MARK: BMC details and credentials

    /// Resolves the BMC address and credentials Secret of a managed host. A problem is a registration
    /// error, except while deleting, which then goes on without the BMC.
    mutating func checkAccess() -> ReconcileOutcome? {
        guard self.state.isManaged else {
            return nil
        }
        switch self.resolveAccess() {
        case .success(let access):
            self.access = access
            return nil
        case .failure(let problem):
            if self.isDeleting {
                return nil
            }
            return self.standingError(.registrationError, problem.message, retryAfter: problem.retryAfter)
        }
    }

    private func resolveAccess() -> Result<Access, AccessProblem> {
        guard let bmc = self.spec.bmc, !bmc.address.isEmpty else {
            return .failure(AccessProblem(message: "spec.bmc.address is empty"))
        }
        let address: BMCAddress
        do {
            address = try BMCAddress.parse(bmc.address)
        } catch {
            return .failure(AccessProblem(message: "spec.bmc.address: \(error.message)"))
        }
        if address.driver.needsBootMAC, (self.spec.bootMACAddress ?? "").isEmpty {
            return .failure(
                AccessProblem(message: "spec.bootMACAddress is required with a \(address.driver.rawValue):// address")
            )
        }
        guard !bmc.credentialsName.isEmpty else {
            return .failure(AccessProblem(message: "spec.bmc.credentialsName is empty"))
        }
        let secret = "\(self.host.namespace)/\(bmc.credentialsName)"
        switch self.observation.credentials {
        case .notFound:
            return .failure(
                AccessProblem(
                    message: "BMC credentials Secret \"\(secret)\" not found",
                    retryAfter: self.config.missingSecretRetryDelay
                )
            )
        case .incomplete(let keys):
            let list = keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return .failure(AccessProblem(message: "BMC credentials Secret \"\(secret)\" lacks \(list)"))
        case .found(let version):
            let reference = SecretReference(name: bmc.credentialsName, namespace: self.host.namespace)
            let credentials = CredentialsStatus(credentials: reference, credentialsVersion: version)
            return .success(Access(credentials: credentials, bootMethod: address.driver.bootMethod))
        }
    }

    // MARK: registration

    /// Proves the credentials with a power read when they are new, changed, or failed last time;
    /// any BMC read that fails is a registration error, and one that succeeds heals it.
    mutating func ensureRegistered() -> ReconcileOutcome? {
        guard self.state.isManaged, let access = self.access else {
            return nil
        }
        let triedCurrent = self.status.triedCredentials == access.credentials
        let goodCurrent = self.status.goodCredentials == access.credentials
        let waiting = self.hasRegistrationError && triedCurrent && !self.retryDue
        switch self.observation.bmc {
        case .power(let power):
            self.status.poweredOn = power == .on
            self.status.triedCredentials = access.credentials
            if !goodCurrent || self.hasRegistrationError {
                self.registered(access)
            }
            return nil
        case .unreachable(let detail), .credentialsRejected(let detail), .failed(let detail):
            if waiting {
                return .continue(after: self.retryRemaining)
            }
            self.status.triedCredentials = access.credentials
            return self.fail(self.registrationErrorType, self.bmcProblem(detail), step: .register)
        case .notProbed:
            let needed = !goodCurrent || self.hasRegistrationError
            guard needed else {
                return nil
            }
            if waiting {
                return .continue(after: self.retryRemaining)
            }
            return .needsBMCProbe
        }
    }

    private mutating func registered(_ access: Access) {
        let newCredentials = self.status.goodCredentials != access.credentials
        self.status.goodCredentials = access.credentials
        if self.hasRegistrationError {
            self.clearError()
        }
        if self.currentStep == .register {
            self.status.provisioning.step = nil
        }
        if self.status.operationalStatus == .none {
            self.status.operationalStatus = .ok
        }
        if newCredentials {
            self.events.append(.normal("BMCAccessValidated", "Verified access to the BMC"))
        }
    }

    private func bmcProblem(_ detail: String) -> String {
        let address = self.spec.bmc?.address ?? ""
        switch self.observation.bmc {
        case .credentialsRejected:
            let secret = self.spec.bmc?.credentialsName ?? ""
            return "the BMC at \(address) refused the credentials in Secret \"\(secret)\": \(detail)"
        case .unreachable:
            return "the BMC at \(address) does not answer: \(detail)"
        case .failed, .notProbed, .power:
            return "the BMC at \(address) failed: \(detail)"
        }
    }

    /// The power state, once the BMC has been read.
    mutating func readPower() -> PowerReading {
        switch self.observation.bmc {
        case .notProbed:
            return .outcome(.needsBMCProbe)
        case .power(let power):
            self.status.poweredOn = power == .on
            return .power(power)
        case .unreachable(let detail), .credentialsRejected(let detail), .failed(let detail):
            return .outcome(self.fail(self.registrationErrorType, self.bmcProblem(detail), step: .register))
        }
    }

    // MARK: states

    mutating func handleNone() -> ReconcileOutcome {
        if self.hasBMCDetails {
            return self.transition(to: .registering)
        }
        let outcome = self.transition(to: .unmanaged)
        self.status.operationalStatus = .discovered
        self.events.append(.normal("Discovered", "Discovered host with no BMC details"))
        return outcome
    }

    mutating func handleUnmanaged() -> ReconcileOutcome {
        guard self.hasBMCDetails else {
            return .continue(after: self.config.slowPollInterval)
        }
        return self.transition(to: .registering)
    }

    /// Reached only once the credentials are proven (see `ensureRegistered`).
    mutating func handleRegistering() -> ReconcileOutcome {
        self.status.errorCount = 0
        if self.spec.externallyProvisioned == true {
            return self.transition(to: .externallyProvisioned)
        }
        if self.inspectionDisabled {
            self.events.append(.normal("InspectionSkipped", "inspection is disabled"))
            return self.transition(to: .preparing)
        }
        return self.transition(to: .inspecting)
    }
}
