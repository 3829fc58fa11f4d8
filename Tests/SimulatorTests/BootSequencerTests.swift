import AgentProtocol
import Foundation
import HostAgent
import Simulator
import TestSupport
import Testing

/// Simulated boots against a fake boot server: PXE and CD start the real agent in process, which
/// looks itself up; disk boots the image the agent wrote; power off stops the agent.
@Suite(.serialized)
struct BootSequencerTests {
    /// A server of the `small` profile with its sequencer, a fake boot server, and temp state.
    struct Rig {
        let directory: TemporaryDirectory
        let fake: FakeBootServer
        let environment: BootEnvironment
        let server: SimulatedServer
        let sequencer: BootSequencer

        static func make(bootServer: String? = nil, useFake: Bool = true) async throws -> Rig {
            let directory = try TemporaryDirectory(prefix: "foundry-boot")
            let fake = try await FakeBootServer.start()
            let environment = try BootEnvironment(
                bootServer: useFake ? fake.url : bootServer, mocks: ProjectPaths.firmwareMocks,
                stateDirectory: directory.url
            ) { configuration in
                configuration.lookupAttempts = 2
                configuration.lookupRetryDelay = .milliseconds(20)
                configuration.heartbeatFailureLimit = 5
            }
            let server = SimulatedServer(
                config: ServerConfig(name: "node-0", vendor: "generic", hardware: "small", bmcScheme: "ipmi"))
            let sequencer = BootSequencer(server: server, environment: environment)
            await sequencer.attach()
            return Rig(directory: directory, fake: fake, environment: environment, server: server, sequencer: sequencer)
        }

        var mac: String {
            self.server.config.macAddress(nic: 0)
        }

        func tree() throws -> HardwareTree {
            try self.environment.hardwareTree(of: self.server.config)
        }

        func boot(_ device: SimBootDevice) async {
            await self.server.setBootOverride(SimBootOverride(device: device))
            await self.server.setPower(on: true)
        }

        func stop() async {
            await self.sequencer.detach()
            await self.fake.stop()
            await self.environment.shutdown()
            self.directory.remove()
        }

        var console: String {
            self.server.console.lines.joined(separator: "\n")
        }
    }

