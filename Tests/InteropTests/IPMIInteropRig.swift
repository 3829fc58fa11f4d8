import Foundation
import NIOPosix
import Simulator
import TestSupport

/// A simulated server with its IPMI endpoint on 127.0.0.1, for driving real tools against it.
struct IPMIInteropRig {
    static let username = "admin"
    static let password = "password"

    let server: SimulatedServer
    let endpoint: IPMIEndpoint

    /// `lowPort`: bind below 32768, for libipmiconsole, which keeps the port in a signed 16-bit integer
    /// and fails on the kernel's ephemeral ports.
    static func start(
        name: String = "interop", vendor: String = "dell-idrac9", faults: FaultSettings = FaultSettings(),
        lowPort: Bool = false
    ) async throws -> IPMIInteropRig {
        var config = ServerConfig(name: name, vendor: vendor, hardware: "generic-1u", bmcScheme: "ipmi")
        config.users = [SimUser(name: Self.username, password: Self.password, privilege: .administrator)]
        config.faults = faults
        let server = SimulatedServer(config: config)
        guard lowPort else {
            return IPMIInteropRig(server: server, endpoint: try await IPMIEndpoint.start(server: server))
        }
        var generator = SystemRandomNumberGenerator()
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                let port = Int.random(in: 20000..<32000, using: &generator)
                let endpoint = try await IPMIEndpoint.start(server: server, options: IPMIEndpoint.Options(port: port))
                return IPMIInteropRig(server: server, endpoint: endpoint)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? SimulatorError.invalidFleet("no free port below 32768")
    }

    var port: Int { self.endpoint.port }

    func stop() async {
        await self.endpoint.stop()
    }

    /// Runs `ipmitool -I lanplus` against the BMC; the password goes in the environment, never argv.
    func ipmitool(
        _ arguments: [String], cipherSuite: Int?, password: String = IPMIInteropRig.password, verbose: Bool = false
    ) async throws -> ProcessResult {
        var command = ["-I", "lanplus", "-H", "127.0.0.1", "-p", String(self.port), "-U", Self.username, "-E"]
        command += ["-N", "2", "-R", "4"]
        if let cipherSuite {
            command += ["-C", String(cipherSuite)]
        }
        if verbose {
            command.append("-v")
        }
        return try await ProcessRunner.run(
            try ExternalTool.path("ipmitool"), command + arguments, environment: ["IPMI_PASSWORD": password],
            timeout: .seconds(60))
    }

    /// Runs a FreeIPMI tool with the IPMI 2.0 driver and no workaround flags.
    func freeipmi(_ tool: String, _ arguments: [String], cipherSuite: Int = 3) async throws -> ProcessResult {
        let command = [
            "-D", "LAN_2_0", "-h", "127.0.0.1:\(self.port)", "-u", Self.username, "-p", Self.password,
            "-I", String(cipherSuite), "-l", "ADMIN", "--session-timeout=30000", "--retransmission-timeout=1000",
        ]
        // The process deadline outlasts FreeIPMI's own session timeout, so a slow run ends with FreeIPMI's message.
        return try await ProcessRunner.run(try ExternalTool.path(tool), command + arguments, timeout: .seconds(60))
    }
}
