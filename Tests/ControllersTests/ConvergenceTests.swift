import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

/// Loops `decide` against `FakeWorld` (a pure model of a server, its agent and the runtime) until the
/// host settles, as Metal3's tryReconcile does, through the whole lifecycle.
@Suite struct ConvergenceTests {
    static let config = ControllerConfig(
        backoffBase: .seconds(1),
        steadyStatePollInterval: .seconds(2),
        slowPollInterval: .seconds(2),
        missingSecretRetryDelay: .seconds(1),
        agentPollInterval: .seconds(1),
        powerPollInterval: .seconds(1),
        powerActionTimeout: .seconds(5),
        softPowerOffTimeout: .seconds(5),
        agentTimeout: .seconds(30)
    )

    static let addresses = [
        "ipmi://127.0.0.1:6230",
        "redfish+http://127.0.0.1:8000/redfish/v1/Systems/1",
        "redfish-virtualmedia+http://127.0.0.1:8000/redfish/v1/Systems/1",
        "idrac-virtualmedia://127.0.0.1:8443/redfish/v1/Systems/System.Embedded.1",
        "ilo5-virtualmedia://127.0.0.1:8444/redfish/v1/Systems/1",
        "redfish-uefihttp://127.0.0.1:8445/redfish/v1/Systems/1",
    ]

    static func newHost(_ address: String) -> BareMetalHost {
        HostBuilder.host(.none, address: address).noStatus().withoutFinalizer().image().build()
    }

    static func provisioned(_ world: FakeWorld) -> Bool {
        world.settled(in: .provisioned) && world.power == .on && world.running == .os
    }

    @Test(arguments: Self.addresses)
    func theWholeLifecycle(address: String) {
        var world = FakeWorld(host: Self.newHost(address), config: Self.config, seed: 1)
        let reached1 = world.run(until: Self.provisioned)
        #expect(reached1, "stuck in \(String(describing: world.state))")
        #expect(
            world.statesSeen == [.none, .registering, .inspecting, .preparing, .available, .provisioning, .provisioned]
        )
        #expect(world.host.status?.hardware == world.hardware)
        #expect(world.disk == HostBuilder.defaultImageURL)
        #expect(world.diskWrites == 1)
        #expect(world.persistentBoot == .disk)
        #expect(world.agentISOInserted == false)
        let history = world.host.status?.operationHistory
        #expect(history?.register?.end != nil && history?.inspect?.end != nil && history?.provision?.end != nil)

        // online: false, then true again.
        world.host.spec.online = false
        let reached2 = world.run { $0.settled(in: .provisioned) && $0.power == .off }
        #expect(reached2)
        world.host.spec.online = true
        let reached3 = world.run(until: Self.provisioned)
        #expect(reached3)

        // The reboot annotation reboots the host and is removed.
        world.host.metadata.annotations = [HostAnnotations.reboot: ""]
        let commands = world.powerCommands
        let reached4 = world.run {
            Self.provisioned($0) && $0.host.metadata.annotations?[HostAnnotations.reboot] == nil
        }
        #expect(reached4)
        #expect(world.powerCommands == commands + 2)

        // Removing the image deprovisions (cleans) and the host is available again.
        world.host.spec.image = nil
        let reached5 = world.run { $0.settled(in: .available) }
        #expect(reached5)
        #expect(world.statesSeen.suffix(3) == [.provisioned, .deprovisioning, .available])
        #expect(world.disk == nil && world.cleanings == 1)

        // Deleting powers it off and lets it go.
        world.host.metadata.deletionTimestamp = Timestamp(FixedClock.at(world.time))
        let reached6 = world.run { $0.deleted }
        #expect(reached6)
        #expect(world.statesSeen.suffix(3) == [.available, .poweringOffBeforeDelete, .deleting])
        #expect(world.power == .off)
        #expect(world.diskWrites == 1, "the image was written once in the whole lifecycle")
    }

    /// SIGKILL at random moments: between storing a status and performing its actions, or in the
    /// middle of them. Every host must still end provisioned, with the image written once, and a
    /// host that reached provisioned is never written again.
    @Test(arguments: Self.addresses.prefix(3))
    func crashesAtRandomMomentsStillConverge(address: String) {
        var crashes = 0
        for seed in UInt64(1)...40 {
            var world = FakeWorld(host: Self.newHost(address), config: Self.config, seed: seed)
            let converged = world.run(crashChance: 0.25, maxReconciles: 2000, until: Self.provisioned)
            #expect(
                converged, "seed \(seed): stuck in \(String(describing: world.state)) after \(world.crashes) crashes")
            #expect(world.diskWrites == 1, "seed \(seed): \(world.diskWrites) writes")
            #expect(world.writesAfterProvisioned == 0)
            #expect(world.host.status?.errorType == nil)
            // Kept running (with crashes): nothing is ever written again.
            _ = world.run(crashChance: 0.25, maxReconciles: 40) { _ in false }
            #expect(world.diskWrites == 1 && world.writesAfterProvisioned == 0, "seed \(seed)")
            crashes += world.crashes
        }
        #expect(crashes > 300, "the test must actually crash the operator (\(crashes) crashes)")
    }

    @Test func aSilentBMCRecoversWithBackoff() {
        var world = FakeWorld(host: Self.newHost(Self.addresses[0]), config: Self.config, seed: 3)
        world.bmcSilentUntil = 40
        let reached7 = world.run {
            $0.host.status?.errorType == .registrationError && ($0.host.status?.errorCount ?? 0) >= 3
        }
        #expect(reached7)
        #expect(world.state == .registering)
        let reached8 = world.run(until: Self.provisioned)
        #expect(reached8)
        #expect(world.host.status?.errorCount == 0)
    }

    /// A checksum mismatch fails each attempt; the host is cleaned between attempts and stops after
    /// the retry limit, then a new image goes through.
    @Test func theProvisioningRetryLimitHolds() {
        var world = FakeWorld(host: Self.newHost(Self.addresses[2]), config: Self.config, seed: 4)
        world.failWritesRemaining = 100
        let reached9 = world.run(maxReconciles: 3000) { $0.host.status?.errorMessage.contains("retry limit") == true }
        #expect(reached9)
        #expect(world.diskWrites == 5)
        #expect(world.host.status?.provisioningFailCount == 5)
        #expect(world.state == .available)
        #expect(world.cleanings == 5)
        let before = world.diskWrites
        _ = world.run(maxReconciles: 50) { _ in false }
        #expect(world.diskWrites == before, "no sixth attempt")
        world.failWritesRemaining = 0
        world.host.spec.image = HostImage(
            url: "http://127.0.0.1:8080/images/os-v2.raw", checksum: "ab", checksumType: .md5)
        let reached10 = world.run(until: Self.provisioned)
        #expect(reached10)
        #expect(world.disk == "http://127.0.0.1:8080/images/os-v2.raw")
    }

    /// Deleting at every point of the lifecycle completes.
    @Test(arguments: Array(0..<40))
    func deletionCompletesFromAnyPoint(reconciles: Int) {
        var world = FakeWorld(host: Self.newHost(Self.addresses[1]), config: Self.config, seed: UInt64(reconciles))
        _ = world.run(maxReconciles: reconciles) { _ in false }
        let state = world.state
        world.host.metadata.deletionTimestamp = Timestamp(FixedClock.at(world.time))
        let deleted = world.run { $0.deleted }
        #expect(deleted, "deleting from \(String(describing: state)) stuck in \(String(describing: world.state))")
        if let state, state != ProvisioningState.none, state != .registering {
            #expect(world.power == .off, "deleted from \(String(describing: state)) but left on")
        }
    }
}
