import BMC
import Controllers
import Foundation
import FoundryModel
import FoundryStore
import Logging

/// One reconcile of one host, as `HostDecision` prescribes: read the host and what it depends
/// on, decide (reading the BMC when the decision asks), write the status with compare-and-swap,
/// publish the events, perform the actions in order and report how they went next time.
struct HostRuntime: Sendable {
    /// What the work queue does with the key afterwards.
    enum Disposition: Sendable, Hashable {
        /// Look again after the delay; nil: only when something about the host changes.
        case requeue(after: Duration?)
        /// The runtime failed (store conflict or error): retry with the queue's backoff.
        case retry
        /// The host is gone.
        case forget
    }

    let context: OperatorContext

    var logger: Logger {
        self.context.logger
    }

    func reconcile(_ key: HostKey) async -> Disposition {
        let started = ContinuousClock.now
        defer { self.context.metrics.recordReconcile(.now - started) }
        let found: BareMetalHost?
        do {
            found = try await self.context.store.lookup(BareMetalHost.self, namespace: key.namespace, name: key.name)
        } catch {
            self.logger.warning("cannot read host", metadata: ["host.key": "\(key)", "error": "\(error)"])
            self.context.metrics.recordReconcileError()
            return .retry
        }
        guard let host = found else {
            await self.context.forget(key)
            return .forget
        }
        await self.context.index.update(host)
        do {
            return try await self.reconcile(host, key: key)
        } catch {
            self.logger.warning("reconcile failed", metadata: ["host.key": "\(key)", "error": "\(error)"])
            self.context.metrics.recordReconcileError()
            return .retry
        }
    }

    private func reconcile(_ host: BareMetalHost, key: HostKey) async throws -> Disposition {
        let credentials = try await self.credentials(of: host)
        let lastActions = await self.context.memory.takeLastActions(key)
        var observation = HostObservation(
            credentials: credentials.observation,
            agent: await self.context.sessions.observation(of: key),
            lastActions: lastActions,
            provisioningSlotsInUse: await self.context.index.slotsInUse(excluding: key))
        var generator = SystemRandomNumberGenerator()
        var decision = HostReconciler.decide(
            host: host, observation: observation, now: Date(), config: self.context.configuration.controller,
            rng: &generator)
        if decision.outcome == .needsBMCProbe {
            observation.bmc = await self.probe(host, key: key, credentials: credentials)
            decision = HostReconciler.decide(
                host: host, observation: observation, now: Date(), config: self.context.configuration.controller,
                rng: &generator)
        }
        if decision.outcome == .needsBMCProbe {
            // A fresh read was made and the decision still wants one: do not spin on it.
            await self.context.memory.putBack(key, lastActions)
            return .requeue(after: self.context.configuration.controller.powerPollInterval)
        }
        var current = host
        if decision.statusChanged {
            guard await self.mayTakeSlot(host, decision: decision, key: key) else {
                await self.context.memory.putBack(key, lastActions)
                return .requeue(after: self.context.configuration.controller.powerPollInterval)
            }
            var updated = host
            updated.status = decision.status
            do {
                current = try await self.context.store.updateStatus(updated)
            } catch {
                await self.context.memory.putBack(key, lastActions)
                guard error.code == .conflict else {
                    throw error
                }
                // Decided from a stale host: drop the rest and decide again from a fresh read.
                return .retry
            }
            await self.context.index.update(current)
            self.logTransition(from: host, to: current, key: key)
        }
        await self.context.events.record(decision.events, about: current)
        for event in decision.events where event.type == .warning {
            self.logger.warning(
                "host event",
                metadata: [
                    "host.key": "\(key)", "event.reason": "\(event.reason)", "event.message": "\(event.message)",
                ])
        }
        try await self.perform(decision.actions, on: current, key: key, credentials: credentials)
        await self.recordProgress(current, key: key)
        await self.context.queue.forget(key)
        return self.disposition(decision.outcome)
    }

    private func disposition(_ outcome: ReconcileOutcome) -> Disposition {
        switch outcome {
        case .deleteComplete: .forget
        case .paused: .requeue(after: nil)
        case .continue, .complete, .delayed, .failed, .needsBMCProbe: .requeue(after: outcome.requeueAfter)
        }
    }

    /// A decision that moves the host into a state holding a provisioning slot must get one first.
    private func mayTakeSlot(_ host: BareMetalHost, decision: HostDecision, key: HostKey) async -> Bool {
        var after = host
        after.status = decision.status
        guard HostIndex.holdsSlot(after), !HostIndex.holdsSlot(host) else {
            return true
        }
        return await self.context.index.reserveSlot(
            for: key, limit: self.context.configuration.controller.provisioningLimit)
    }

