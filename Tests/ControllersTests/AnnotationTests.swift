import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct AnnotationTests {
    // MARK: paused

    @Test(arguments: ProvisioningState.allCases)
    func aPausedHostIsLeftAlone(state: ProvisioningState) {
        let host = HostBuilder.host(state).annotation(HostAnnotations.paused).annotation(HostAnnotations.reboot)
            .deleting().withoutFinalizer().build()
        for observation in [HostObservation.ready, .power(.on), .agent(.idle), .bmc(.unreachable("x"))] {
            let decision = decide(host, observation)
            #expect(decision.outcome == .paused)
            #expect(decision.outcome.requeueAfter == nil)
            #expect(decision.actions.isEmpty && decision.events.isEmpty && !decision.statusChanged)
        }
    }

    // MARK: detached

    @Test(arguments: [ProvisioningState.available, .provisioned, .externallyProvisioned, .ready])
    func aSteadyHostCanBeDetached(state: ProvisioningState) {
        let host = HostBuilder.host(state).annotation(HostAnnotations.detached).build()
        let decision = decide(host)
        #expect(decision.status.operationalStatus == .detached)
        #expect(decision.actions == [.revokeAgentToken])
        #expect(decision.outcome == .continue(after: .seconds(600)))
        #expect(decision.state == state)
        // No BMC calls while detached, whatever is asked of the host.
        let again = decide(host.applying(decision).with(online: false), .ready, at: 600)
        #expect(again.outcome == .continue(after: .seconds(600)))
        #expect(again.actions.isEmpty && !again.statusChanged)
    }

    @Test func aBusyHostIsDetachedOnlyWhenForced() {
        let busy = HostBuilder.host(.provisioning).annotation(HostAnnotations.detached).build()
        #expect(decide(busy, .agent(.idle)).status.operationalStatus != .detached)
        let forced = HostBuilder.host(.provisioning).annotation(HostAnnotations.detached, "{\"force\":true}").build()
        let decision = decide(forced, .agent(.idle))
        #expect(decision.status.operationalStatus == .detached)
        #expect(decision.status.provisioning.step == nil)
        #expect(decision.agentCommands.isEmpty)
    }

    @Test func removingTheAnnotationAttachesTheHostAgain() {
        let host = HostBuilder.host(.provisioned).operationalStatus(.detached).build()
        let decision = decide(host, .power(.on))
        #expect(decision.status.operationalStatus == .ok)
        #expect(decision.eventReasons.contains("Attached"))
        // A forcibly detached provisioning host picks up where it stopped: it boots the agent again.
        let resumed = decide(
            HostBuilder.host(.provisioning).operationalStatus(.detached).step(nil).build(), .agent(.absent))
        #expect(resumed.actions.first == .mintAgentToken)
    }

    // MARK: status annotation

    @Test func aNewObjectTakesItsStatusFromTheAnnotation() throws {
        let provisioned = HostBuilder.host(.provisioned).build()
        let json = String(decoding: try JSONEncoder().encode(provisioned.status), as: UTF8.self)
        let moved = HostBuilder.host(.none).image().noStatus().annotation(HostAnnotations.status, json).build()
        let decision = decide(moved)
        #expect(decision.state == .provisioned)
        #expect(decision.status.provisioning.image?.url == HostBuilder.defaultImageURL)
        #expect(decision.status.hardware == HostBuilder.sampleHardware)
        #expect(decision.actions == [.removeAnnotation(HostAnnotations.status)])
        #expect(decision.outcome == .continue(after: .zero))
        #expect(decision.eventReasons == ["StatusRestored"])
        // The next pass goes on from the restored state: no re-inspection, no re-provisioning.
        let next = decideProbing(moved.applying(decision), power: .on)
        #expect(next.state == .provisioned)
        #expect(next.agentCommands.isEmpty && !next.actions.contains(.mintAgentToken))
    }

    @Test func theAnnotationIsDroppedWhenAStatusExists() {
        let host = HostBuilder.host(.available).stored()
        var annotated = host
        annotated.metadata.annotations = [HostAnnotations.status: "{\"operationalStatus\":\"OK\"}"]
        let decision = decideProbing(annotated, power: .on)
        #expect(decision.actions.contains(.removeAnnotation(HostAnnotations.status)))
        #expect(decision.state == .available)
        #expect(!decision.eventReasons.contains("StatusRestored"))
    }

    @Test(arguments: [
        ("{\"operationalStatus\": 3}", "operationalStatus: expected a string"),
        ("{\"operationalStatus\":\"OK\"}", "errorMessage: required field is missing"),
        ("not json", "invalid JSON"),
    ])
    func aBrokenStatusAnnotationIsReportedAndIgnored(value: String, problem: String) {
        let host = HostBuilder.host(.none).noStatus().annotation(HostAnnotations.status, value).build()
        let decision = decide(host)
        #expect(decision.state == .registering)
        #expect(decision.actions == [.removeAnnotation(HostAnnotations.status)])
        let warning = decision.events.first { $0.reason == "InvalidAnnotationValue" }
        #expect(warning?.message.contains(problem) == true, "\(warning?.message ?? "no warning")")
    }

    // MARK: hardware details annotation

    @Test func hardwareDetailsSeedTheStatusWhenInspectionIsDisabled() throws {
        var hardware = HostBuilder.sampleHardware
        hardware.ramMebibytes = 65536
        let json = String(decoding: try JSONEncoder().encode(hardware), as: UTF8.self)
        let host = HostBuilder.host(.registering).annotation(HostAnnotations.inspect, "disabled")
            .annotation(HostAnnotations.hardwareDetails, json).build()
        let decision = decide(host, .power(.off))
        #expect(decision.status.hardware == hardware)
        #expect(decision.actions.contains(.removeAnnotation(HostAnnotations.hardwareDetails)))
        #expect(decision.eventReasons.contains("UpdateHardwareDetails"))
        #expect(decision.state == .preparing)
    }

    @Test func hardwareDetailsAreIgnoredWhenKnownAndInspectionIsOn() {
        let host = HostBuilder.host(.available).annotation(HostAnnotations.hardwareDetails, "{\"ramMebibytes\": 1}")
            .build()
        let decision = decideProbing(host, power: .on)
        #expect(decision.status.hardware == HostBuilder.sampleHardware)
        #expect(decision.actions.contains(.removeAnnotation(HostAnnotations.hardwareDetails)))
        #expect(decision.eventReasons.contains("RemoveAnnotation"))
    }

    @Test func brokenHardwareDetailsAreReported() {
        let host = HostBuilder.host(.registering).hardware(nil)
            .annotation(HostAnnotations.hardwareDetails, "{\"cpu\": {\"count\": \"many\"}}").build()
        let decision = decide(host, .power(.off))
        #expect(decision.status.hardware == nil)
        #expect(
            decision.events.contains {
                $0.reason == "InvalidAnnotationValue" && $0.message.contains("cpu.count: expected a number")
            })
    }

    // MARK: parsing

    @Test func rebootAndDetachValues() {
        #expect(RebootRequest(key: "reboot.metal3.io", value: "").mode == .soft)
        #expect(RebootRequest(key: "reboot.metal3.io", value: "{\"mode\":\"hard\",\"force\":true}").force)
        #expect(RebootRequest(key: "reboot.metal3.io/a", value: "").isPlain == false)
        #expect(RebootRequest(key: "reboot.metal3.io", value: "[]").problem?.contains("reboot.metal3.io") == true)
        #expect(HostAnnotations.isReboot("reboot.metal3.io/x") && !HostAnnotations.isReboot("reboot.metal3.iox"))
        #expect(DetachRequest(value: "{\"deleteAction\":\"delay\"}").delayDelete)
        #expect(DetachRequest(value: "anything").force == false)
    }
}

