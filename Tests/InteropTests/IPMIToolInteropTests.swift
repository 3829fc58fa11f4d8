import Foundation
import Simulator
import TestSupport
import Testing

/// ipmitool (lanplus) against the simulated BMC: power, boot device, boot parameters, mc info,
/// with the cipher suite chosen by ipmitool itself (Get Channel Cipher Suites), 3 and 17.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct IPMIToolInteropTests {
    /// nil: no `-C`, so ipmitool asks Get Channel Cipher Suites and picks the best.
    static let suites: [Int?] = [nil, 3, 17]

    @Test(arguments: suites) func powerCommandsChangeTheServer(_ suite: Int?) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }

        var result = try await rig.ipmitool(["chassis", "power", "status"], cipherSuite: suite, verbose: suite == nil)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("Chassis Power is off"))
        if suite == nil {
            // ipmitool -v reports the suite it chose from the BMC's Get Channel Cipher Suites answer.
            #expect(result.combined.contains("Using best available cipher suite 17"), "\(result.combined)")
        }

        result = try await rig.ipmitool(["chassis", "power", "on"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("Chassis Power Control: Up/On"))
        #expect(await rig.server.isPoweredOn)

        result = try await rig.ipmitool(["chassis", "power", "status"], cipherSuite: suite)
        #expect(result.stdout.contains("Chassis Power is on"))

        let bootsBefore = await rig.server.stats.boots
        result = try await rig.ipmitool(["chassis", "power", "cycle"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("Chassis Power Control: Cycle"))
        #expect(await rig.server.stats.boots == bootsBefore + 1)
        #expect(await rig.server.isPoweredOn)

        result = try await rig.ipmitool(["chassis", "power", "soft"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("Chassis Power Control: Soft"))
        #expect(await !rig.server.isPoweredOn)

        await rig.server.setPower(on: true)
        result = try await rig.ipmitool(["chassis", "power", "off"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("Chassis Power Control: Down/Off"))
        #expect(await !rig.server.isPoweredOn)
    }

    @Test(arguments: suites) func bootDevicesWithEFIAndPersistence(_ suite: Int?) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let devices: [(String, SimBootDevice, String)] = [
            ("pxe", .pxe, "Force PXE"), ("disk", .disk, "Force Boot from default Hard-Drive"),
            ("cdrom", .cdrom, "Force Boot from CD/DVD"),
        ]
        for (name, device, description) in devices {
            var result = try await rig.ipmitool(
                ["chassis", "bootdev", name, "options=efiboot,persistent"], cipherSuite: suite)
            #expect(result.status == 0, "\(result.combined)")
            #expect(result.stdout.contains("Set Boot Device to \(name)"))
            #expect(await rig.server.bootOverride == SimBootOverride(device: device, persistent: true, mode: .uefi))

            result = try await rig.ipmitool(["chassis", "bootparam", "get", "5"], cipherSuite: suite)
            #expect(result.status == 0, "\(result.combined)")
            #expect(result.stdout.contains("Boot Flag Valid"), "\(result.stdout)")
            #expect(result.stdout.contains("Options apply to all future boots"))
            #expect(result.stdout.contains("BIOS EFI boot"))
            #expect(result.stdout.contains(description), "\(result.stdout)")
        }
        // A one-time legacy override is consumed by the next boot.
        let result = try await rig.ipmitool(["chassis", "bootdev", "pxe"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.bootOverride == SimBootOverride(device: .pxe, persistent: false, mode: .legacy))
        await rig.server.setPower(on: true)
        #expect(await rig.server.bootOverride == nil)
        #expect(rig.server.console.lines.last?.contains("booting from pxe (Legacy)") == true)
    }

    @Test(arguments: suites) func mcInfo(_ suite: Int?) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let result = try await rig.ipmitool(["mc", "info"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("IPMI Version              : 2.0"), "\(result.stdout)")
        #expect(result.stdout.contains("Firmware Revision         : 2.10"))
        #expect(result.stdout.contains("Manufacturer ID           : 674"))
        #expect(await rig.server.stats.ipmiRequests > 0)
    }

    @Test func wrongPasswordIsAnError() async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let result = try await rig.ipmitool(["chassis", "power", "on"], cipherSuite: 17, password: "wrong")
        #expect(result.status != 0)
        #expect(result.combined.contains("Unable to establish IPMI v2 / RMCP+ session"), "\(result.combined)")
        #expect(await !rig.server.isPoweredOn)
    }

    @Test(arguments: suites) func solActivatePrintsTheConsole(_ suite: Int?) async throws {
        let name = "sol-\(suite.map(String.init) ?? "best")"
        let rig = try await IPMIInteropRig.start(name: name)
        defer { Task { await rig.stop() } }
        await rig.server.setBootOverride(SimBootOverride(device: .pxe))
        await rig.server.setPower(on: true)
        var arguments = [
            "-I", "lanplus", "-H", "127.0.0.1", "-p", String(rig.port), "-U", IPMIInteropRig.username, "-E",
        ]
        if let suite {
            arguments += ["-C", String(suite)]
        }
        let session = try InteractiveProcess(
            try ExternalTool.path("ipmitool"), arguments + ["sol", "activate"],
            environment: ["IPMI_PASSWORD": IPMIInteropRig.password])
        defer { session.terminate() }
        // The backlog: the boot that already happened.
        #expect(try await session.waitForOutput(containing: "\(name): booting from pxe (UEFI)", timeout: .seconds(30)))
        // Live output: a new boot while the console is attached.
        await rig.server.powerCycle()
        #expect(try await session.waitForOutput(containing: "booting from disk (UEFI)", timeout: .seconds(30)))
        #expect(rig.endpoint.solSessionIDs.count == 1)
        session.write("\r~.")
        #expect(await session.waitForExit(timeout: .seconds(30)) == 0, "\(session.output)")
        #expect(rig.endpoint.solSessionIDs.isEmpty)
    }
}
