import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct DeprovisioningTests {
    @Test func deprovisioningCleansWithTheAgent() {
        let host = HostBuilder.host(.provisioned).noImage().build()
        let started = decide(host)
        #expect(started.state == .deprovisioning)
        #expect(started.step == "boot-agent")
        #expect(
            started.actions == [.mintAgentToken, .setBootDevice(.pxe, persistent: false, mode: .uefi), .reboot(.hard)])
        let stored = host.applying(started)
        #expect(decide(stored, .agent(.idle), at: 20).agentCommands == [.clean(.metadata)])
        let cleaned = decide(stored, .agent(.succeeded(.cleaned)), at: 40)
        #expect(cleaned.actions == [.revokeAgentToken, .powerOff(.hard)])
        #expect(cleaned.step == "power-off")
        let off = decide(stored.applying(cleaned), .power(.off), at: 42)
        #expect(off.state == .available)
        #expect(off.status.provisioning.image == nil)
        #expect(off.status.operationHistory?.deprovision?.end == Timestamp(FixedClock.at(42)))
        #expect(off.eventReasons.contains("DeprovisioningComplete"))
    }

    @Test func withCleaningDisabledDeprovisioningOnlyPowersOff() {
        let host = HostBuilder.host(.provisioned).noImage().cleaning(.disabled).build()
        let started = decide(host)
        #expect(started.actions == [.powerOff(.hard)])
        #expect(started.step == "power-off")
        let stored = host.applying(started)
        #expect(decide(stored, .power(.on), at: 1).actions.isEmpty)
        #expect(decide(stored, .power(.on), at: 60).actions == [.powerOff(.hard)])
        #expect(decide(stored, .power(.off), at: 2).state == .available)
    }

    @Test func failedCleaningIsRetriedWithBackoff() {
        let host = HostBuilder.host(.deprovisioning).build()
        let failed = decide(host, .agent(.failed(.clean, message: "wipefs: device busy")), at: 10)
        #expect(failed.status.errorType == .provisioningError)
        #expect(failed.status.errorMessage == "cleaning failed: wipefs: device busy")
        let stored = host.applying(failed)
        #expect(decide(stored, .agent(.failed(.clean, message: "wipefs: device busy")), at: 50).actions.isEmpty)
        let retried = decide(stored, .agent(.failed(.clean, message: "wipefs: device busy")), at: 70)
        #expect(retried.actions.first == .mintAgentToken)
        #expect(retried.status.errorType == nil)
    }

    @Test func aHostWhoseDeprovisioningStepWasLostStartsItAgain() {
        let host = HostBuilder.host(.deprovisioning).step(nil).build()
        #expect(decide(host, .agent(.absent)).actions.first == .mintAgentToken)
    }
}

@Suite struct DeletionTests {
    /// Metal3's checkInitiateDelete: where deletion starts from each state.
    @Test(arguments: [
        (ProvisioningState.none, ProvisioningState.deleting),
        (.unmanaged, .deleting),
        (.registering, .deleting),
        (.inspecting, .poweringOffBeforeDelete),
        (.preparing, .poweringOffBeforeDelete),
        (.available, .poweringOffBeforeDelete),
        (.ready, .poweringOffBeforeDelete),
        (.matchProfile, .poweringOffBeforeDelete),
        (.externallyProvisioned, .poweringOffBeforeDelete),
        (.provisioning, .deprovisioning),
        (.provisioned, .deprovisioning),
    ])
    func deletionStartsFrom(state: ProvisioningState, next: ProvisioningState) {
        let host = HostBuilder.host(state).deleting().with { host in
            if state == .none {
                host.status = nil
            }
        }.build()
        let decision = decide(host, .power(.on))
        #expect(decision.state == next)
        #expect(decision.outcome == .complete)
        if next == .poweringOffBeforeDelete {
            #expect(decision.actions == [.powerOff(.hard)])
        }
    }

    @Test func deletingInTheMiddleOfProvisioningCleansThenPowersOffThenDeletes() {
        var host = HostBuilder.host(.provisioning).deleting().build()
        let toDeprovision = decide(host, .agent(.running(.writeImage, progress: nil)))
        #expect(toDeprovision.state == .deprovisioning)
        #expect(toDeprovision.actions.first == .mintAgentToken, "a fresh agent replaces the one writing")
        host = host.applying(toDeprovision)
        let cleaned = decide(host, .agent(.succeeded(.cleaned)), at: 30)
        host = host.applying(cleaned)
        let off = decide(host, .power(.off), at: 32)
        #expect(off.state == .poweringOffBeforeDelete)
        host = host.applying(off)
        let confirmed = decide(host, .power(.off), at: 33)
        #expect(confirmed.state == .deleting)
        host = host.applying(confirmed)
        let gone = decide(host, at: 34)
        #expect(gone.actions == [.revokeAgentToken, .removeFinalizer])
        #expect(gone.outcome == .deleteComplete)
        #expect(gone.outcome.requeueAfter == nil)
    }