@Suite struct ConditionTests {
    @Test(arguments: [
        (ProvisioningState.registering, "False/Registering", "True/Registering", "False/NotProvisioned"),
        (.inspecting, "True/Manageable", "True/Inspecting", "False/NotProvisioned"),
        (.available, "True/Manageable", "False/NotProgressing", "False/NotProvisioned"),
        (.provisioning, "True/Manageable", "True/Provisioning", "False/NotProvisioned"),
        (.provisioned, "True/Manageable", "False/NotProgressing", "True/Provisioned"),
        (.deprovisioning, "True/Manageable", "True/Deprovisioning", "False/NotProvisioned"),
        (.poweringOffBeforeDelete, "True/Manageable", "True/PoweringOffBeforeDelete", "False/NotProvisioned"),
        (.unmanaged, "False/NotManaged", "False/NotProgressing", "False/NotProvisioned"),
    ])
    func conditionsFollowTheState(state: ProvisioningState, manageable: String, progressing: String, ready: String) {
        let status = HostBuilder.host(state).build().status ?? BareMetalHostStatus()
        let conditions = HostConditions.compute(for: status, previous: [], generation: 3, now: FixedClock.start)
        func text(_ type: String) -> String {
            conditions.first { $0.type == type }.map { "\($0.status.rawValue)/\($0.reason ?? "")" } ?? "missing"
        }
        #expect(text(HostConditions.manageable) == manageable)
        #expect(text(HostConditions.progressing) == progressing)
        #expect(text(HostConditions.ready) == ready)
        #expect(text(HostConditions.healthy) == "Unknown/Unknown")
        #expect(conditions.allSatisfy { $0.observedGeneration == 3 })
    }

    @Test func anErrorMakesTheHostNotReadyAndKeepsUnchangedTransitionTimes() {
        let ok = HostBuilder.host(.provisioned).build().status ?? BareMetalHostStatus()
        let before = HostConditions.compute(for: ok, previous: [], generation: 1, now: FixedClock.start)
        var failing = ok
        failing.operationalStatus = .error
        failing.errorType = .powerManagementError
        let after = HostConditions.compute(for: failing, previous: before, generation: 1, now: FixedClock.at(100))
        let ready = after.first { $0.type == HostConditions.ready }
        #expect(ready?.reason == "Error" && ready?.lastTransitionTime == Timestamp(FixedClock.at(100)))
        #expect(after.first { $0.type == HostConditions.manageable }?.reason == "PowerFailure")
        let provisioned = after.first { $0.type == HostConditions.provisioned }
        #expect(provisioned?.lastTransitionTime == Timestamp(FixedClock.start))
    }
}
