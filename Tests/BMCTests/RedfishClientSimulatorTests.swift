import BMC
import Foundation
import FoundryModel
import Simulator
import TestSupport
import Testing

/// The Redfish client against the simulator over HTTPS on loopback, for every vendor profile.
@Suite(.serialized)
struct RedfishClientSimulatorTests {
    @Test(arguments: RedfishSimulatorHarness.vendors)
    func everyOperation(vendor: String) async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: vendor)
        let server = harness.server
        let client = try await harness.connect()
        #expect(client.systemPath == harness.service.ids.systemPath)

        #expect(try await client.powerState() == .off)
        try await client.setPower(.on)
        #expect(await server.isPoweredOn)
        #expect(try await client.powerState() == .on)
        try await client.setPower(.on)
        #expect(await server.stats.powerTransitions == 1, "powering on a host that is on changes nothing")
        try await client.setPower(.reset)
        try await client.setPower(.cycle)
        #expect(await server.stats.boots == 3)
        try await client.setPower(.softOff)
        #expect(await server.isPoweredOn == false)
        try await client.setPower(.on)
        try await client.setPower(.off)
        #expect(await server.isPoweredOn == false)

        try await client.setBootDevice(BootOverride(device: .pxe, persistent: false, mode: .uefi))
        #expect(await server.bootOverride == SimBootOverride(device: .pxe, persistent: false, mode: .uefi))
        #expect(try await client.bootDevice() == BootOverride(device: .pxe))
        try await client.setBootDevice(BootOverride(device: .cdrom, persistent: true, mode: .legacy))
        #expect(await server.bootOverride == SimBootOverride(device: .cdrom, persistent: true, mode: .legacy))
        try await client.setPower(.on)
        #expect(server.console.lines.last?.contains("booting from cdrom (Legacy)") == true)

        let first = "http://127.0.0.1:8080/a.iso"
        let second = "http://127.0.0.1:8080/b.iso"
        try await client.insertMedia(url: first)
        let status = try await client.mediaStatus()
        #expect(status.inserted && status.image == first)
        let slot = await server.virtualMedia.first { $0.inserted }
        #expect(slot?.image == first && slot?.mediaTypes.contains("CD") == true)
        #expect(status.deviceID?.hasSuffix("/" + (slot?.id ?? "?")) == true)
        // Replacing an image works on every vendor, including Dell, which refuses an insert over one.
        try await client.insertMedia(url: second)
        #expect(await server.virtualMedia.first { $0.inserted }?.image == second)
        try await client.ejectMedia()
        #expect(await server.virtualMedia.allSatisfy { !$0.inserted })
        try await client.ejectMedia()
        #expect(try await client.mediaStatus().inserted == false)

        let info = try await client.info()
        #expect(info.manufacturer == "Foundry Labs")
        #expect(info.firmwareVersion == harness.service.vendor.bmc.firmwareVersion)
        let inventory = try await client.hardwareInventory()
        #expect(inventory.cpus.count == 2)
        #expect(inventory.totalMemoryMebibytes == 16384)
        #expect(
            inventory.nics.compactMap(\.macAddress).map { $0.lowercased() } == [
                server.config.macAddress(nic: 0), server.config.macAddress(nic: 1),
            ])
        #expect(inventory.disks.map(\.sizeBytes) == [480_103_981_056, 1_600_321_314_816])

        await client.close()
        #expect(await harness.service.openSessions == 0, "close logs out")
        await harness.stop()
    }

    @Test func schemesConnectAndSayHowTheyBoot() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "dell-idrac9")
        for scheme in [
            "redfish", "redfish-virtualmedia", "idrac-virtualmedia", "idrac-redfish", "ilo5-redfish",
            "ilo5-virtualmedia", "redfish-uefihttp",
        ] {
            let address = try harness.address(scheme: scheme)
            let driver = try await BMCConnector.connect(
                address, credentials: BMCCredentials(username: "admin", password: "password"),
                options: BMCConnectionOptions(disableCertificateVerification: true))
            #expect(try await driver.powerState() == .off, "\(scheme)")
            #expect(driver is RedfishClient, "\(scheme)")
            await driver.close()
        }
        #expect(try harness.address(scheme: "idrac-virtualmedia").driver.bootMethod == .virtualMedia)
        #expect(try harness.address(scheme: "redfish").driver.bootMethod == .pxe)
        #expect(try harness.address(scheme: "ilo5-virtualmedia").driver.bootMethod == .virtualMedia)
        await harness.stop()
    }

    @Test func wrongPasswordIsAuthenticationFailed() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "hpe-ilo5")
        for mode in [RedfishAuthMode.session, .basic] {
            do {
                _ = try await harness.connect(password: "wrong", authMode: mode)
                Issue.record("\(mode): a wrong password must not connect")
            } catch let error as BMCError {
                #expect(error.code == .authenticationFailed, "\(mode): \(error)")
                #expect(!error.message.contains("wrong"), "the password is never in messages")
            }
        }
        await harness.stop()
    }

    @Test func selfSignedCertificateRefusedUnlessVerificationIsOff() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "generic")
        do {
            _ = try await harness.connect(verify: true)
            Issue.record("a self-signed certificate must be refused by default")
        } catch let error as BMCError {
            #expect(error.code == .tlsVerificationFailed, "\(error)")
            #expect(error.message.contains("disableCertificateVerification"))
        }
        let client = try await harness.connect(verify: false)
        #expect(try await client.powerState() == .off)
        await client.close()
        await harness.stop()
    }

    @Test func plainHTTPWorksWithPlusHTTP() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "supermicro", useTLS: false)
        let client = try await harness.connect(verify: true)
        try await client.setPower(.on)
        #expect(await harness.server.isPoweredOn)
        await client.close()
        await harness.stop()
    }

    @Test func resetWaitsForTheDelayedPowerState() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "dell-idrac9", powerDelay: .milliseconds(300))
        let client = try await harness.connect()
        let start = ContinuousClock.now
        try await client.setPower(.on)
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        #expect(await harness.server.isPoweredOn)
        await client.close()
        await harness.stop()
    }

    /// The simulator's own faults (fleet files and tests set them), through the real transport.
    /// Bounds are generous so they hold on a loaded machine: a normal answer takes milliseconds,
    /// the timeout is 2 s, a "slow" reply 300 ms and a "too slow" one 6 s.
    @Test func faultsAreRetriedWithinTheirBound() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "generic")
        let client = try await harness.connect(timeout: .seconds(2), attempts: 3)
        let server = harness.server
        var faults = FaultSettings()
        faults.serviceUnavailableCount = 2
        await server.setFaults(faults)
        var before = await server.stats.redfishRequests
        #expect(try await client.powerState() == .off)
        #expect(await server.stats.redfishRequests - before == 3, "two 503s, then the answer")

        faults = FaultSettings()
        faults.dropConnectionCount = 2
        await server.setFaults(faults)
        #expect(try await client.powerState() == .off)

        faults = FaultSettings()
        faults.replyDelayMilliseconds = 300
        await server.setFaults(faults)
        #expect(try await client.powerState() == .off)

        faults.replyDelayMilliseconds = 6000
        await server.setFaults(faults)
        before = await server.stats.redfishRequests
        do {
            _ = try await client.powerState()
            Issue.record("replies slower than the timeout must fail")
        } catch {
            #expect(error.code == .timeout, "\(error)")
        }
        #expect(await server.stats.redfishRequests - before == 3, "three attempts, then a timeout")

        faults = FaultSettings()
        faults.dropConnectionCount = 5
        await server.setFaults(faults)
        before = await server.stats.redfishRequests
        do {
            _ = try await client.powerState()
            Issue.record("more drops than attempts must fail")
        } catch {
            #expect(error.code == .unreachable, "\(error)")
        }
        #expect(await server.stats.redfishRequests - before == 3, "three attempts, then unreachable")

        faults = FaultSettings()
        faults.serviceUnavailableCount = 5
        await server.setFaults(faults)
        do {
            _ = try await client.powerState()
            Issue.record("more 503s than attempts must fail")
        } catch {
            #expect(error.code == .commandFailed)
            #expect(error.bmcCode == 503)
        }
        await server.setFaults(FaultSettings())
        #expect(try await client.powerState() == .off, "the client works once the faults are gone")
        await client.close()
        await harness.stop()
    }

    /// The simulator's 503 carries `Retry-After: 1`; with the default cap the client waits it out.
    @Test func serviceUnavailableHonoursRetryAfter() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "dell-idrac9")
        let client = try await harness.connect(attempts: 3, maxRetryAfter: .seconds(5))
        var faults = FaultSettings()
        faults.serviceUnavailableCount = 1
        await harness.server.setFaults(faults)
        let start = ContinuousClock.now
        #expect(try await client.powerState() == .off)
        #expect(ContinuousClock.now - start >= .seconds(1))
        await client.close()
        await harness.stop()
    }

    @Test func firmwareUpdateWaitsForItsTask() async throws {
        let harness = try await RedfishSimulatorHarness.start(vendor: "generic")
        let client = try await harness.connect()
        let start = ContinuousClock.now
        try await client.simpleUpdate(imageURI: "http://127.0.0.1:8080/bios-2.2.bin")
        #expect(ContinuousClock.now - start >= .seconds(1))
        #expect(await harness.service.appliedUpdates == ["http://127.0.0.1:8080/bios-2.2.bin"])
        await client.close()
        await harness.stop()
    }
}
