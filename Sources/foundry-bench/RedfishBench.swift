import ArgumentParser
import BMC
import Foundation
import FoundryModel
import Simulator
import TestSupport

/// `foundry-bench redfish`: reads the power state of many simulated Redfish BMCs with our client
/// and with sushy (the library Ironic uses), in the same run, against the same simulators.
struct RedfishBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redfish",
        abstract: "Time to read the power state of N simulated Redfish BMCs: our client against sushy.")

    @Option(help: "How many simulated BMCs.")
    var bmcs = 100

    @Option(help: "BMCs read at once by each client (1 = one after the other).")
    var concurrency = 1

    @Option(help: "Vendor profile of the simulated BMCs.")
    var vendor = "generic"

    @Flag(help: "Serve plain HTTP instead of HTTPS with self-signed certificates.")
    var plainHTTP = false

    func validate() throws {
        guard (1...1000).contains(self.bmcs) else {
            throw ValidationError("--bmcs must be between 1 and 1000")
        }
        guard (1...1000).contains(self.concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 1000")
        }
    }

    func run() async throws {
        let python = try ExternalTool.venvPython()
        let script = ProjectPaths.root.appendingPathComponent("scripts/bench/redfish_sushy_power.py").path
        let fleet = try await self.startFleet()
        do {
            try await self.measure(fleet: fleet, python: python, script: script)
        } catch {
            for endpoint in fleet { await endpoint.stop() }
            throw error
        }
        for endpoint in fleet { await endpoint.stop() }
    }

    private func measure(fleet: [RedfishEndpoint], python: String, script: String) async throws {
        let addresses = try fleet.map { endpoint in
            try BMCAddress.parse(
                "redfish+\(endpoint.useTLS ? "https" : "http")://127.0.0.1:\(endpoint.port)\(endpoint.service.ids.systemPath)"
            )
        }
        print(
            "redfish: \(self.bmcs) simulated BMCs (\(self.vendor), \(self.plainHTTP ? "HTTP" : "HTTPS")), "
                + "\(self.concurrency) at a time by each client")

        // One untimed pass each, so neither side pays for first-use costs (imports, TLS context).
        _ = try await self.readWithOurs(Array(addresses.prefix(2)))
        _ = try await self.readWithSushy(python: python, script: script, fleet: Array(fleet.prefix(2)))

        let ours = try await self.readWithOurs(addresses)
        print(
            String(
                format: "ours (Foundry RedfishClient): %.3f s  (%.2f ms per BMC)", ours, ours * 1000 / Double(self.bmcs)
            ))
        let sushy = try await self.readWithSushy(python: python, script: script, fleet: fleet)
        let version = Self.sushyVersion(python) ?? "?"
        print(
            "sushy \(version): " + String(format: "%.3f s  (%.2f ms per BMC)", sushy, sushy * 1000 / Double(self.bmcs)))
        print(String(format: "ratio: %.2f", sushy / ours))
    }

    private func startFleet() async throws -> [RedfishEndpoint] {
        let mocks = try FirmwareMocks.locate(explicit: ProjectPaths.firmwareMocks.path)
        let vendor = try VendorProfile.load(name: self.vendor, mocks: mocks)
        let hardwareDirectory = try RedfishTestHardware.mocksDirectory()
        defer { hardwareDirectory.remove() }
        let hardware = try HardwareProfile.load(name: RedfishTestHardware.name, mocks: hardwareDirectory.url)
        var endpoints: [RedfishEndpoint] = []
        for index in 0..<self.bmcs {
            var config = ServerConfig(
                name: "bench-\(index)", vendor: self.vendor, hardware: hardware.name, bmcScheme: "redfish")
            config.fleet = "redfish-bench"
            config.initiallyPoweredOn = index % 2 == 0
            vendor.apply(to: &config)
            let service = RedfishService(server: SimulatedServer(config: config), vendor: vendor, hardware: hardware)
            endpoints.append(try await RedfishEndpoint.start(service: service, useTLS: !self.plainHTTP))
        }
        return endpoints
    }

    /// Connect (service root, session login, system), read PowerState, log out: what sushy does too.
    private func readWithOurs(_ addresses: [BMCAddress]) async throws -> Double {
        let credentials = BMCCredentials(username: "admin", password: "password")
        let options = BMCConnectionOptions(disableCertificateVerification: true)
        let start = ContinuousClock.now
        var on = 0
        try await withThrowingTaskGroup(of: PowerState.self) { group in
            var next = 0
            func launch() {
                let address = addresses[next]
                next += 1
                group.addTask {
                    let client = try await RedfishClient.connect(address, credentials: credentials, options: options)
                    let state = try await client.powerState()
                    await client.close()
                    return state
                }
            }
            while next < min(self.concurrency, addresses.count) { launch() }
            while let state = try await group.next() {
                on += state == .on ? 1 : 0
                if next < addresses.count { launch() }
            }
        }
        let elapsed = ContinuousClock.now - start
        guard on == (addresses.count + 1) / 2 else {
            throw RedfishBenchFailure(
                description: "our client read \(on) BMCs on, expected \((addresses.count + 1) / 2)")
        }
        return elapsed.seconds
    }

    private func readWithSushy(python: String, script: String, fleet: [RedfishEndpoint]) async throws -> Double {
        let lines = fleet.map { endpoint in
            let object: [String: String] = [
                "url": endpoint.baseURL, "system": endpoint.service.ids.systemPath, "username": "admin",
                "password": "password",
            ]
            return String(decoding: (try? JSONEncoder().encode(object)) ?? Data(), as: UTF8.self)
        }
        let result = try await ProcessRunner.run(
            python, [script, String(self.concurrency)], input: Data(lines.joined(separator: "\n").utf8),
            timeout: .seconds(600))
        struct Report: Decodable {
            var seconds: Double
            var count: Int
            var on: Int
        }
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last,
            let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8))
        else {
            throw RedfishBenchFailure(
                description: "sushy run failed (status \(result.status)): \(result.stderr.suffix(2000))")
        }
        guard report.count == fleet.count, report.on == (fleet.count + 1) / 2 else {
            throw RedfishBenchFailure(description: "sushy read \(report.on) of \(report.count) BMCs on")
        }
        return report.seconds
    }

    private static func sushyVersion(_ python: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import importlib.metadata as m; print(m.version('sushy'))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct RedfishBenchFailure: Error, CustomStringConvertible {
    var description: String
}
