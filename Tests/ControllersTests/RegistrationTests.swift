import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct RegistrationTests {
    @Test func aNewHostWithBMCDetailsStartsRegistering() {
        let host = HostBuilder.host(.none).noStatus().build()
        let decision = decide(host)
        #expect(decision.state == .registering)
        #expect(decision.outcome == .complete)
        #expect(decision.statusChanged)
        #expect(decision.status.operationHistory?.register?.start == Timestamp(FixedClock.start))
        #expect(decision.status.provisioning.bootMode == .uefi)
        #expect(decision.status.lastUpdated == Timestamp(FixedClock.start))
    }

    @Test func aNewHostWithoutBMCDetailsIsUnmanagedAndDiscovered() {
        let host = HostBuilder.host(.none).noStatus().noBMC().build()
        let decision = decide(host)
        #expect(decision.state == .unmanaged)
        #expect(decision.status.operationalStatus == .discovered)
        #expect(decision.eventReasons == ["Discovered"])
    }

    @Test func anUnmanagedHostIsPolledSlowlyUntilItGetsBMCDetails() {
        let idle = decide(HostBuilder.host(.unmanaged).noBMC().stored())
        #expect(idle.state == .unmanaged)
        #expect(idle.outcome == .continue(after: .seconds(600)))
        #expect(!idle.statusChanged)
        let given = decide(HostBuilder.host(.unmanaged).build())
        #expect(given.state == .registering)
    }

    @Test func theFinalizerComesFirst() {
        let host = HostBuilder.host(.none).noStatus().withoutFinalizer().build()
        let decision = decide(host)
        #expect(decision.actions == [.addFinalizer])
        #expect(decision.outcome == .continue(after: .zero))
        #expect(decision.state == .none)
    }

    @Test func registeringReadsTheBMCBeforeAnythingElse() {
        let host = HostBuilder.host(.registering).build()
        let decision = decide(host)
        #expect(decision.outcome == .needsBMCProbe)
        #expect(decision.actions.isEmpty && decision.events.isEmpty && !decision.statusChanged)
    }

    @Test func aSuccessfulReadProvesTheCredentialsAndStartsInspection() {
        let host = HostBuilder.host(.registering).build()
        let decision = decide(host, .power(.off))
        #expect(decision.state == .inspecting)
        #expect(decision.status.goodCredentials?.credentialsVersion == HostBuilder.secretVersion)
        #expect(decision.status.goodCredentials?.credentials?.name == "host-0-bmc-secret")
        #expect(decision.status.triedCredentials == decision.status.goodCredentials)
        #expect(decision.status.poweredOn == false)
        #expect(decision.status.operationalStatus == .ok)
        #expect(decision.eventReasons.contains("BMCAccessValidated"))
        #expect(decision.status.operationHistory?.register?.end == Timestamp(FixedClock.start))
        #expect(decision.status.operationHistory?.inspect?.start == Timestamp(FixedClock.start))
    }

    @Test(arguments: [
        (HostBuilder.host(.registering).annotation(HostAnnotations.inspect, "disabled"), ProvisioningState.preparing),
        (HostBuilder.host(.registering).inspectionMode(.disabled), .preparing),
        (HostBuilder.host(.registering).externallyProvisioned(), .externallyProvisioned),
        (HostBuilder.host(.registering), .inspecting),
    ])
    func registeringLeadsTo(builder: HostBuilder, next: ProvisioningState) {
        let decision = decide(builder.build(), .power(.on))
        #expect(decision.state == next)
        #expect(decision.status.errorCount == 0)
    }

    /// Configuration problems: a clear message naming the field, once, and no requeue (fixing the
    /// host or its Secret wakes it) except for a missing Secret, polled every 10 s as in Metal3.
    @Test(arguments: [
        (HostBuilder.host(.registering).bmc(""), HostObservation.ready, "spec.bmc.address is empty", nil as Double?),
        (
            HostBuilder.host(.registering).bmc("ipmii://10.0.0.1"), .ready,
            "spec.bmc.address: unsupported scheme \"ipmii\"", nil
        ),
        (HostBuilder.host(.registering).bmc("redfish://10.0.0.1:99999"), .ready, "spec.bmc.address: invalid port", nil),
        (HostBuilder.host(.registering).bmc("libvirt://10.0.0.1"), .ready, "spec.bootMACAddress is required", nil),
        (
            HostBuilder.host(.registering).bmc("ipmi://10.0.0.1", credentials: ""), .ready,
            "spec.bmc.credentialsName is empty", nil
        ),
        (
            HostBuilder.host(.registering), HostObservation(credentials: .notFound),
            "Secret \"default/host-0-bmc-secret\" not found", 10
        ),
        (
            HostBuilder.host(.registering), HostObservation(credentials: .incomplete(missingKeys: ["password"])),
            "Secret \"default/host-0-bmc-secret\" lacks \"password\"", nil
        ),
        (HostBuilder.host(.provisioned), HostObservation(credentials: .notFound), "not found", 10),
    ])
    func configurationErrors(builder: HostBuilder, observation: HostObservation, message: String, retry: Double?) {
        let host = builder.build()
        let decision = decide(host, observation)
        #expect(decision.status.errorType == .registrationError)
        #expect(decision.status.errorMessage.contains(message), "\(decision.status.errorMessage)")
        #expect(decision.status.operationalStatus == .error)
        #expect(decision.status.errorCount == 1)
        #expect(decision.requeueSeconds == retry)
        #expect(decision.actions.isEmpty)
        #expect(decision.state == host.status?.provisioning.state)
        #expect(decision.events.map(\.type) == [.warning])
        // Looking again changes nothing: the error is not counted twice.
        let again = decide(host.applying(decision), observation, at: 30)
        #expect(again.status.errorCount == 1)
        #expect(again.events.isEmpty)
    }

    @Test(arguments: [
        (
            BMCObservation.unreachable("timed out after 3 tries"),
            "the BMC at redfish+http://127.0.0.1:8000/redfish/v1/Systems/1 does not answer: timed out"
        ),
        (.credentialsRejected("401 Unauthorized"), "refused the credentials in Secret \"host-0-bmc-secret\": 401"),
        (.failed("500 Internal Server Error"), "failed: 500"),
    ])
    func bmcFailuresAreRegistrationErrorsWithBackoff(bmc: BMCObservation, message: String) {
        let host = HostBuilder.host(.registering).build()
        let decision = decide(host, .bmc(bmc))
        #expect(decision.status.errorType == .registrationError)
        #expect(decision.status.errorMessage.contains(message), "\(decision.status.errorMessage)")
        #expect(decision.status.errorCount == 1)
        #expect(decision.state == .registering)
        #expect(decision.step == "register")
        #expect(decision.status.provisioning.step?.failed == Timestamp(FixedClock.start))
        #expect(decision.status.triedCredentials?.credentialsVersion == "1")
        #expect(decision.status.goodCredentials == nil)
        guard case .failed(.registrationError, let retry?) = decision.outcome else {
            Issue.record("expected a failure with a retry, got \(decision.outcome)")
            return
        }
        #expect(retry.seconds > 60 && retry.seconds <= 120)
        #expect(decision.eventReasons == ["RegistrationError"])
        #expect(!decision.status.errorMessage.contains("password"))
    }

    @Test func backoffGrowsWithEachFailureAndNoProbeIsMadeBeforeIt() {
        var host = HostBuilder.host(.registering).build()
        var time = 0.0
        for attempt in 1...6 {
            let failed = decideProbingBMC(host, .unreachable("no answer"), at: time)
            #expect(failed.status.errorCount == attempt)
            host = host.applying(failed)
            let floor = Backoff(metal3).floor(errorCount: attempt).seconds
            // Just before the floor, the host waits without asking for the BMC.
            let early = decide(host, .ready, at: time + floor - 1)
            #expect(early.outcome == .continue(after: .seconds(1)))
            #expect(!early.statusChanged)
            time += floor
        }
        #expect(host.status?.errorCount == 6)
    }

    private func decideProbingBMC(_ host: BareMetalHost, _ bmc: BMCObservation, at time: Double) -> HostDecision {
        let first = decide(host, .ready, at: time)
        #expect(first.outcome == .needsBMCProbe)
        return decide(host, .bmc(bmc), at: time)
    }

    @Test func aSilentBMCHealsWhenItAnswersAgain() {
        let failing = HostBuilder.host(.registering).error(.registrationError, "the BMC does not answer", count: 4)
            .credentials(good: nil, tried: "1").build()
        let waiting = decide(failing, .ready, at: 60)
        #expect(waiting.outcome == .continue(after: .seconds(8 * 60 - 60)))
        let due = decide(failing, .ready, at: 8 * 60)
        #expect(due.outcome == .needsBMCProbe)
        let healed = decide(failing, .power(.on), at: 8 * 60)
        #expect(healed.status.errorType == nil)
        #expect(healed.status.errorMessage == "")
        #expect(healed.status.errorCount == 0)
        #expect(healed.state == .inspecting)
    }

    @Test func aReadThatArrivesDuringTheBackoffHealsAtOnce() {
        let failing = HostBuilder.host(.registering).error(.registrationError, count: 3)
            .credentials(good: nil, tried: "1").stored()
        let healed = decide(failing, .power(.off), at: 1)
        #expect(healed.status.errorType == nil)
        #expect(healed.state == .inspecting)
        let stillFailing = decide(failing, .bmc(.unreachable("no")), at: 1)
        #expect(stillFailing.status.errorCount == 3, "a failure inside the backoff is not counted again")
        #expect(!stillFailing.statusChanged)
    }

    /// Metal3 issue 1346: fixing the credentials Secret must heal the host with no other step.
    @Test func aFixedSecretClearsTheErrorAtOnce() {
        let wrongPassword = HostBuilder.host(.registering)
            .error(.registrationError, "the BMC refused the credentials", count: 7)
            .credentials(good: nil, tried: "1").build()
        // Same Secret version: deep in the backoff.
        #expect(decide(wrongPassword, .ready, at: 5).outcome != .needsBMCProbe)
        // The Secret was fixed (new resourceVersion): probe now, whatever the backoff says.
        let fixed = HostObservation(credentials: .found(resourceVersion: "2"))
        #expect(decide(wrongPassword, fixed, at: 5).outcome == .needsBMCProbe)
        let healed = decide(wrongPassword, fixed.with { $0.bmc = .power(.off) }, at: 5)
        #expect(healed.status.errorType == nil)
        #expect(healed.status.goodCredentials?.credentialsVersion == "2")
        #expect(healed.status.triedCredentials?.credentialsVersion == "2")
        #expect(healed.state == .inspecting)
    }

    @Test func changedCredentialsAreProvenAgainInAnyState() {
        let host = HostBuilder.host(.provisioned).build()
        let rotated = HostObservation(credentials: .found(resourceVersion: "9"))
        #expect(decide(host, rotated).outcome == .needsBMCProbe)
        let proven = decide(host, rotated.with { $0.bmc = .power(.on) })
        #expect(proven.status.goodCredentials?.credentialsVersion == "9")
        #expect(proven.state == .provisioned)
        #expect(proven.eventReasons.contains("BMCAccessValidated"))
        let refused = decide(host, rotated.with { $0.bmc = .credentialsRejected("401") })
        #expect(refused.status.errorType == .provisionedRegistrationError)
        #expect(refused.state == .provisioned)
        #expect(refused.status.goodCredentials?.credentialsVersion == "1")
    }

    @Test func aBMCThatStopsAnsweringInASteadyStateIsARegistrationError() {
        let available = decide(HostBuilder.host(.available).build(), .bmc(.unreachable("timeout")))
        #expect(available.status.errorType == .registrationError)
        #expect(available.state == .available)
        let provisioned = decide(HostBuilder.host(.provisioned).build(), .bmc(.unreachable("timeout")))
        #expect(provisioned.status.errorType == .provisionedRegistrationError)
        // The next read that answers heals it and the step it recorded is gone.
        let healed = decide(HostBuilder.host(.provisioned).build().applying(provisioned), .power(.on), at: 1)
        #expect(healed.status.errorType == nil)
        #expect(healed.status.provisioning.step == nil)
        #expect(healed.status.operationalStatus == .ok)
    }
}
