import AgentProtocol
import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport
import Testing

/// `foundry agent run` as a program: looks up with the token from its file, reports an inventory,
/// obeys reboot (with power actions off) and exits 0; a fake operator on 127.0.0.1 hands out work.
struct AgentRunCommandTests {
    actor Script {
        var commands = [AgentCommand(id: "i", action: .inspect), AgentCommand(id: "r", action: .reboot)]
        var results: [String: CommandResult] = [:]
        var bootToken: String?
        var handedOut = 0

        func answer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
            do {
                if request.uri == AgentAPI.lookupPath {
                    self.bootToken = try AgentMessageCodec.decode(LookupRequest.self, from: Data(request.body))
                        .bootToken
                    return try Self.json(
                        LookupResponse(hostID: "default/cli", agentToken: "a", heartbeatIntervalSeconds: 0.02))
                }
                let heartbeat = try AgentMessageCodec.decode(HeartbeatRequest.self, from: Data(request.body))
                if let result = heartbeat.lastResult {
                    self.results[result.commandID] = result
                }
                var next = AgentCommand.none
                if heartbeat.state == .idle, self.results.count == self.handedOut, !self.commands.isEmpty {
                    next = self.commands.removeFirst()
                    self.handedOut += 1
                }
                return try Self.json(HeartbeatResponse(command: next))
            } catch {
                return .text(400, "\(error)")
            }
        }

        static func json(_ message: some Encodable) throws -> LoopbackHTTPServer.Response {
            LoopbackHTTPServer.Response(status: 200, body: .bytes(Array(try AgentMessageCodec.encode(message))))
        }
    }

    @Test func runsAgainstAnOperatorAndStopsOnReboot() async throws {
        let binary = try #require(AgentFixtures.foundryBinary(), "build the foundry binary first (swift build)")
        let directory = try TemporaryDirectory(prefix: "foundry-agent-run")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "hpe-dl360", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "cli-0", vendor: "generic", hardware: "hpe-dl360", bmcScheme: "ipmi")
        let root = directory.url.appendingPathComponent("root")
        let tree = HardwareTree(root: root, profile: profile, server: server)
        try tree.render()
        let tokenFile = directory.file("token")
        try Data("boot-token-7\n".utf8).write(to: tokenFile)

        let script = Script()
        let http = try await LoopbackHTTPServer.start { await script.answer($0) }
        let result = try await ProcessRunner.run(
            binary,
            [
                "agent", "run", "--operator", http.url("/"), "--token-file", tokenFile.path, "--root", root.path,
                "--power-actions", "none", "--work-dir", directory.path,
            ],
            timeout: .seconds(60))
        await http.stop()
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.contains("agent stopped: reboot requested"))
        #expect(!result.combined.contains("boot-token-7"), "the token is never printed")
        #expect(await script.bootToken == "boot-token-7")
        #expect(await script.results["i"]?.inventory == tree.expectedInventory)
    }

    @Test func refusesAnUnreadableTokenFile() async throws {
        let binary = try #require(AgentFixtures.foundryBinary(), "build the foundry binary first (swift build)")
        let result = try await ProcessRunner.run(
            binary, ["agent", "run", "--operator", "http://127.0.0.1:9", "--token-file", "/nonexistent/token"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--token-file: cannot read /nonexistent/token"))
        let badURL = try await ProcessRunner.run(
            binary, ["agent", "run", "--operator", "ftp://x", "--token-file", "/x"])
        #expect(badURL.status != 0)
        #expect(badURL.stderr.contains("is not an http(s) URL"))
    }
}
