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

    static func start(
        name: String = "interop", vendor: String = "dell-idrac9", faults: FaultSettings = FaultSettings()
    ) async throws -> IPMIInteropRig {
        var config = ServerConfig(name: name, vendor: vendor, hardware: "generic-1u", bmcScheme: "ipmi")
        config.users = [SimUser(name: Self.username, password: Self.password, privilege: .administrator)]
        config.faults = faults
        let server = SimulatedServer(config: config)
        let endpoint = try await IPMIEndpoint.start(server: server)
        return IPMIInteropRig(server: server, endpoint: endpoint)
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
        command += ["-N", "1", "-R", "3"]
        if let cipherSuite {
            command += ["-C", String(cipherSuite)]
        }
        if verbose {
            command.append("-v")
        }
        return try await ProcessRunner.run(
            try ExternalTool.path("ipmitool"), command + arguments, environment: ["IPMI_PASSWORD": password],
            timeout: .seconds(30))
    }

    /// Runs a FreeIPMI tool with the IPMI 2.0 driver and no workaround flags.
    func freeipmi(_ tool: String, _ arguments: [String], cipherSuite: Int = 3) async throws -> ProcessResult {
        let command = [
            "-D", "LAN_2_0", "-h", "127.0.0.1:\(self.port)", "-u", Self.username, "-p", Self.password,
            "-I", String(cipherSuite), "-l", "ADMIN", "--session-timeout=10000", "--retransmission-timeout=500",
        ]
        return try await ProcessRunner.run(try ExternalTool.path(tool), command + arguments, timeout: .seconds(30))
    }
}
