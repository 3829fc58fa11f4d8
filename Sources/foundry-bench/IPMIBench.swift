import ArgumentParser
import BMC
import Foundation
import FoundryModel
import Simulator
import TestSupport

/// `foundry-bench ipmi`: reading the power state of many simulated BMCs with Foundry's IPMI client
/// (sessions kept open) against ipmitool started once per call, the way Ironic's ipmitool driver does.
struct IPMIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipmi",
        abstract: "Power-status reads of simulated BMCs: Foundry's IPMI client against ipmitool run once per call.")

    @Option(help: "How many simulated BMCs.")
    var bmcs = 100

    @Option(help: "Rounds of the warm measurement; the median is reported.")
    var rounds = 5

    @Option(help: "ipmitool processes run at once (Ironic's default sync_power_state_workers is 8).")
    var ipmitoolWorkers = 8

    func validate() throws {
        guard (1...1000).contains(self.bmcs), (1...100).contains(self.rounds), (1...64).contains(self.ipmitoolWorkers)
        else {
            throw ValidationError("--bmcs 1-1000, --rounds 1-100, --ipmitool-workers 1-64")
        }
    }

    func run() async throws {
        let ipmitool = try ExternalTool.path("ipmitool")
        let configs = (0..<self.bmcs).map { index in
            var config = ServerConfig(
                name: "bench-\(index)", vendor: "generic", hardware: "generic-1u", bmcScheme: "ipmi")
            config.fleet = "ipmi-bench"
            config.initiallyPoweredOn = index % 2 == 0
            return config
        }
        let fleet = try await SimulatorFleet.start(configs)
        defer { Task { await fleet.stop() } }
        let ports = fleet.members.compactMap { $0.endpoint("ipmi")?.port }
        let expected = configs.map { $0.initiallyPoweredOn == true ? PowerState.on : .off }
        print("foundry-bench ipmi: \(self.bmcs) simulated BMCs on 127.0.0.1, power status of each")

        let credentials = BMCCredentials(username: "admin", password: "password")
        var drivers: [any BMCDriver] = []
        for port in ports {
            let address = try BMCAddress.parse("ipmi://127.0.0.1:\(port)")
            drivers.append(try await BMCConnector.connect(address, credentials: credentials))
        }
        let cold = try await Self.timeReads(drivers, expected: expected)
        var warm: [Duration] = []
        for _ in 0..<self.rounds {
            warm.append(try await Self.timeReads(drivers, expected: expected))
        }
        var warmSequential: [Duration] = []
        for _ in 0..<self.rounds {
            warmSequential.append(try await Self.timeSequentialReads(drivers, expected: expected))
        }
        for driver in drivers {
            await driver.close()
        }

        let directory = try TemporaryDirectory(prefix: "ipmi-bench")
        defer { directory.remove() }
        let passwordFile = directory.file("password")
        try Data("password\n".utf8).write(to: passwordFile)
        let toolSequential = try await Self.timeIpmitool(
            ipmitool, ports: ports, expected: expected, passwordFile: passwordFile.path, workers: 1)
        let toolParallel = try await Self.timeIpmitool(
            ipmitool, ports: ports, expected: expected, passwordFile: passwordFile.path, workers: self.ipmitoolWorkers)

        let warmMedian = Self.median(warm)
        print("foundry, new sessions, all BMCs at once:      \(Self.format(cold))")
        print("foundry, open sessions, all BMCs at once:     \(Self.format(warmMedian)) (median of \(self.rounds))")
        print(
            "foundry, open sessions, one BMC at a time:    \(Self.format(Self.median(warmSequential))) (median of \(self.rounds))"
        )
        print("ipmitool, one process per call, one at a time: \(Self.format(toolSequential))")
        print("ipmitool, one process per call, \(self.ipmitoolWorkers) at a time:  \(Self.format(toolParallel))")
        print(
            "peer: ipmitool \(Self.version(ipmitool)) -I lanplus, no -C (it asks Get Channel Cipher Suites), -f password file"
        )
        print(
            "ratio: \(String(format: "%.2f", toolParallel.seconds / warmMedian.seconds))"
                + " (ipmitool with \(self.ipmitoolWorkers) workers / foundry with open sessions)")
    }

    static func timeReads(_ drivers: [any BMCDriver], expected: [PowerState]) async throws -> Duration {
        let clock = ContinuousClock()
        return try await clock.measure {
            try await withThrowingTaskGroup(of: (Int, PowerState).self) { group in
                for (index, driver) in drivers.enumerated() {
                    group.addTask { (index, try await driver.powerState()) }
                }
                for try await (index, state) in group where state != expected[index] {
                    throw ValidationError("BMC \(index) reported \(state), expected \(expected[index])")
                }
            }
        }
    }

    static func timeSequentialReads(_ drivers: [any BMCDriver], expected: [PowerState]) async throws -> Duration {
        try await ContinuousClock().measure {
            for (index, driver) in drivers.enumerated() {
                let state = try await driver.powerState()
                guard state == expected[index] else {
                    throw ValidationError("BMC \(index) reported \(state), expected \(expected[index])")
                }
            }
        }
    }

    static func timeIpmitool(
        _ ipmitool: String, ports: [Int], expected: [PowerState], passwordFile: String, workers: Int
    ) async throws -> Duration {
        try await ContinuousClock().measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, port) in ports.enumerated() {
                    if index >= workers {
                        try await group.next()
                    }
                    group.addTask {
                        let result = try await ProcessRunner.run(
                            ipmitool,
                            [
                                "-I", "lanplus", "-H", "127.0.0.1", "-p", String(port), "-L", "ADMINISTRATOR", "-U",
                                "admin", "-f", passwordFile, "-R", "3", "-N", "1", "power", "status",
                            ], timeout: .seconds(30))
                        let want = "Chassis Power is \(expected[index].rawValue)"
                        guard result.status == 0, result.stdout.contains(want) else {
                            throw ValidationError("ipmitool against port \(port): \(result.combined)")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    static func median(_ values: [Duration]) -> Duration {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%8.1f ms", duration.seconds * 1000)
    }

    static func version(_ ipmitool: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ipmitool)
        process.arguments = ["-V"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else {
            return "(version unknown)"
        }
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? text
    }
}