    /// Polls until `condition` holds, for at most `seconds`.
    static func eventually(
        _ seconds: Double = 30, _ condition: @Sendable () async -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        while ContinuousClock.now < deadline {
            if await condition() {
                return true
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    @Test func pxeBootRunsTheAgentWhichLooksUp() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.fake.serveScript(mac: rig.mac, token: "boot-pxe-1")
        await rig.fake.routes.queue([AgentCommand(id: "c1", action: .inspect), AgentCommand(id: "c2", action: .reboot)])

        await rig.boot(.pxe)
        // The agent reboots the server at the end; the next boot (no override) goes to the empty disk.
        #expect(try await Self.eventually { await rig.server.stats.boots == 2 }, "console:\n\(rig.console)")
        await rig.sequencer.waitUntilSettled()

        let requests = await rig.fake.routes.requests
        #expect(requests.first == "GET /boot/ipxe/\(rig.mac)")
        let lookups = await rig.fake.routes.lookups
        #expect(lookups.count == 1)
        #expect(lookups.first?.bootToken == "boot-pxe-1")
        #expect(lookups.first?.macAddresses.contains(rig.mac) == true)
        let results = await rig.fake.routes.results
        #expect(results["c1"]?.inventory == (try rig.tree()).expectedInventory)
        #expect(await rig.server.stats.agentBoots == 1)
        #expect(await rig.server.runningSystem == .firmware)
        #expect(rig.console.contains("[ agent ] inspect done"))
        #expect(rig.console.contains("[ agent ] rebooting"))
        #expect(rig.server.console.lines.last == "[ firmware ] no bootable device")
        #expect(!rig.console.contains("boot-pxe-1"), "the console shows no token")
    }

    @Test func cdBootReadsTheISOAndRunsTheAgent() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        let url = try await rig.fake.serveISO(id: "secret-iso-id", mac: rig.mac, token: "boot-cd-1")
        try await rig.server.insertMedia(slot: "Cd", image: url)
        await rig.fake.routes.queue([AgentCommand(id: "c1", action: .powerOff)])

        await rig.boot(.cdrom)
        #expect(try await Self.eventually { await rig.fake.routes.results["c1"] != nil })
        #expect(try await Self.eventually { await !rig.server.isPoweredOn })
        await rig.sequencer.waitUntilSettled()

        let requests = await rig.fake.routes.requests
        #expect(requests.first == "GET /boot/iso/secret-iso-id.iso")
        #expect(!requests.contains { $0.hasPrefix("GET /boot/ipxe/") })
        #expect(await rig.fake.routes.lookups.map(\.bootToken) == ["boot-cd-1"])
        #expect(await rig.server.runningSystem == .off)
        #expect(await rig.server.stats.agentBoots == 1)
        #expect(rig.console.contains("[ cdrom ] booting the agent from volume FOUNDRY-AGENT"))
        #expect(!rig.console.contains("secret-iso-id"), "the ISO's URL is a capability and is not printed")
        #expect(!rig.console.contains("boot-cd-1"))
    }

    @Test func diskBootAfterAnImageAndConfigDriveBringsTheOSUp() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        let image = try await Self.gptImage(in: rig.directory)
        let digest = try await ProcessRunner.run(try ExternalTool.path("sha256sum"), [image.path]).stdout.prefix(64)
        let configDrive = ConfigDriveContents(
            metaData: .init(uuid: "6d2c1c4e-0000-4000-8000-000000000007", name: "web-7", hostname: "web-7.example"),
            userData: Data("#cloud-config\n".utf8))
        let write = WriteImageCommand(
            url: image.absoluteString, checksum: String(digest), checksumType: .sha256, configDrive: configDrive)
        await rig.fake.serveScript(mac: rig.mac, token: "boot-write")
        await rig.fake.routes.queue([
            AgentCommand(id: "w1", action: .writeImage(write)), AgentCommand(id: "r1", action: .reboot),
        ])

        await rig.boot(.pxe)
        #expect(try await Self.eventually { await rig.server.stats.diskBoots == 1 }, "console:\n\(rig.console)")
        await rig.sequencer.waitUntilSettled()
        let written = await rig.fake.routes.results["w1"]
        #expect(written?.succeeded == true, "\(written?.message ?? "no result")")
        #expect(await rig.server.runningSystem == .installedOS(hostname: "web-7.example", disk: "sda"))
        #expect(rig.console.contains("[ disk ] booted from disk: web-7.example is up"))
        #expect(rig.console.contains("[ cloud-init ] user data: 14 bytes"))
        #expect(await rig.server.stats.diskWrites == 1)

        // Booting again, from disk, brings the same OS up and writes nothing.
        await rig.server.powerCycle()
        await rig.sequencer.waitUntilSettled()
        #expect(await rig.server.stats.diskBoots == 2)
        #expect(await rig.server.stats.diskWrites == 1)
        #expect(await rig.fake.routes.lookups.count == 1)
    }

    @Test func powerOffCancelsTheAgent() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.fake.serveScript(mac: rig.mac, token: "boot-idle")
        await rig.boot(.pxe)
        #expect(try await Self.eventually { await rig.fake.routes.heartbeats >= 3 })
        #expect(await rig.sequencer.isBusy)

