import Foundation
import Simulator
import TestSupport
import Testing

/// FreeIPMI's tools with the IPMI 2.0 driver (`-D LAN_2_0`) and no workaround flags: FreeIPMI checks
/// every field of the RMCP+ handshake and session trailer, so this proves the BMC gets them right.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct FreeIPMIInteropTests {
    @Test(arguments: [3, 17]) func ipmipowerStatusOnOff(_ suite: Int) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        // ipmipower names the host without the port.
        let target = "127.0.0.1"

        var result = try await rig.freeipmi("ipmipower", ["--stat"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("\(target): off"), "\(result.combined)")

        result = try await rig.freeipmi("ipmipower", ["--on"], cipherSuite: suite)
        #expect(result.stdout.contains("\(target): ok"), "\(result.combined)")
        #expect(await rig.server.isPoweredOn)

        result = try await rig.freeipmi("ipmipower", ["--stat"], cipherSuite: suite)
        #expect(result.stdout.contains("\(target): on"), "\(result.combined)")

        result = try await rig.freeipmi("ipmipower", ["--off"], cipherSuite: suite)
        #expect(result.stdout.contains("\(target): ok"), "\(result.combined)")
        #expect(await !rig.server.isPoweredOn)
    }

    @Test(arguments: [3, 17]) func ipmiChassisStatus(_ suite: Int) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        await rig.server.setPower(on: true)
        let result = try await rig.freeipmi("ipmi-chassis", ["--get-chassis-status"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("System Power                        : on"), "\(result.stdout)")
    }

    /// FreeIPMI 1.6 moved the boot flags from ipmi-chassis to ipmi-chassis-config (section Chassis_Boot_Flags).
    @Test(arguments: [3, 17]) func bootFlagsThroughIpmiChassisConfig(_ suite: Int) async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        var result = try await rig.freeipmi(
            "ipmi-chassis-config",
            [
                "--commit", "-e", "Chassis_Boot_Flags:Boot_Device=PXE", "-e", "Chassis_Boot_Flags:BIOS_Boot_Type=EFI",
                "-e", "Chassis_Boot_Flags:Boot_Flags_Persistent=Yes",
            ], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.bootOverride == SimBootOverride(device: .pxe, persistent: true, mode: .uefi))

        await rig.server.setBootOverride(SimBootOverride(device: .cdrom, persistent: false, mode: .legacy))
        result = try await rig.freeipmi(
            "ipmi-chassis-config", ["--checkout", "--section=Chassis_Boot_Flags"], cipherSuite: suite)
        #expect(result.status == 0, "\(result.combined)")
        let settings = Self.settings(result.stdout)
        #expect(settings["Boot_Device"] == "CD-DVD", "\(result.stdout)")
        #expect(settings["BIOS_Boot_Type"] == "PC-COMPATIBLE")
        #expect(settings["Boot_Flags_Persistent"] == "No")
    }

    @Test func wrongPasswordIsAnError() async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let command = [
            "-D", "LAN_2_0", "-h", "127.0.0.1:\(rig.port)", "-u", IPMIInteropRig.username, "-p", "wrong", "--on",
        ]
        let result = try await ProcessRunner.run(try ExternalTool.path("ipmipower"), command, timeout: .seconds(30))
        #expect(result.combined.contains("password invalid"), "\(result.combined)")
        #expect(await !rig.server.isPoweredOn)
    }

    /// `Key    Value` lines of an ipmi-config checkout.
    static func settings(_ text: String) -> [String: String] {
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count == 2 {
                settings[String(parts[0])] = String(parts[1])
            }
        }
        return settings
    }
}
