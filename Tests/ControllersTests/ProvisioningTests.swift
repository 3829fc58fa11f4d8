import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

@Suite struct ProvisioningTests {
    static let url = HostBuilder.defaultImageURL

    // MARK: available → provisioning

    @Test func anOnlineAvailableHostWithAnImageStartsProvisioning() {
        let host = HostBuilder.host(.available).image().build()
        let decision = decide(host)
        #expect(decision.state == .provisioning)
        #expect(decision.status.lastAttemptedImage?.url == Self.url)
        #expect(decision.status.operationHistory?.provision?.start == Timestamp(FixedClock.start))
        #expect(
            decision.actions == [.mintAgentToken, .setBootDevice(.pxe, persistent: false, mode: .uefi), .reboot(.hard)])
        #expect(decision.step == "boot-agent")
        #expect(decision.eventReasons.contains("ProvisioningStarted"))
    }

    @Test func provisioningWaitsForOnline() {
        let decision = decideProbing(HostBuilder.host(.available).image().online(false).build(), power: .off)
        #expect(decision.state == .available)
    }

    @Test func changedRootDeviceHintsGoThroughPreparing() {
        let host = HostBuilder.host(.available).image().rootDeviceHints(RootDeviceHints(minSizeGigabytes: 100)).build()
        #expect(decide(host).state == .preparing)
    }

    @Test func theRetryLimitStopsProvisioningUntilTheImageChanges() {
        let host = HostBuilder.host(.available).image().provisioningFailCount(5).stored()
        let stopped = decide(host)
        #expect(stopped.state == .available)
        #expect(stopped.status.errorType == .provisioningError)
        #expect(stopped.status.errorMessage.contains("failed 5 times, the retry limit (5)"))
        #expect(stopped.outcome == .failed(.provisioningError, retryAfter: nil))
        #expect(stopped.actions.isEmpty)
        let again = decide(host.applying(stopped), at: 3600)
        #expect(again.status.errorCount == stopped.status.errorCount)
        #expect(again.events.isEmpty)
        // Four failures: one more try.
        #expect(decide(HostBuilder.host(.available).image().provisioningFailCount(4).build()).state == .provisioning)
        // A new image: counted afresh.
        var changed = host.applying(stopped)
        changed.spec.image?.url = "http://127.0.0.1:8080/images/os-v2.raw"
        let retried = decide(changed, at: 3600)
        #expect(retried.state == .provisioning)
        #expect(retried.status.provisioningFailCount == nil)
        #expect(retried.status.errorType == nil)
        // No image at all also resets the count.
        var removed = host.applying(stopped)
        removed.spec.image = nil
        let reset = decideProbing(removed, power: .on)
        #expect(reset.status.provisioningFailCount == nil && reset.status.lastAttemptedImage == nil)
        #expect(reset.status.errorType == nil)
    }

    @Test func zeroMeansNoRetryLimit() {
        var config = metal3
        config.maxProvisioningRetries = 0
        let host = HostBuilder.host(.available).image().provisioningFailCount(50).build()
        #expect(decide(host, config: config).state == .provisioning)
    }

    @Test func liveISOImagesAreRefusedClearly() {
        let decision = decide(HostBuilder.host(.available).image(format: .liveISO).build())
        #expect(decision.state == .available)
        #expect(decision.status.errorMessage == "spec.image.format: live-iso images are not supported yet")
    }

    // MARK: writing the image

    @Test func theAgentIsToldWhatToWrite() {
        let host = HostBuilder.host(.provisioning).userData("host-0-user-data")
            .provisioningSettings(rootDeviceHints: RootDeviceHints(deviceName: "/dev/vda")).build()
        let decision = decide(host, .agent(.idle), at: 15)
        guard case .writeImage(let deployment)? = decision.agentCommands.first else {
            Issue.record("expected a writeImage command, got \(decision.actions)")
            return
        }
        #expect(deployment.image.url == Self.url)
        #expect(deployment.image.checksum == "0123abcd" && deployment.image.checksumType == .sha256)
        #expect(deployment.rootDeviceHints == RootDeviceHints(deviceName: "/dev/vda"))
        #expect(deployment.bootMode == .uefi)
        #expect(deployment.configDrive.userData == SecretReference(name: "host-0-user-data", namespace: "default"))
        #expect(deployment.configDrive.hostname == "host-0")
        #expect(deployment.configDrive.uuid == host.metadata.uid)
        #expect(decision.actions.count == 1)
    }

    @Test func progressIsWaitedFor() {
        let host = HostBuilder.host(.provisioning).stored()
        let decision = decide(
            host, .agent(.running(.writeImage, progress: AgentProgress(done: 1 << 20, total: 1 << 30))))
        #expect(decision.actions.isEmpty && !decision.statusChanged)
    }

    /// The write is recorded before anything else happens: from now on the host is switched to its
    /// disk, never written again.
    @Test func aWrittenImageIsRecordedThenTheHostIsSwitchedToItsDisk() {
        let host = HostBuilder.host(.provisioning).build()
        let decision = decide(host, .agent(.succeeded(.imageWritten(url: Self.url))), at: 120)
        #expect(decision.status.provisioning.image?.url == Self.url)
        #expect(decision.state == .provisioning)
        #expect(decision.step == "boot-instance")
        #expect(decision.actions == [.setBootDevice(.disk, persistent: true, mode: .uefi), .agentCommand(.powerOff)])
        #expect(decision.eventReasons == ["ImageWritten"])
        let virtualMedia = HostBuilder.host(.provisioning, address: InspectionTests.virtualMedia).build()
        let ejecting = decide(virtualMedia, .agent(.succeeded(.imageWritten(url: Self.url))))
        #expect(ejecting.actions.first == .ejectVirtualMedia)
    }

    @Test func theHostIsProvisionedOnceItIsOff() {
        let host = HostBuilder.host(.provisioning).writtenImage().step("boot-instance").errorCount(2).build()
        let pending = decide(host, .agent(.succeeded(.poweredOff)))
        #expect(pending.outcome == .needsBMCProbe)
        let decision = decide(host, .agent(.succeeded(.poweredOff), power: .off), at: 130)
        #expect(decision.state == .provisioned)
        #expect(decision.actions == [.revokeAgentToken, .powerOn])
        #expect(decision.status.errorCount == 0)
        #expect(decision.status.provisioning.step == nil)
        #expect(decision.status.operationHistory?.provision?.end == Timestamp(FixedClock.at(130)))
        #expect(decision.eventReasons == ["ProvisioningComplete"])
        let offline = decide(host.with(online: false), .power(.off))
        #expect(offline.actions == [.revokeAgentToken])
    }

    @Test func aHostThatStaysOnIsPoweredOffByTheBMC() {
        let host = HostBuilder.host(.provisioning).writtenImage().step("boot-instance").stored()
        let waiting = decide(host, .power(.on), at: 30)
        #expect(waiting.actions.isEmpty)
        #expect(waiting.outcome == .continue(after: .seconds(2)))
        let forced = decide(host, .power(.on), at: 60)
        #expect(forced.actions == [.setBootDevice(.disk, persistent: true, mode: .uefi), .powerOff(.hard)])
        #expect(forced.status.provisioning.step?.started == Timestamp(FixedClock.at(60)))
        let agentFailed = decide(host, .agent(.failed(.powerOff, message: "busy"), power: .on), at: 1)
        #expect(agentFailed.actions.last == .powerOff(.hard))
        let restarted = decide(host, .power(.on).with { $0.lastActions = .noneSinceStart }, at: 1)
        #expect(restarted.actions.last == .powerOff(.hard))
    }

    /// Whatever is observed, a host whose image is recorded as written gets no writeImage command.
    @Test(arguments: HostAgentFixtures.agentStates)
    func aWrittenImageIsNeverWrittenAgain(agent: AgentObservation) {
        for step in ["boot-instance", "boot-agent", "power-off", "unknown-step"] as [String?] + [nil] {
            for power in [PowerState.on, .off] {
                for last in [ActionRecord.succeeded, .noneSinceStart] {
                    let host = HostBuilder.host(.provisioning).writtenImage().step(step).build()
                    let observation = HostObservation.agent(agent, power: power).with { $0.lastActions = last }
                    let decision = decide(host, observation, at: 5000)
                    #expect(
                        decision.agentCommands.allSatisfy { $0.kind != .writeImage },
                        "\(step ?? "nil") \(power) \(last)")
                }
            }
        }
    }

    @Test func aPowerFailureWhileSwitchingToTheDiskIsRetriedWithoutDeprovisioning() {
        let host = HostBuilder.host(.provisioning).writtenImage().step("boot-instance").build()
        let observation = HostObservation.power(.on).with {
            $0.lastActions = .failed(.powerOff(.hard), message: "BMC busy")
        }
        let failed = decide(host, observation, at: 70)
        #expect(failed.status.errorType == .powerManagementError)
        #expect(failed.state == .provisioning)
        let retried = decide(host.applying(failed), .power(.on), at: 70 + 60)
        #expect(retried.actions == [.setBootDevice(.disk, persistent: true, mode: .uefi), .powerOff(.hard)])
        #expect(retried.state == .provisioning)
        #expect(retried.status.errorType == nil)
    }

    // MARK: failures

    @Test func aFailedWriteIsAProvisioningErrorThenDeprovisioning() {
        let host = HostBuilder.host(.provisioning).build()
        let failed = decide(host, .agent(.failed(.writeImage, message: "checksum mismatch: expected 0123abcd")), at: 50)
        #expect(failed.status.errorType == .provisioningError)
        #expect(failed.status.errorMessage == "writing \(Self.url) failed: checksum mismatch: expected 0123abcd")
        #expect(failed.state == .provisioning)
        let stored = host.applying(failed)
        #expect(decide(stored, .agent(.idle), at: 80).state == .provisioning)
        let cleaning = decide(stored, .agent(.idle), at: 110)
        #expect(cleaning.state == .deprovisioning)
        #expect(cleaning.status.provisioningFailCount == 1)
        #expect(cleaning.status.errorType == nil)
        #expect(cleaning.status.errorCount == 1)
        #expect(cleaning.actions.first == .mintAgentToken)
    }

    @Test(arguments: [
        AgentObservation.absent, .unknown, .idle,
    ])
    func anAgentThatNeverLooksUpFailsTheAttempt(agent: AgentObservation) {
        let host = HostBuilder.host(.provisioning).build()
        let decision = decide(host, .agent(agent), at: 901)
        if agent == .absent {
            #expect(decision.status.errorType == .provisioningError)
            #expect(decision.status.errorMessage.hasSuffix("the agent did not report within 15m"))
        } else {
            #expect(decision.status.errorType == nil)
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/images/other.raw" as String?),
        nil,
        "",
    ])
    func changingTheImageMidwayCancels(url: String?) {
        let host = HostBuilder.host(.provisioning).with { host in
            host.spec.image = url.map { HostImage(url: $0) }
        }.build()
        let decision = decide(host, .agent(.running(.writeImage, progress: nil)))
        #expect(decision.state == .deprovisioning)
        #expect(decision.eventReasons.contains("ProvisioningCancelled"))
    }

    @Test func aFailedAgentBootIsAProvisioningError() {
        let host = HostBuilder.host(.provisioning).build()
        let decision = decide(
            host, .agent(.absent).with { $0.lastActions = .failed(.reboot(.hard), message: "power on refused") })
        #expect(decision.status.errorType == .provisioningError)
        #expect(decision.status.errorMessage == "could not boot the agent: hard reboot failed: power on refused")
    }

    // MARK: provisioned

    @Test(arguments: [
        ("http://127.0.0.1:8080/images/other.raw" as String?),
        nil,
    ])
    func aProvisionedHostWhoseImageChangesIsDeprovisioned(url: String?) {
        let host = HostBuilder.host(.provisioned).with { host in
            host.spec.image = url.map { HostImage(url: $0) }
        }.build()
        let decision = decide(host)
        #expect(decision.state == .deprovisioning)
        #expect(decision.status.operationHistory?.deprovision?.start == Timestamp(FixedClock.start))
    }

    @Test func leavingExternallyProvisionedAdoptsTheSpecImage() {
        let host = HostBuilder.host(.externallyProvisioned).image().externallyProvisioned(false).build()
        let decision = decide(host)
        #expect(decision.state == .provisioned)
        #expect(decision.status.provisioning.image?.url == Self.url)
        let without = decide(HostBuilder.host(.externallyProvisioned).externallyProvisioned(false).build())
        #expect(without.state == .provisioned)
        #expect(decide(HostBuilder.host(.provisioned).noImage().build().applying(without)).state == .deprovisioning)
    }

    @Test func externallyProvisionedFromAvailable() {
        let decision = decide(HostBuilder.host(.available).externallyProvisioned().build())
        #expect(decision.state == .externallyProvisioned)
    }
}

extension BareMetalHost {
    func with(online: Bool) -> BareMetalHost {
        var host = self
        host.spec.online = online
        return host
    }
}

enum HostAgentFixtures {
    static let agentStates: [AgentObservation] = [
        .unknown, .absent, .idle, .running(.writeImage, progress: nil), .running(.clean, progress: nil),
        .succeeded(.imageWritten(url: HostBuilder.defaultImageURL)), .succeeded(.inspected(HostBuilder.sampleHardware)),
        .succeeded(.cleaned), .succeeded(.poweredOff), .failed(.writeImage, message: "disk full"),
        .failed(.powerOff, message: "busy"), .failed(.inspect, message: "x"),
    ]
}