        await rig.server.setPower(on: false)
        await rig.sequencer.waitUntilSettled()
        let heartbeats = await rig.fake.routes.heartbeats
        try await Task.sleep(for: .milliseconds(150))
        #expect(await rig.fake.routes.heartbeats == heartbeats, "no heartbeat after power off")
        #expect(await rig.sequencer.isBusy == false)
        #expect(await rig.server.runningSystem == .off)
    }

    @Test func rebootCancelsTheAgentAndBootsAgain() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.fake.serveScript(mac: rig.mac, token: "boot-a")
        await rig.server.setBootOverride(SimBootOverride(device: .pxe, persistent: true))
        await rig.server.setPower(on: true)
        #expect(try await Self.eventually { await rig.fake.routes.heartbeats >= 2 })

        // The old agent's RAM is gone: the new boot fetches a fresh script with a fresh token.
        await rig.fake.serveScript(mac: rig.mac, token: "boot-b")
        await rig.server.reset()
        #expect(try await Self.eventually { await rig.fake.routes.lookups.count == 2 })
        #expect(await rig.fake.routes.lookups.map(\.bootToken) == ["boot-a", "boot-b"])
        #expect(await rig.server.stats.agentBoots == 2)
        #expect(await rig.sequencer.isBusy)
    }

    @Test func powerOffDuringADownloadStopsTheAgent() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        // An image server that never answers within the test: the agent sits in its download.
        await rig.fake.routes.route("/images/slow.raw") {
            try? await Task.sleep(for: .seconds(30))
            return .text(500, "too late")
        }
        let write = WriteImageCommand(
            url: rig.fake.url + "/images/slow.raw", checksum: String(repeating: "0", count: 64))
        await rig.fake.serveScript(mac: rig.mac, token: "boot-slow")
        await rig.fake.routes.queue([AgentCommand(id: "w1", action: .writeImage(write))])
        await rig.boot(.pxe)
        #expect(try await Self.eventually { await rig.fake.routes.requests.contains("GET /images/slow.raw") })
        #expect(await rig.server.stats.diskWrites == 1, "a started write counts")

        let start = ContinuousClock.now
        await rig.server.setPower(on: false)
        await rig.sequencer.waitUntilSettled()
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(await rig.fake.routes.results["w1"] == nil)
    }

    @Test func notFoundFallsThroughToTheDisk() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.boot(.pxe)
        await rig.sequencer.waitUntilSettled()
        #expect(rig.console.contains("[ pxe ] no boot script for \(rig.mac) (HTTP 404); trying the next device"))
        #expect(rig.console.contains("[ disk ] sda: no partition table"))
        #expect(rig.server.console.lines.last == "[ firmware ] no bootable device")
        #expect(await rig.fake.routes.lookups.isEmpty)
        #expect(await rig.server.runningSystem == .firmware)
    }

    @Test func unreachableBootServerFallsThroughToTheDisk() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let closed = try await LoopbackHTTPServer.start { _ in .text(200, "") }
        let url = closed.url("")
        await closed.stop()
        let rig = try await Rig.make(bootServer: url, useFake: false)
        defer { Task { await rig.stop() } }
        await rig.boot(.pxe)
        await rig.sequencer.waitUntilSettled()
        #expect(rig.console.contains("is unreachable"))
        #expect(rig.server.console.lines.last == "[ firmware ] no bootable device")
    }

    @Test func cdBootWithoutMediaOrWithAForeignISOFallsThrough() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.boot(.cdrom)
        await rig.sequencer.waitUntilSettled()
        #expect(rig.console.contains("[ cdrom ] no virtual media inserted; trying the next device"))

        let foreign = try ISO9660Image(
            volumeIdentifier: "UBUNTU", files: [.init(path: "README", contents: Array("hi".utf8))], date: Date()
        ).build()
        await rig.fake.routes.route("/other.iso") {
            LoopbackHTTPServer.Response(status: 200, body: .bytes(foreign))
        }
        try await rig.server.insertMedia(slot: "Cd", image: rig.fake.url + "/other.iso")
        await rig.server.setBootOverride(SimBootOverride(device: .cdrom))
        await rig.server.powerCycle()
        await rig.sequencer.waitUntilSettled()
        #expect(rig.console.contains("volume \"UBUNTU\" is not the agent's (FOUNDRY-AGENT); trying the next device"))
        #expect(rig.server.console.lines.last == "[ firmware ] no bootable device")
    }

    @Test func treeAndDisksSurviveANewSequencerOnTheSameStateDirectory() async throws {
        let rig = try await Rig.make()
        defer { Task { await rig.stop() } }
        await rig.boot(.disk)
        await rig.sequencer.waitUntilSettled()
        let disk = try rig.tree().diskFile("sda")
        let handle = try FileHandle(forWritingTo: disk)
        try handle.write(contentsOf: Data("kept".utf8))
        try handle.close()

        // A restarted simulator: a new environment and sequencer on the same state directory.
        let environment = try BootEnvironment(
            bootServer: nil, mocks: ProjectPaths.firmwareMocks, stateDirectory: rig.directory.url)
        let server = SimulatedServer(config: rig.server.config)
        let sequencer = BootSequencer(server: server, environment: environment)
        await sequencer.attach()
        await server.setPower(on: true)
        await sequencer.waitUntilSettled()
        await sequencer.detach()
        await environment.shutdown()
        let head = try FileHandle(forReadingFrom: disk).read(upToCount: 4)
        #expect(head == Data("kept".utf8))
        #expect(FileManager.default.fileExists(atPath: rig.directory.url.path), "a given state directory is kept")
    }

    /// A 4 MiB raw image with a GPT and one partition, made by sgdisk.
    static func gptImage(in directory: TemporaryDirectory) async throws -> URL {
        let url = directory.file("image.raw")
        var bytes = [UInt8](repeating: 0, count: 4 << 20)
        for index in stride(from: 1 << 20, to: 3 << 20, by: 1) {
            bytes[index] = UInt8(truncatingIfNeeded: index &* 31)
        }
        try Data(bytes).write(to: url)
        let result = try await ProcessRunner.run(
            try ExternalTool.path("sgdisk"), ["-n", "1:2048:+2M", "-t", "1:8300", "-c", "1:root", url.path])
        #expect(result.status == 0, "sgdisk: \(result.stderr)")
        return url
    }
}
