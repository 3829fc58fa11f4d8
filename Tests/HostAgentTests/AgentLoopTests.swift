import AgentProtocol
import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport
import Testing

/// The agent loop against a fake operator: a test-only HTTP server on 127.0.0.1 that answers
/// lookups and heartbeats from a script of commands and records what the agent reports.
@Suite(.serialized)
struct AgentLoopTests {
    actor FakeOperator {
        let bootToken: String
        let expectedMAC: String
        var commands: [AgentCommand]
        private(set) var lookups = 0
        private(set) var heartbeats: [HeartbeatRequest] = []
        private(set) var results: [String: CommandResult] = [:]
        private(set) var rejectedTokens = 0
        let agentToken = "agent-token-\(UUID().uuidString)"

        init(bootToken: String, expectedMAC: String, commands: [AgentCommand]) {
            self.bootToken = bootToken
            self.expectedMAC = expectedMAC
            self.commands = commands
        }

        func answer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
            do {
                switch request.uri {
                case AgentAPI.lookupPath:
                    self.lookups += 1
                    let lookup = try AgentMessageCodec.decode(LookupRequest.self, from: Data(request.body))
                    guard lookup.bootToken == self.bootToken, lookup.macAddresses.contains(self.expectedMAC) else {
                        return .text(401, "unknown host or token")
                    }
                    let response = LookupResponse(
                        hostID: "default/node-0", agentToken: self.agentToken, heartbeatIntervalSeconds: 0.02)
                    return try Self.json(response)
                case AgentAPI.heartbeatPath:
                    guard request.header(AgentAPI.tokenHeader) == self.agentToken else {
                        self.rejectedTokens += 1
                        return .text(401, "bad agent token")
                    }
                    let heartbeat = try AgentMessageCodec.decode(HeartbeatRequest.self, from: Data(request.body))
                    self.heartbeats.append(heartbeat)
                    if let result = heartbeat.lastResult {
                        self.results[result.commandID] = result
                    }
                    // Hand out the next command once the previous one has reported.
                    var next = AgentCommand.none
                    if heartbeat.state == .idle, let first = self.commands.first,
                        self.results.count == self.handedOut
                    {
                        next = first
                        self.commands.removeFirst()
                        self.handedOut += 1
                    }
                    return try Self.json(HeartbeatResponse(command: next))
                default:
                    return .text(404, "no such path")
                }
            } catch {
                return .text(400, "\(error)")
            }
        }

        private var handedOut = 0

        static func json(_ message: some Encodable) throws -> LoopbackHTTPServer.Response {
            LoopbackHTTPServer.Response(
                status: 200, headers: [("Content-Type", AgentAPI.contentType)],
                body: .bytes(Array(try AgentMessageCodec.encode(message))))
        }
    }

    actor PowerLog: AgentPowerControl {
        private(set) var actions: [String] = []
        func reboot() async throws { self.actions.append("reboot") }
        func powerOff() async throws { self.actions.append("powerOff") }
    }

    @Test func inspectWriteCleanReboot() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-agent")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "node-0", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        let root = directory.url.appendingPathComponent("root")
        let tree = HardwareTree(root: root, profile: profile, server: server)
        try tree.render()

        let image = directory.file("image.raw")
        try Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: image)
        let digest = try await ProcessRunner.run(try ExternalTool.path("sha256sum"), [image.path]).stdout.prefix(64)

        let commands = [
            AgentCommand(id: "c1", action: .inspect),
            AgentCommand(
                id: "c2",
                action: .writeImage(
                    WriteImageCommand(url: image.absoluteString, checksum: String(digest), checksumType: .sha256))),
            AgentCommand(id: "c3", action: .clean(CleanCommand(mode: .metadata))),
            AgentCommand(id: "c4", action: .reboot),
        ]
        let fake = FakeOperator(bootToken: "boot-123", expectedMAC: server.macAddress(nic: 0), commands: commands)
        let http = try await LoopbackHTTPServer.start { await fake.answer($0) }
        defer { Task { await http.stop() } }
        let power = PowerLog()
        var configuration = AgentConfiguration(
            operatorURL: http.url("/"), bootToken: "boot-123", root: HostRoot(root.path), power: power,
            workDirectory: directory.path)
        configuration.heartbeatFailureLimit = 5

        let exit = try await HostAgent.run(configuration)
        #expect(exit == .rebooted)
        #expect(await power.actions == ["reboot"])
        #expect(await fake.lookups == 1)
        #expect(await fake.rejectedTokens == 0)

        let results = await fake.results
        #expect(results["c1"]?.succeeded == true)
        #expect(results["c1"]?.inventory == tree.expectedInventory)
        #expect(results["c2"]?.succeeded == true, "\(results["c2"]?.message ?? "")")
        #expect(results["c2"]?.bytesWritten == 3 << 20)
        #expect(results["c2"]?.rootDevice?.name == "/dev/sda")
        #expect(results["c3"]?.cleanedDevices == ["/dev/sda"])
        #expect(results["c4"]?.succeeded == true)
        // The write reported progress in bytes while busy, or finished within one interval.
        let busy = await fake.heartbeats.filter { $0.state == .busy }
        #expect(busy.allSatisfy { $0.progress == nil || $0.progress?.commandID != nil })
        // Cleaning wiped what the write put at the start of the disk.
        let head = try FileHandle(forReadingFrom: tree.diskFile("sda")).read(upToCount: 4096) ?? Data()
        #expect(head.allSatisfy { $0 == 0 })
    }

    @Test func failedCommandIsReportedNotFatal() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-agent")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "node-1", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        try HardwareTree(root: directory.url, profile: profile, server: server).render()
        let commands = [
            AgentCommand(
                id: "w",
                action: .writeImage(
                    WriteImageCommand(
                        url: "file:///nonexistent/image.raw", checksum: String(repeating: "0", count: 64),
                        rootDeviceHints: RootDeviceHints(rotational: true)))),
            AgentCommand(id: "off", action: .powerOff),
        ]
        let fake = FakeOperator(bootToken: "t", expectedMAC: server.macAddress(nic: 0), commands: commands)
        let http = try await LoopbackHTTPServer.start { await fake.answer($0) }
        defer { Task { await http.stop() } }
        let power = PowerLog()
        let configuration = AgentConfiguration(
            operatorURL: http.url("/"), bootToken: "t", root: HostRoot(directory.path), power: power,
            workDirectory: directory.path)
        #expect(try await HostAgent.run(configuration) == .poweredOff)
        let result = try #require(await fake.results["w"])
        #expect(result.succeeded == false)
        #expect(result.message?.contains("no disk matches the root device hints (rotational true)") == true)
        #expect(result.message?.contains("/dev/sda") == true)
    }

    @Test func wrongBootTokenStopsTheAgent() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-agent")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "node-2", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        try HardwareTree(root: directory.url, profile: profile, server: server).render()
        let fake = FakeOperator(bootToken: "right", expectedMAC: server.macAddress(nic: 0), commands: [])
        let http = try await LoopbackHTTPServer.start { await fake.answer($0) }
        defer { Task { await http.stop() } }
        let configuration = AgentConfiguration(
            operatorURL: http.url("/"), bootToken: "wrong", root: HostRoot(directory.path), power: PowerLog(),
            workDirectory: directory.path)
        let error = await #expect(throws: HostAgent.Failure.self) {
            try await HostAgent.run(configuration)
        }
        #expect(error?.description.contains("HTTP 401") == true)
        #expect(error?.description.contains("wrong") == false, "the token is never echoed")
        #expect(await fake.lookups == 1)
    }
}
