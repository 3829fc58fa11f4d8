import Foundation
import FoundryModel
import FoundryStore
import Simulator
import TestSupport
import Testing

/// Faults and user actions through the real drivers against the simulator.
@Suite(.serialized)
struct FaultEndToEndTests {
    static let ipmi = EndToEndRig.Server(name: "node-1", scheme: "ipmi", vendor: "generic", hardware: "small")
    static let redfish = EndToEndRig.Server(
        name: "node-1", scheme: "redfish-virtualmedia", vendor: "generic", hardware: "small")

    @Test func aWrongPasswordHealsOnceTheSecretIsFixed() async throws {
        let rig = try await EndToEndRig([Self.redfish])
        defer { Task { await rig.stop() } }
        try await rig.createHost("node-1", password: "wrong")
        let failing = try await rig.wait(for: "node-1", "in registration error") {
            $0?.status?.errorType == .registrationError
        }
        #expect(failing?.status?.provisioning.state == .registering)
        #expect(failing?.status?.errorMessage.contains("refused the credentials") == true)

        // Only the Secret changes.
        _ = try await rig.store.modify(Secret.self, namespace: "default", name: "node-1-bmc-secret") {
            $0.data = nil
            $0.stringData = ["username": "admin", "password": "password"]
        }
        let healed = try await rig.wait(for: "node-1", state: .available)
        #expect(healed.status?.errorType == nil)
    }

    @Test func aSilentBMCBacksOffAndHealsWhenItAnswersAgain() async throws {
        let rig = try await EndToEndRig([Self.ipmi]) { configuration in
            configuration.bmcOptions.requestTimeout = .milliseconds(500)
            configuration.bmcOptions.maxAttempts = 1
        }
        defer { Task { await rig.stop() } }
        let server = try rig.member("node-1").server
        await server.setFaults(FaultSettings(silent: true))
        try await rig.createHost("node-1")
        _ = try await rig.wait(for: "node-1", "failing twice") {
            $0?.status?.errorType == .registrationError && ($0?.status?.errorCount ?? 0) == 2
        }
        let secondSeen = ContinuousClock.now
        _ = try await rig.wait(for: "node-1", "failing a third time") { ($0?.status?.errorCount ?? 0) >= 3 }
        // After the second error the backoff is at least base * 2^2 / 2 = 2 s from the stored
        // (whole-second) failure time, so more than a second.
        #expect(ContinuousClock.now - secondSeen >= .milliseconds(950))

        await server.setFaults(FaultSettings())
        let healed = try await rig.wait(for: "node-1", state: .available, timeout: .seconds(90))
        #expect(healed.status?.errorType == nil)
    }

    @Test func aChecksumMismatchFailsProvisioningUpToTheRetryLimit() async throws {
        let rig = try await EndToEndRig([Self.redfish]) { configuration in
            configuration.controller.maxProvisioningRetries = 2
        }
        defer { Task { await rig.stop() } }
        let image = SampleDiskImage(size: 64 << 10)
        let file = rig.directory.file("os.img")
        try await image.write(to: file)
        try await rig.createHost("node-1") { host in
            host.spec.image = HostImage(
                url: file.absoluteString, checksum: String(repeating: "0", count: 64), checksumType: .sha256)
        }
        let stopped = try await rig.wait(for: "node-1", timeout: .seconds(90), "at the retry limit") {
            $0?.status?.errorMessage.contains("retry limit") == true
        }
        #expect(stopped?.status?.errorType == .provisioningError)
        #expect(stopped?.status?.provisioning.state == .available)
        let failures = try await rig.events(of: "node-1").filter { $0.reason == "ProvisioningError" }
        let mismatch = "expected " + String(repeating: "0", count: 64)
        #expect(failures.contains { $0.message?.contains(mismatch) == true }, "\(failures.map(\.message))")
        // It stays there: no further attempt.
        try await Task.sleep(for: .seconds(2))
        #expect(try await rig.host("node-1")?.status?.provisioning.state == .available)
    }

    @Test func deletingAHostMidProvisioningCompletes() async throws {
        let rig = try await EndToEndRig([Self.ipmi])
        defer { Task { await rig.stop() } }
        let image = SampleDiskImage(size: 64 << 10)
        let file = rig.directory.file("os.img")
        let checksum = try await image.write(to: file)
        try await rig.createHost("node-1") { host in
            host.spec.image = HostImage(url: file.absoluteString, checksum: checksum, checksumType: .sha256)
        }
        _ = try await rig.wait(for: "node-1", state: .provisioning)
        _ = try await rig.store.delete(BareMetalHost.self, namespace: "default", name: "node-1")
        try await rig.wait(for: "node-1", "deleted") { $0 == nil }
        #expect(await (try rig.member("node-1")).server.isPoweredOn == false)
    }

    @Test func onlineIsFollowedAndTheRebootAnnotationRebootsOnce() async throws {
        let rig = try await EndToEndRig([Self.redfish])
        defer { Task { await rig.stop() } }
        let server = try rig.member("node-1").server
        try await rig.createHost("node-1")
        _ = try await rig.wait(for: "node-1", state: .available)
        try await rig.eventually("powered on (online: true)") { await server.isPoweredOn }

        _ = try await rig.store.modify(BareMetalHost.self, namespace: "default", name: "node-1") {
            $0.spec.online = false
        }
        try await rig.eventually("powered off (online: false)") { await !server.isPoweredOn }
        _ = try await rig.wait(for: "node-1", "seen off") { $0?.status?.poweredOn == false }

        _ = try await rig.store.modify(BareMetalHost.self, namespace: "default", name: "node-1") {
            $0.spec.online = true
        }
        try await rig.eventually("powered on again (online: true)") { await server.isPoweredOn }
        _ = try await rig.wait(for: "node-1", "seen on") { $0?.status?.poweredOn == true }

        let bootsBefore = await server.stats.boots
        _ = try await rig.store.modify(BareMetalHost.self, namespace: "default", name: "node-1") {
            // Outside the provisioned states only a forced reboot counts (as in Metal3).
            let reboot = #"{"mode":"hard","force":true}"#
            $0.metadata.annotations = ($0.metadata.annotations ?? [:]).merging(["reboot.metal3.io": reboot]) { $1 }
        }
        _ = try await rig.wait(for: "node-1", "rebooted (annotation removed)") {
            $0?.metadata.annotations?["reboot.metal3.io"] == nil && $0?.status?.poweredOn == true
        }
        try await rig.eventually("booted again") { await server.stats.boots > bootsBefore }
        #expect(await server.isPoweredOn)
    }
}
