import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct InspectionTests {
    static let pxe = "ipmi://127.0.0.1:6230"
    static let virtualMedia = "redfish-virtualmedia+http://127.0.0.1:8000/redfish/v1/Systems/1"
    static let uefiHTTP = "redfish-uefihttp://127.0.0.1/redfish/v1/Systems/1"

    /// Entering inspecting boots the agent: a fresh token, the ramdisk as one-time boot device (the
    /// host's own ISO for virtual media), and a reboot; the step is recorded before any of it runs.
    @Test(arguments: [
        (Self.pxe, [HostAction.mintAgentToken, .setBootDevice(.pxe, persistent: false, mode: .uefi), .reboot(.hard)]),
        (
            Self.virtualMedia,
            [.mintAgentToken, .insertAgentISO, .setBootDevice(.cdrom, persistent: false, mode: .uefi), .reboot(.hard)]
        ),
        (Self.uefiHTTP, [.mintAgentToken, .setBootDevice(.uefiHTTP, persistent: false, mode: .uefi), .reboot(.hard)]),
    ])
    func enteringInspectingBootsTheAgent(address: String, actions: [HostAction]) {
        let host = HostBuilder.host(.registering, address: address).build()
        let decision = decide(host, .power(.off))
        #expect(decision.state == .inspecting)
        #expect(decision.actions == actions)
        #expect(decision.step == "boot-agent")
        #expect(decision.status.provisioning.step?.started == Timestamp(FixedClock.start))
        #expect(decision.eventReasons.contains("InspectionStarted"))
    }

    @Test func legacyBootModeIsPassedToTheBootDevice() {
        let host = HostBuilder.host(.registering, address: Self.pxe).with { $0.spec.bootMode = .legacy }.build()
        let decision = decide(host, .power(.off))
        #expect(decision.actions.contains(.setBootDevice(.pxe, persistent: false, mode: .legacy)))
        #expect(decision.status.provisioning.bootMode == .legacy)
    }

    @Test func theAgentIsGivenTheInspectCommandOnceItLooksUp() {
        let host = HostBuilder.host(.inspecting).build()
        let decision = decide(host, .agent(.idle), at: 20)
        #expect(decision.actions == [.agentCommand(.inspect)])
        #expect(decision.outcome == .continue(after: .seconds(5)))
        #expect(decision.state == .inspecting)
    }

    @Test(arguments: [
        AgentObservation.unknown, .running(.inspect, progress: nil), .absent,
    ])
    func waitingForTheAgent(agent: AgentObservation) {
        let host = HostBuilder.host(.inspecting).stored()
        let decision = decide(host, .agent(agent), at: 60)
        #expect(decision.actions.isEmpty)
        #expect(!decision.statusChanged)
        #expect(decision.outcome == .continue(after: .seconds(5)))
    }

    @Test func theInventoryCompletesInspection() {
        let hardware = HostBuilder.sampleHardware
        let online = decide(HostBuilder.host(.inspecting).build(), .agent(.succeeded(.inspected(hardware))), at: 90)
        #expect(online.status.hardware == hardware)
        #expect(online.state == .preparing)
        #expect(online.actions == [.revokeAgentToken])
        #expect(online.status.operationHistory?.inspect?.end == Timestamp(FixedClock.at(90)))
        #expect(online.eventReasons.contains("InspectionComplete"))
        #expect(online.events.first { $0.reason == "InspectionComplete" }?.message.contains("16 CPUs") == true)
        // A host that is to be off is powered off; a virtual-media host has its ISO ejected.
        let offline = decide(
            HostBuilder.host(.inspecting, address: Self.virtualMedia).online(false).build(),
            .agent(.succeeded(.inspected(hardware)))
        )
        #expect(offline.actions == [.revokeAgentToken, .ejectVirtualMedia, .powerOff(.hard)])
    }

    @Test func preparingRecordsTheSettingsAndMovesOn() {
        let hints = RootDeviceHints(deviceName: "/dev/sdb")
        let host = HostBuilder.host(.preparing).rootDeviceHints(hints).build()
        let decision = decide(host)
        #expect(decision.state == .available)
        #expect(decision.status.provisioning.rootDeviceHints == hints)
        #expect(decision.status.provisioning.bootMode == .uefi)
    }

    @Test func aFailedInspectionIsRetriedAfterTheBackoff() {
        let host = HostBuilder.host(.inspecting).build()
        let failed = decide(host, .agent(.failed(.inspect, message: "no disks found")), at: 30)
        #expect(failed.status.errorType == .inspectionError)
        #expect(failed.status.errorMessage == "inspection failed: no disks found")
        #expect(failed.state == .inspecting)
        #expect(failed.status.provisioning.step?.failed == Timestamp(FixedClock.at(30)))
        #expect(failed.eventReasons == ["InspectionError"])
        let stored = host.applying(failed)
        let waiting = decide(stored, .agent(.failed(.inspect, message: "no disks found")), at: 60)
        #expect(waiting.actions.isEmpty && waiting.status.errorCount == 1)
        let retried = decide(stored, .agent(.failed(.inspect, message: "no disks found")), at: 90)
        #expect(retried.status.errorType == nil)
        #expect(retried.status.errorCount == 1, "errorCount is reset by success only")
        #expect(retried.actions.first == .mintAgentToken && retried.actions.last == .reboot(.hard))
        #expect(
            retried.status.provisioning.step == OperationStep(name: "boot-agent", started: Timestamp(FixedClock.at(90)))
        )
    }

    /// Stored times keep whole seconds: a failure at 30.4 s is recorded as 31 s, not 30 s, so its
    /// backoff, counted from the stored time, never ends early.
    @Test func aFailureTimeIsRecordedAtOrAfterTheFailure() throws {
        let host = HostBuilder.host(.inspecting).build()
        let failed = decide(host, .agent(.failed(.inspect, message: "no disks found")), at: 30.4)
        #expect(failed.status.provisioning.step?.failed == Timestamp(FixedClock.at(31)))
        let stored = try JSONDecoder().decode(BareMetalHost.self, from: JSONEncoder().encode(host.applying(failed)))
        #expect(stored.status?.provisioning.step?.failed == Timestamp(FixedClock.at(31)))
        let floor = Backoff(metal3).floor(errorCount: 1).seconds
        let early = decide(stored, .agent(.failed(.inspect, message: "no disks found")), at: 30.4 + floor - 0.01)
        #expect(early.status.errorType == .inspectionError, "the backoff had not passed")
        let due = decide(stored, .agent(.failed(.inspect, message: "no disks found")), at: 31 + floor)
        #expect(due.status.errorType == nil)
    }

    @Test func anAgentThatNeverComesUpTimesOut() {
        let host = HostBuilder.host(.inspecting).stored()
        #expect(decide(host, .agent(.absent), at: 899).outcome == .continue(after: .seconds(1)))
        let late = decide(host, .agent(.absent), at: 900)
        #expect(late.status.errorType == .inspectionError)
        #expect(late.status.errorMessage == "inspection failed: the agent did not report within 15m")
    }

    @Test func afterARestartAnAbsentAgentIsBootedAgainAtOnce() {
        let host = HostBuilder.host(.inspecting).stored()
        let restarted = HostObservation.agent(.absent).with { $0.lastActions = .noneSinceStart }
        let decision = decide(host, restarted, at: 40)
        #expect(decision.actions.first == .mintAgentToken)
        #expect(decision.status.provisioning.step?.started == Timestamp(FixedClock.at(40)))
        // While the runtime cannot tell yet, nothing is repeated.
        let unknown = decide(host, .agent(.unknown).with { $0.lastActions = .noneSinceStart }, at: 40)
        #expect(unknown.actions.isEmpty)
    }

    @Test func aBootThatFailsIsAnInspectionError() {
        let host = HostBuilder.host(.inspecting).build()
        let observation = HostObservation.agent(.absent).with {
            $0.lastActions = .failed(
                .setBootDevice(.pxe, persistent: false, mode: .uefi), message: "completion code 0xc1")
        }
        let decision = decide(host, observation, at: 2)
        #expect(decision.status.errorType == .inspectionError)
        #expect(decision.status.errorMessage.contains("one-time boot device pxe (UEFI) failed: completion code 0xc1"))
    }

    @Test func aStaleResultIsAnsweredWithTheRightCommand() {
        let decision = decide(HostBuilder.host(.inspecting).build(), .agent(.succeeded(.cleaned)))
        #expect(decision.actions == [.agentCommand(.inspect)])
    }

    @Test func inspectionRequestedAgainFromAvailable() {
        let host = HostBuilder.host(.available).annotation(HostAnnotations.inspect).build()
        let decision = decide(host)
        #expect(decision.state == .inspecting)
        #expect(decision.actions.first == .removeAnnotation(HostAnnotations.inspect))
        #expect(decision.actions.contains(.mintAgentToken))
        // "disabled" is not a request.
        let disabled = decideProbing(
            HostBuilder.host(.available).annotation(HostAnnotations.inspect, "disabled").build(),
            power: .on
        )
        #expect(disabled.state == .available)
    }

    @Test func disablingInspectionMidwaySkipsIt() {
        let host = HostBuilder.host(.inspecting).inspectionMode(.disabled).build()
        let decision = decide(host, .agent(.running(.inspect, progress: nil)))
        #expect(decision.state == .preparing)
        #expect(decision.eventReasons.contains("InspectionSkipped"))
    }

    // MARK: provisioning slots

    @Test func aPXEHostWaitsForAProvisioningSlot() {
        let host = HostBuilder.host(.registering, address: Self.pxe).build()
        let full = decide(host, .power(.off).with { $0.provisioningSlotsInUse = 20 })
        #expect(full.state == .registering)
        #expect(full.status.operationalStatus == .delayed)
        #expect(full.actions.isEmpty)
        #expect(full.eventReasons.contains("Delayed"))
        guard case .delayed(let after) = full.outcome else {
            Issue.record("expected delayed, got \(full.outcome)")
            return
        }
        #expect(after.seconds >= 60 && after.seconds <= 120)
        // Still full: still delayed, without reading the BMC again.
        let stored = host.applying(full)
        let stillFull = decide(stored, HostObservation.ready.with { $0.provisioningSlotsInUse = 25 }, at: 90)
        #expect(stillFull.state == .registering)
        #expect(stillFull.outcome != .needsBMCProbe)
        // A slot frees up: on it goes.
        let free = decide(stored, HostObservation.ready.with { $0.provisioningSlotsInUse = 19 }, at: 120)
        #expect(free.state == .inspecting)
        #expect(free.status.operationalStatus == .ok)
    }

    @Test func virtualMediaHostsAreNeverThrottled() {
        let host = HostBuilder.host(.registering, address: Self.virtualMedia).build()
        let decision = decide(host, .power(.off).with { $0.provisioningSlotsInUse = 500 })
        #expect(decision.state == .inspecting)
    }

    @Test func theLimitIsConfigurable() {
        var config = metal3
        config.provisioningLimit = 2
        let host = HostBuilder.host(.available, address: Self.pxe).image().build()
        let blocked = decideProbing(host, .ready.with { $0.provisioningSlotsInUse = 2 }, power: .on, config: config)
        #expect(blocked.status.operationalStatus == .delayed)
        let allowed = decideProbing(host, .ready.with { $0.provisioningSlotsInUse = 1 }, power: .on, config: config)
        #expect(allowed.state == .provisioning)
    }
}
