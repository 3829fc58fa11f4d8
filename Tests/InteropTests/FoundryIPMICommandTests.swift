import Foundation
import FoundryModel
import FoundryStore
import Simulator
import TestSupport
import Testing

struct FoundryBinaryMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(self.path) does not exist: build the package (swift build) before the tests" }
}

/// The `foundry` binary's IPMI commands against the simulated BMC: `foundry bmc` (the operator's own
/// driver) and `foundry console` (Serial-over-LAN through libipmiconsole).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct FoundryIPMICommandTests {
    static func foundry() throws -> String {
        let path = ProjectPaths.foundryBinary.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw FoundryBinaryMissing(path: path)
        }
        return path
    }

    static func passwordFile(_ password: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "foundry-bmc")
        try Data((password + "\n").utf8).write(to: directory.file("password"))
        return directory
    }

    static func bmc(
        _ arguments: [String], port: Int, passwordDirectory: TemporaryDirectory, timeout: String = "3"
    ) async throws -> ProcessResult {
        let connection = [
            "--address", "ipmi://127.0.0.1:\(port)", "--username", IPMIInteropRig.username, "--password-file",
            passwordDirectory.file("password").path, "--timeout", timeout,
        ]
        return try await ProcessRunner.run(try Self.foundry(), ["bmc"] + arguments + connection, timeout: .seconds(30))
    }

    @Test func bmcCommandsChangeTheServer() async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let password = try Self.passwordFile(IPMIInteropRig.password)
        defer { password.remove() }

        var result = try await Self.bmc(["power", "status"], port: rig.port, passwordDirectory: password)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout == "power: off\n")

        for (verb, on) in [("on", true), ("cycle", true), ("soft", false), ("on", true), ("off", false)] {
            result = try await Self.bmc(["power", verb], port: rig.port, passwordDirectory: password)
            #expect(result.status == 0, "\(verb): \(result.combined)")
            #expect(await rig.server.isPoweredOn == on, "after power \(verb)")
        }

        result = try await Self.bmc(
            ["bootdev", "pxe", "--persistent", "--uefi"], port: rig.port, passwordDirectory: password)
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.bootOverride == SimBootOverride(device: .pxe, persistent: true, mode: .uefi))
        result = try await Self.bmc(["bootdev", "cdrom", "--legacy"], port: rig.port, passwordDirectory: password)
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.bootOverride == SimBootOverride(device: .cdrom, persistent: false, mode: .legacy))
        result = try await Self.bmc(["bootdev", "disk"], port: rig.port, passwordDirectory: password)
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.bootOverride == SimBootOverride(device: .disk, persistent: false, mode: .uefi))
        result = try await Self.bmc(["bootdev", "status"], port: rig.port, passwordDirectory: password)
        #expect(result.stdout == "boot device: disk (next boot only, uefi)\n", "\(result.combined)")

        result = try await Self.bmc(["info"], port: rig.port, passwordDirectory: password)
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("manufacturer: Dell"))
        #expect(result.stdout.contains("firmware: 2.10"))
        #expect(result.stdout.contains("cipherSuite: 17"))
    }

    @Test func bmcErrorsHaveTheirExitCodes() async throws {
        let rig = try await IPMIInteropRig.start()
        defer { Task { await rig.stop() } }
        let wrong = try Self.passwordFile("Tr0ub4dor-3")
        defer { wrong.remove() }
        var result = try await Self.bmc(["power", "on"], port: rig.port, passwordDirectory: wrong)
        #expect(result.status == 4, "\(result.combined)")
        #expect(result.stderr.hasPrefix("error: authenticationFailed:"), "\(result.stderr)")
        #expect(!result.combined.contains("Tr0ub4dor"), "the password must never be printed")
        #expect(await !rig.server.isPoweredOn)

        let right = try Self.passwordFile(IPMIInteropRig.password)
        defer { right.remove() }
        await rig.server.setFaults(FaultSettings(silent: true))
        result = try await Self.bmc(["power", "status"], port: rig.port, passwordDirectory: right, timeout: "0.2")
        #expect(result.status == 3, "\(result.combined)")
        #expect(result.stderr.hasPrefix("error: unreachable:"), "\(result.stderr)")

        result = try await Self.bmc(
            ["power", "status", "--address", "ipmii://x"], port: rig.port, passwordDirectory: right)
        #expect(result.status != 0)
    }

    @Test func bmcReadsTheHostAndItsSecretFromTheStore() async throws {
        let rig = try await IPMIInteropRig.start(name: "stored-node")
        defer { Task { await rig.stop() } }
        let directory = try TemporaryDirectory(prefix: "foundry-bmc-store")
        defer { directory.remove() }
        let path = directory.file("foundry.db").path
        let store = try SQLiteStore(path: path)
        let (host, secret) = FleetManifests.manifests(for: rig.server.config, ipmiPort: rig.port, redfishPort: 0)
        _ = try await store.create(secret)
        _ = try await store.create(host)
        await store.close()

        let result = try await ProcessRunner.run(
            try Self.foundry(), ["bmc", "power", "on", "--host", "stored-node", "--store", "sqlite:\(path)"],
            timeout: .seconds(30))
        #expect(result.status == 0, "\(result.combined)")
        #expect(await rig.server.isPoweredOn)

        let missing = try await ProcessRunner.run(
            try Self.foundry(), ["bmc", "power", "status", "--host", "no-such-host", "--store", "sqlite:\(path)"],
            timeout: .seconds(30))
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("BareMetalHost default/no-such-host"), "\(missing.combined)")
    }

    /// Acceptance: `foundry console` shows the simulated boot messages through libipmiconsole and
    /// exits on the escape sequence.
    @Test func consoleShowsBootMessagesAndExitsOnEscape() async throws {
        let rig = try await IPMIInteropRig.start(name: "console-node", lowPort: true)
        defer { Task { await rig.stop() } }
        await rig.server.setPower(on: true)
        let password = try Self.passwordFile(IPMIInteropRig.password)
        defer { password.remove() }
        let console = try InteractiveProcess(
            try Self.foundry(),
            [
                "console", "--address", "ipmi://127.0.0.1:\(rig.port)", "--username", IPMIInteropRig.username,
                "--password-file", password.file("password").path,
            ])
        defer { console.terminate() }
        #expect(
            try await console.waitForOutput(
                containing: "console-node: booting from disk (UEFI)", timeout: .seconds(20)),
            "\(console.output)")
        await rig.server.setBootOverride(SimBootOverride(device: .pxe))
        await rig.server.powerCycle()
        #expect(
            try await console.waitForOutput(containing: "booting from pxe (UEFI)", timeout: .seconds(20)),
            "\(console.output)")
        console.write("\n&.")
        #expect(await console.waitForExit(timeout: .seconds(15)) == 0, "\(console.output)")
        #expect(console.output.contains("[console closed]"))
    }
}