    private func logTransition(from old: BareMetalHost, to new: BareMetalHost, key: HostKey) {
        let before = old.status?.provisioning.state ?? .none
        let after = new.status?.provisioning.state ?? .none
        if before != after {
            self.logger.info(
                "host state changed",
                metadata: [
                    "host.key": "\(key)", "host.state.old": "\(before.rawValue)", "host.state.new": "\(after.rawValue)",
                ])
        }
        if let type = new.status?.errorType,
            old.status?.errorType != type || old.status?.errorCount != new.status?.errorCount
        {
            self.logger.warning(
                "host error",
                metadata: [
                    "host.key": "\(key)", "host.error.type": "\(type.rawValue)",
                    "host.error.count": "\(new.status?.errorCount ?? 0)",
                    "host.error.message": "\(new.status?.errorMessage ?? "")",
                ])
        }
    }

    // MARK: observing

    /// The credentials Secret as the controller sees it, and the values for the BMC.
    struct Credentials: Sendable {
        var observation: CredentialsObservation
        var values: BMCCredentials?
    }

    private func credentials(of host: BareMetalHost) async throws -> Credentials {
        guard let name = host.spec.bmc?.credentialsName, !name.isEmpty else {
            return Credentials(observation: .notFound, values: nil)
        }
        guard
            let secret = try await self.context.store.lookup(
                Secret.self, namespace: host.metadata.effectiveNamespace, name: name)
        else {
            return Credentials(observation: .notFound, values: nil)
        }
        let username = secret.string(forKey: "username") ?? ""
        let password = secret.string(forKey: "password") ?? ""
        let missing = [("username", username), ("password", password)].filter { $0.1.isEmpty }.map(\.0)
        guard missing.isEmpty else {
            return Credentials(observation: .incomplete(missingKeys: missing), values: nil)
        }
        return Credentials(
            observation: .found(resourceVersion: secret.metadata.resourceVersion ?? ""),
            values: BMCCredentials(username: username, password: password))
    }

    /// Where to reach the host's BMC, or why it cannot be reached.
    func access(_ host: BareMetalHost, credentials: Credentials) -> Result<BMCAccess, BMCError> {
        guard let bmc = host.spec.bmc, let values = credentials.values,
            case .found(let version) = credentials.observation
        else {
            return .failure(BMCError(.invalidAddress, "the host has no usable BMC details or credentials"))
        }
        let address: BMCAddress
        do {
            address = try BMCAddress.parse(bmc.address)
        } catch {
            return .failure(BMCError(.invalidAddress, "spec.bmc.address: \(error.message)"))
        }
        var options = self.context.configuration.bmcOptions
        options.disableCertificateVerification =
            options.disableCertificateVerification || bmc.disableCertificateVerification == true
        return .success(BMCAccess(address: address, credentials: values, credentialsVersion: version, options: options))
    }

    func connection(
        _ host: BareMetalHost, key: HostKey, credentials: Credentials
    ) async throws(BMCError)
        -> BMCConnection
    {
        let access = try self.access(host, credentials: credentials).get()
        return await self.context.bmc.connection(for: key, access: access)
    }

    /// A fresh power read (never a cached one: the controller takes "off" as proof).
    private func probe(_ host: BareMetalHost, key: HostKey, credentials: Credentials) async -> BMCObservation {
        do {
            let connection = try await self.connection(host, key: key, credentials: credentials)
            let power = try await connection.perform("power-state") { driver throws(BMCError) in
                try await driver.powerState()
            }
            await connection.notePower(power)
            return .power(power == .on ? .on : .off)
        } catch {
            switch error.code {
            case .unreachable, .timeout: return .unreachable(error.message)
            case .authenticationFailed, .insufficientPrivilege: return .credentialsRejected(error.message)
            case .commandFailed, .unsupported, .protocolError, .tlsVerificationFailed, .invalidAddress:
                return .failed(error.description)
            }
        }
    }

    // MARK: progress

    private func recordProgress(_ host: BareMetalHost, key: HostKey) async {
        guard case .running(.writeImage, let progress?) = await self.context.sessions.observation(of: key),
            await self.context.memory.progressEventDue(key, interval: self.context.configuration.progressEventInterval)
        else {
            return
        }
        await self.context.events.recordProgress(ProgressText.describe(progress), about: host)
    }
}
