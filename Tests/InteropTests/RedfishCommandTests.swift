import Foundation
import Simulator
import TestSupport
import Testing

/// `foundry bmc` (the operator's own Redfish driver, through the binary) against the simulator, for
/// every vendor profile, each command checked on the simulator's state.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct RedfishCommandTests {
    static let schemes = [
        "generic": "redfish-virtualmedia", "dell-idrac9": "idrac-virtualmedia", "hpe-ilo5": "ilo5-virtualmedia",
        "supermicro": "redfish",
    ]

    struct Runner {
        let address: String
        let password: TemporaryDirectory

        func bmc(
            _ arguments: [String], insecure: Bool = true, passwordFile: String? = nil
        ) async throws
            -> ProcessResult
        {
            var connection = [
                "--address", self.address, "--username", "admin", "--password-file",
                passwordFile ?? self.password.file("password").path, "--timeout", "5",
            ]
            if insecure {
                connection.append("--disable-certificate-verification")
            }
            return try await ProcessRunner.run(
                try FoundryIPMICommandTests.foundry(), ["bmc"] + arguments + connection, timeout: .seconds(60))
        }
    }

    static func runner(_ harness: RedfishSimHarness, vendor: String) throws -> Runner {
        let password = try FoundryIPMICommandTests.passwordFile("password")
        let scheme = self.schemes[vendor] ?? "redfish"
        let transport = harness.endpoint.useTLS ? "https" : "http"
        return Runner(
            address: "\(scheme)+\(transport)://127.0.0.1:\(harness.endpoint.port)", password: password)
    }

    @Test(arguments: RedfishSimHarness.vendors)
    func everyCommandChangesTheServer(vendor: String) async throws {
        let harness = try await RedfishSimHarness.start(vendor: vendor)
        let run = try Self.runner(harness, vendor: vendor)
        defer { run.password.remove() }
        let server = harness.server

        var result = try await run.bmc(["power", "status"])
        #expect(result.status == 0 && result.stdout == "power: off\n", "\(vendor): \(result.combined)")
        for (verb, on) in [
            ("on", true), ("reset", true), ("cycle", true), ("soft", false), ("on", true), ("off", false),
        ] {
            result = try await run.bmc(["power", verb])
            #expect(result.status == 0, "\(vendor) power \(verb): \(result.combined)")
            #expect(await server.isPoweredOn == on, "\(vendor): after power \(verb)")
        }
        #expect(await server.stats.boots == 4, "\(vendor): on, reset, cycle, on")

        for (device, simDevice) in [("pxe", SimBootDevice.pxe), ("disk", .disk), ("bios", .biosSetup)] {
            result = try await run.bmc(["bootdev", device])
            #expect(result.status == 0, "\(vendor) bootdev \(device): \(result.combined)")
            #expect(
                await server.bootOverride == SimBootOverride(device: simDevice, persistent: false, mode: .uefi),
                "\(vendor) bootdev \(device)")
        }
        result = try await run.bmc(["bootdev", "pxe", "--legacy"])
        #expect(result.status == 0, "\(vendor): \(result.combined)")
        #expect(
            await server.bootOverride == SimBootOverride(device: .pxe, persistent: false, mode: .legacy), "\(vendor)")
        result = try await run.bmc(["bootdev", "status"])
        #expect(result.stdout == "boot device: pxe (next boot only, legacy)\n", "\(vendor): \(result.combined)")
        result = try await run.bmc(["bootdev", "cdrom", "--persistent", "--uefi"])
        #expect(result.status == 0, "\(vendor): \(result.combined)")
        #expect(
            await server.bootOverride == SimBootOverride(device: .cdrom, persistent: true, mode: .uefi), "\(vendor)")
        result = try await run.bmc(["bootdev", "status"])
        #expect(result.stdout == "boot device: cdrom (persistent, uefi)\n", "\(vendor): \(result.combined)")

        let image = "http://127.0.0.1:8080/images/agent.iso"
        result = try await run.bmc(["media", "insert", image])
        #expect(result.status == 0, "\(vendor): \(result.combined)")
        #expect(await server.virtualMedia.contains { $0.inserted && $0.image == image }, "\(vendor)")
        result = try await run.bmc(["media", "status"])
        #expect(result.stdout.hasPrefix("media: \(image) ("), "\(vendor): \(result.combined)")
        result = try await run.bmc(["media", "eject"])
        #expect(result.status == 0, "\(vendor): \(result.combined)")
        #expect(await server.virtualMedia.allSatisfy { !$0.inserted }, "\(vendor)")
        result = try await run.bmc(["media", "status"])
        #expect(result.stdout.hasPrefix("media: none"), "\(vendor): \(result.combined)")

        result = try await run.bmc(["info"])
        #expect(result.status == 0, "\(vendor): \(result.combined)")
        #expect(result.stdout.contains("firmware: \(harness.service.vendor.bmc.firmwareVersion)"), "\(vendor)")
        #expect(result.stdout.contains("system: \(harness.service.ids.systemPath)"), "\(vendor)")
        await harness.stop()
    }

    @Test(arguments: RedfishSimHarness.vendors)
    func wrongPasswordAndUntrustedCertificateHaveTheirExitCodes(vendor: String) async throws {
        let harness = try await RedfishSimHarness.start(vendor: vendor)
        let run = try Self.runner(harness, vendor: vendor)
        defer { run.password.remove() }
        let wrong = try FoundryIPMICommandTests.passwordFile("Tr0ub4dor-3")
        defer { wrong.remove() }
        var result = try await run.bmc(["power", "status"], passwordFile: wrong.file("password").path)
        #expect(result.status == 4, "\(result.combined)")
        #expect(result.stderr.hasPrefix("error: authenticationFailed:"), "\(result.stderr)")
        #expect(!result.combined.contains("Tr0ub4dor"), "the password is never printed")

        result = try await run.bmc(["power", "status"], insecure: false)
        #expect(result.status == 10, "\(result.combined)")
        #expect(result.stderr.hasPrefix("error: tlsVerificationFailed:"), "\(result.stderr)")
        result = try await run.bmc(["power", "status"], insecure: true)
        #expect(result.status == 0, "\(result.combined)")

        result = try await run.bmc(["media", "insert", "not-a-url"])
        #expect(result.status == 64, "\(result.combined)")
        await harness.stop()
    }
}
