import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct PowerTests {
    static let steadyStates: [ProvisioningState] = [.available, .provisioned, .externallyProvisioned]

    /// `online` is enforced in every steady state: power on, soft power-off, or nothing and a 60 s poll.
    @Test(arguments: Self.steadyStates)
    func onlineIsEnforced(state: ProvisioningState) {
        let cases: [(online: Bool, power: PowerState, actions: [HostAction], step: String?)] = [
            (true, .off, [.powerOn], "power-on"),
            (false, .on, [.powerOff(.soft)], "soft-power-off"),
            (true, .on, [], nil),
            (false, .off, [], nil),
        ]
        for (online, power, actions, step) in cases {
            let host = HostBuilder.host(state).online(online).poweredOn(power == .on).build()
            #expect(decide(host).outcome == .needsBMCProbe)
            let decision = decide(host, .power(power))
            #expect(decision.actions == actions, "\(state) online \(online) power \(power)")
            #expect(decision.step == step)
            #expect(decision.state == state)
            #expect(decision.status.poweredOn == (power == .on))
            let settled = actions.isEmpty
            #expect(decision.outcome == .continue(after: settled ? .seconds(60) : .seconds(2)))
        }
    }

    @Test func thePoweredOnFieldFollowsTheBMC() {
        let host = HostBuilder.host(.provisioned).poweredOn(false).build()
        let decision = decide(host, .power(.on))
        #expect(decision.status.poweredOn)
        #expect(decision.statusChanged)
    }

    @Test func aPendingPowerChangeIsNotRequestedTwice() {
        let host = HostBuilder.host(.provisioned).step("power-on").poweredOn(false).stored()
        #expect(decide(host, .power(.off), at: 10).actions.isEmpty)
        #expect(decide(host, .power(.off), at: 60).actions == [.powerOn])
        #expect(decide(host, .power(.off).with { $0.lastActions = .noneSinceStart }, at: 10).actions == [.powerOn])
        let done = decide(host, .power(.on), at: 12)
        #expect(done.status.provisioning.step == nil)
        #expect(done.outcome == .continue(after: .seconds(60)))
    }

    @Test func aSoftPowerOffThatHangsBecomesHard() {
        let host = HostBuilder.host(.provisioned).online(false).step("soft-power-off").stored()
        #expect(decide(host, .power(.on), at: 179).actions.isEmpty)
        let hard = decide(host, .power(.on), at: 180)
        #expect(hard.actions == [.powerOff(.hard)])
        #expect(hard.step == "power-off")
        #expect(hard.events.contains { $0.type == .warning && $0.message.contains("soft power-off not done after 3m") })
    }

    @Test func powerFailuresAreRecordedAndRetriedWithBackoff() {
        let host = HostBuilder.host(.provisioned).online(true).step("power-on").poweredOn(false).build()
        let observation = HostObservation.power(.off).with {
            $0.lastActions = .failed(.powerOn, message: "0xd5 not supported")
        }
        let failed = decide(host, observation)
        #expect(failed.status.errorType == .powerManagementError)
        #expect(failed.status.errorMessage == "power on failed: 0xd5 not supported")
        #expect(failed.eventReasons == ["PowerManagementError"])
        let stored = host.applying(failed)
        #expect(decide(stored, .ready, at: 30).outcome == .continue(after: .seconds(30)))
        let retry = decide(stored, .power(.off), at: 60)
        #expect(retry.actions == [.powerOn])
        #expect(retry.status.errorType == nil)
        // The power change worked: the error and its count are gone.
        let healed = decide(stored.applying(retry), .power(.on), at: 62)
        #expect(healed.status.errorCount == 0)
        #expect(healed.status.operationalStatus == .ok)
    }

    @Test func afterAnErrorPowerOffIsHard() {
        let host = HostBuilder.host(.provisioned).online(false).errorCount(2).build()
        #expect(decide(host, .power(.on)).actions == [.powerOff(.hard)])
    }

    // MARK: reboot annotations

    @Test(arguments: [
        ("", HostAction.powerOff(.soft)),
        ("{\"mode\":\"hard\"}", .powerOff(.hard)),
        ("{\"mode\":\"soft\",\"force\":true}", .powerOff(.soft)),
    ])
    func theRebootAnnotationPowersOffThenOn(value: String, action: HostAction) {
        let host = HostBuilder.host(.provisioned).annotation(HostAnnotations.reboot, value).build()
        let off = decide(host, .power(.on))
        #expect(off.actions == [action])
        #expect(off.events.contains { $0.reason == "PowerOff" && $0.message.contains("reboot.metal3.io") })
        let on = decide(host.applying(off), .power(.off), at: 5)
        #expect(on.actions == [.removeAnnotation(HostAnnotations.reboot), .powerOn])
        let settled = decide(host.applying(off).applying(on), .power(.on), at: 10)
        #expect(settled.actions.isEmpty)
        #expect(settled.outcome == .continue(after: .seconds(60)))
    }

    @Test func aPhasedRebootKeepsTheHostOffUntilEveryOwnerIsDone() {
        let key = HostAnnotations.rebootPrefix + "remediation"
        let host = HostBuilder.host(.provisioned).annotation(key).annotation(HostAnnotations.reboot).build()
        #expect(decide(host, .power(.on)).actions == [.powerOff(.soft)])
        // Off: the plain one is the controller's to remove; the keyed one holds the host off.
        let off = decide(host, .power(.off), at: 5)
        #expect(off.actions == [.removeAnnotation(HostAnnotations.reboot)])
        let stillOff = decide(host.applying(off), .power(.off), at: 60)
        #expect(stillOff.actions.isEmpty)
        // Its owner removes it: the host comes back.
        var released = host.applying(off)
        released.metadata.annotations?[key] = nil
        #expect(decide(released, .power(.off), at: 70).actions == [.powerOn])
    }

    @Test func outsideTheProvisionedStatesOnlyForcedRebootsCount() {
        let unforced = HostBuilder.host(.available).annotation(HostAnnotations.reboot).build()
        #expect(decide(unforced, .power(.on)).actions.isEmpty)
        let forced = HostBuilder.host(.available).annotation(HostAnnotations.reboot, "{\"force\":true}").build()
        #expect(decide(forced, .power(.on)).actions == [.powerOff(.soft)])
    }

    @Test func anInvalidRebootValueRebootsSoftlyWithAWarning() {
        let host = HostBuilder.host(.provisioned).annotation(HostAnnotations.reboot, "{\"mode\":\"gentle\"}").build()
        let decision = decide(host, .power(.on))
        #expect(decision.actions == [.powerOff(.soft)])
        #expect(
            decision.events.contains {
                $0.reason == "InvalidAnnotationValue" && $0.message.contains("mode \"gentle\" is neither")
            })
        let broken = HostBuilder.host(.provisioned).annotation(HostAnnotations.reboot, "{mode: hard").build()
        #expect(decide(broken, .power(.on)).events.contains { $0.reason == "InvalidAnnotationValue" })
    }

    @Test func withPowerOffDisabledARebootIsAReboot() {
        let host = HostBuilder.host(.provisioned).disablePowerOff().annotation(HostAnnotations.reboot).build()
        let decision = decide(host, .power(.on))
        #expect(decision.actions == [.reboot(.soft), .removeAnnotation(HostAnnotations.reboot)])
        let offline = HostBuilder.host(.provisioned).disablePowerOff().online(false).build()
        #expect(decide(offline, .power(.on)).actions.isEmpty)
    }
}
