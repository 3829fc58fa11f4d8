import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

/// Every state against every kind of observation: properties that must hold for all of them.
/// (Checked with plain conditions, recording an issue only on a violation: 41,580 decisions.)
@Suite struct InvariantTests {
    static let observations: [HostObservation] = {
        var list: [HostObservation] = []
        let bmcs: [BMCObservation] = [
            .notProbed, .power(.on), .power(.off), .unreachable("x"), .credentialsRejected("x"), .failed("x"),
        ]
        let records: [ActionRecord] = [.succeeded, .noneSinceStart, .failed(.powerOn, message: "x")]
        let credentials: [CredentialsObservation] = [
            .found(resourceVersion: "1"), .found(resourceVersion: "2"), .notFound,
        ]
        for bmc in bmcs {
            for agent in HostAgentFixtures.agentStates where agent != .unknown {
                for record in records {
                    for credential in credentials {
                        list.append(
                            HostObservation(
                                credentials: credential,
                                bmc: bmc,
                                agent: agent,
                                lastActions: record,
                                provisioningSlotsInUse: 20
                            )
                        )
                    }
                }
            }
        }
        return list
    }()

    static let hosts: [BareMetalHost] = ProvisioningState.allCases.flatMap { state in
        [
            HostBuilder.host(state, address: "ipmi://127.0.0.1:6230").image(),
            HostBuilder.host(state).online(false).noImage(),
            HostBuilder.host(state).deleting().error(.powerManagementError, count: 5),
            HostBuilder.host(state, address: InspectionTests.virtualMedia).annotation(HostAnnotations.reboot)
                .writtenImage(),
            HostBuilder.host(state).annotation(HostAnnotations.detached, "{\"force\":true}"),
        ].map { $0.build() }
    }

    @Test(arguments: Self.hosts.indices)
    func decisionsAreWellFormed(hostIndex: Int) {
        let host = Self.hosts[hostIndex]
        let state = host.status?.provisioning.state ?? .none
        var violations: [String] = []
        for (index, observation) in Self.observations.enumerated() {
            let now = Double(index % 7) * 100
            let decision = decide(host, observation, at: now, seed: UInt64(index))
            for problem in Self.violations(of: decision, host: host, state: state, observation: observation, now: now) {
                violations.append("\(state) observation #\(index) → \(decision.outcome): \(problem)")
            }
        }
        #expect(violations.isEmpty, "\(violations.prefix(5).joined(separator: "\n"))")
    }

    static func violations(
        of decision: HostDecision,
        host: BareMetalHost,
        state: ProvisioningState,
        observation: HostObservation,
        now: Double
    ) -> [String] {
        var problems: [String] = []
        switch decision.outcome {
        case .needsBMCProbe:
            // Asking for the BMC commits to nothing, and is never asked when the answer is there.
            if !decision.actions.isEmpty || !decision.events.isEmpty || decision.statusChanged {
                problems.append("a probe request that does something")
            }
            if observation.bmc != .notProbed {
                problems.append("a probe request with the BMC already read")
            }
        case .paused:
            problems.append("paused without the annotation")
        case .deleteComplete:
            if host.metadata.deletionTimestamp == nil {
                problems.append("deleted without deletion")
            }
        case .failed(let type, _):
            if decision.status.errorType != type {
                problems.append("a failure not recorded in the status")
            }
        case .continue, .complete, .delayed:
            break
        }
        // Only a provisioning host whose image is not yet on its disk is given an image to write.
        if decision.agentCommands.contains(where: { $0.kind == .writeImage }),
            state != .provisioning || host.status?.provisioning.image != nil
        {
            problems.append("writeImage outside provisioning or after the write")
        }
        // BMC actions need credentials that resolve; a detached host gets none.
        if !decision.bmcActions.isEmpty {
            if case .found = observation.credentials {} else { problems.append("BMC actions without credentials") }
            if decision.status.operationalStatus == .detached {
                problems.append("BMC actions on a detached host")
            }
        }
        // An error is always explained, and the status says so.
        if decision.status.errorType != nil {
            if decision.status.errorMessage.isEmpty {
                problems.append("an error without a message")
            }
            if ![.error, .detached, .delayed].contains(decision.status.operationalStatus) {
                problems.append("an error with operationalStatus \(decision.status.operationalStatus)")
            }
        }
        if let delay = decision.outcome.requeueAfter, delay < .zero {
            problems.append("a negative requeue delay")
        }
        if decision.statusChanged, decision.status.lastUpdated != Timestamp(FixedClock.at(now)) {
            problems.append("a changed status without lastUpdated")
        }
        return problems
    }

    @Test(arguments: Self.hosts.indices.prefix(20))
    func decisionsAreDeterministic(hostIndex: Int) {
        let host = Self.hosts[hostIndex]
        let differing = Self.observations.prefix(100).filter { observation in
            decide(host, observation, at: 5, seed: 9) != decide(host, observation, at: 5, seed: 9)
        }
        #expect(differing.isEmpty)
    }
}