    @Test func poweringOffBeforeDeleteWaitsForTheHostToBeOff() {
        let host = HostBuilder.host(.poweringOffBeforeDelete).step("power-off").stored()
        #expect(decide(host).outcome == .needsBMCProbe)
        #expect(decide(host, .power(.on), at: 10).actions.isEmpty)
        #expect(decide(host, .power(.on), at: 60).actions == [.powerOff(.hard)])
        let off = decide(host, .power(.off), at: 12)
        #expect(off.state == .deleting)
        #expect(off.status.poweredOn == false)
    }

    /// Deletion never hangs: after more than `deleteRetryLimit` (3) failures it moves on.
    @Test func poweringOffIsAbandonedAfterThreeFailures() {
        var host = HostBuilder.host(.poweringOffBeforeDelete).step("power-off").build()
        var time = 0.0
        var failures = 0
        for round in 0..<30 {
            let observation = HostObservation.power(.on).with {
                $0.lastActions = .failed(.powerOff(.hard), message: "power control refused")
            }
            let decision = decide(host, observation, at: time)
            host = host.applying(decision)
            if decision.state == .deleting {
                #expect(failures == 4, "gave up after \(failures) failures")
                #expect(decision.events.contains { $0.reason == "DeleteGaveUp" && $0.type == .warning })
                return
            }
            if decision.status.errorType != nil, case .failed = decision.outcome {
                failures += 1
            }
            time += decision.outcome.requeueAfter?.seconds ?? 1
            #expect(round < 29)
        }
        Issue.record("deletion never completed")
    }

    @Test func cleaningIsAbandonedAfterThreeFailuresWhenDeleting() {
        let host = HostBuilder.host(.deprovisioning).deleting().error(.provisioningError, "cleaning failed", count: 4)
            .build()
        let decision = decide(host, .agent(.failed(.clean, message: "x")), at: 10_000)
        #expect(decision.state == .poweringOffBeforeDelete)
        #expect(decision.status.errorCount == 0)
        #expect(decision.eventReasons.contains("DeleteGaveUp"))
        #expect(decision.actions == [.powerOff(.hard)])
        // Three failures are not enough to give up.
        let three = HostBuilder.host(.deprovisioning).deleting().error(.provisioningError, count: 3).build()
        #expect(decide(three, .agent(.absent), at: 10_000).state == .deprovisioning)
    }

    @Test func anUnreachableBMCDoesNotBlockDeletionForever() {
        let host = HostBuilder.host(.poweringOffBeforeDelete).error(.registrationError, "no answer", count: 4).build()
        let decision = decide(host, .bmc(.unreachable("no answer")), at: 10_000)
        #expect(decision.state == .deleting)
    }

    @Test(arguments: [
        HostObservation(credentials: .notFound),
        HostObservation(credentials: .incomplete(missingKeys: ["username"])),
    ])
    func deletionGoesOnWithoutCredentials(observation: HostObservation) {
        let poweringOff = HostBuilder.host(.poweringOffBeforeDelete).build()
        let decision = decide(poweringOff, observation)
        #expect(decision.state == .deleting)
        #expect(decision.eventReasons.contains("DeleteWithoutPowerOff"))
        let deprovisioning = HostBuilder.host(.deprovisioning).deleting().build()
        #expect(decide(deprovisioning, observation).state == .deleting)
        let provisioned = HostBuilder.host(.provisioned).deleting().build()
        let first = decide(provisioned, observation)
        #expect(first.state == .deprovisioning)
        #expect(first.actions.isEmpty, "no BMC actions without credentials")
        #expect(decide(provisioned.applying(first), observation).state == .deleting)
    }

    @Test func aBadAddressDoesNotBlockDeletion() {
        let host = HostBuilder.host(.available).bmc("ipmii://nowhere").deleting().build()
        let decision = decide(host)
        #expect(decision.state == .poweringOffBeforeDelete)
        #expect(decide(host.applying(decision)).state == .deleting)
    }

    @Test func disabledPowerOffSkipsIt() {
        let host = HostBuilder.host(.poweringOffBeforeDelete).disablePowerOff().build()
        #expect(decide(host).state == .deleting)
    }

    @Test func aDeletingHostWithoutFinalizerIsDone() {
        let host = HostBuilder.host(.deleting).withoutFinalizer().build()
        let decision = decide(host)
        #expect(decision.outcome == .deleteComplete)
        #expect(decision.actions.isEmpty)
    }

    @Test func aDetachedHostIsDeletedWithoutPowerOffOrCleaning() {
        let host = HostBuilder.host(.provisioned).annotation(HostAnnotations.detached).deleting().build()
        let decision = decide(host)
        #expect(decision.state == .deleting)
        #expect(decision.actions.isEmpty)
        let delayed = HostBuilder.host(.provisioned).operationalStatus(.detached)
            .annotation(HostAnnotations.detached, "{\"deleteAction\":\"delay\"}").deleting().build()
        let waiting = decide(delayed)
        #expect(waiting.state == .provisioned)
        #expect(waiting.outcome == .continue(after: .seconds(600)))
    }
}
