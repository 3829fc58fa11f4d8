import ArgumentParser
import Foundation
import FoundryModel
import FoundryStore
import Simulator
import TestSupport

/// `foundry-bench lifecycle --hosts N`: applies N simulated hosts (IPMI, Redfish and three
/// virtual-media flavours in turn) with a small image and times them from apply to provisioned.
/// Setup: `foundry operator` runs as its own process (the `foundry` binary beside this one) on an
/// SQLite store, so the peak RSS printed is the operator's alone; the simulator (its BMCs and the
/// agents its servers boot) runs in this process.
struct LifecycleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle",
        abstract: "Time N simulated hosts from apply to provisioned (the operator as its own process).")

    @Option(help: "How many hosts to provision.")
    var hosts = 10

    @Option(help: "Image size in KiB (the image each host gets written).")
    var imageKib = 256

    @Option(help: "Give up after this many seconds.")
    var timeout = 600

    @Option(help: "The operator's provisioning limit (Metal3's default is 20; virtual-media hosts are not throttled).")
    var provisioningLimit = 20

    @Option(help: "The operator's reconcile workers (hosts reconciled at once).")
    var workers = 16

    static let kinds: [(scheme: String, vendor: String)] = [
        ("ipmi", "generic"), ("redfish", "supermicro"), ("redfish-virtualmedia", "generic"),
        ("idrac-virtualmedia", "dell-idrac9"), ("ilo5-virtualmedia", "hpe-ilo5"),
    ]

    func validate() throws {
        guard self.hosts > 0, self.hosts <= 2000 else {
            throw ValidationError("--hosts must be between 1 and 2000, not \(self.hosts)")
        }
        guard self.imageKib >= 4, self.imageKib <= 65536 else {
            throw ValidationError("--image-kib must be between 4 and 65536, not \(self.imageKib)")
        }
        guard self.timeout > 0, self.workers > 0 else {
            throw ValidationError("--timeout and --workers must be positive")
        }
    }

    func run() async throws {
        let foundryBinary = try Self.foundryBinary()
        let mocks = try FirmwareMocks.locate()
        let directory = try TemporaryDirectory(prefix: "foundry-bench-lifecycle")
        defer { directory.remove() }
        let images = directory.file("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let checksum = try await SampleDiskImage(size: self.imageKib << 10, seed: 7)
            .write(to: images.appendingPathComponent("os.raw"))
        let port = try LoopbackPort.free()
        let url = "http://127.0.0.1:\(port)"
        let database = directory.file("foundry.db").path
        let store = try await SQLiteStore.open(path: database)
        let operatorProcess = try self.startOperator(
            foundryBinary, database: database, port: port, images: images.path)
        defer { operatorProcess.terminate() }

        let boots = try BootEnvironment(
            bootServer: url, mocks: mocks, stateDirectory: directory.url.appendingPathComponent("sim")
        ) { agent in
            agent.lookupAttempts = 50
            agent.lookupRetryDelay = .milliseconds(200)
            agent.logger.logLevel = .critical
        }
        let configs = try VendorProfile.apply(to: self.serverConfigs(), mocks: mocks)
        let fleet = try await SimulatorFleet.start(
            configs, starters: [IPMIEndpointStarter(), RedfishEndpointStarter(mocks: mocks)], boots: boots)

        print(
            "foundry-bench lifecycle: \(self.hosts) hosts, image \(self.imageKib) KiB, provisioning limit "
                + "\(self.provisioningLimit), \(self.workers) workers, \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        print("setup: foundry operator as its own process (SQLite store, IPMI/Redfish drivers) on 127.0.0.1:\(port);")
        print("       the simulator (BMCs, in-process agents writing to sparse files) in this process")
        let result: Result<Duration, any Error>
        let start = ContinuousClock.now
        do {
            try await self.apply(fleet, store: store, image: "\(url)/images/os.raw", checksum: checksum)
            try await self.waitUntilProvisioned(store: store, start: start)
            result = .success(ContinuousClock.now - start)
        } catch {
            result = .failure(error)
            await Self.printConsoles(of: fleet, notProvisionedIn: store)
        }
        let operatorPeak = PeakMemory.mebibytes(of: String(operatorProcess.processIdentifier))
        var requests = 0
        var writes = 0
        for member in fleet.members {
            let stats = await member.server.stats
            requests += stats.ipmiRequests + stats.redfishRequests
            writes += stats.diskWrites
        }
        operatorProcess.terminate()
        operatorProcess.waitUntilExit()
        await fleet.stop()
        await boots.shutdown()
        await store.close()

        let elapsed = try result.get()
        let seconds = elapsed.seconds
        print(String(format: "apply to all provisioned: %.2f s", seconds))
        print(String(format: "hosts per minute: %.1f", Double(self.hosts) / seconds * 60))
        print(
            "operator peak RSS (VmHWM of the foundry operator process): \(operatorPeak.map { "\($0) MiB" } ?? "unknown")"
        )
        print(
            String(
                format:
                    "BMC calls per host (requests the simulated BMCs saw: IPMI packets incl. session setup, Redfish HTTP requests): %.1f",
                Double(requests) / Double(self.hosts)))
        print("image writes to simulated disks: \(writes) (\(self.hosts) hosts)")
        print("targets (issue 5): 500 hosts in under 120 s; operator peak RSS under 100 MB at 500 hosts")
    }

    /// The `foundry` binary of the same build, beside this one.
    static func foundryBinary() throws -> String {
        let own = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        let path = own.deletingLastPathComponent().appendingPathComponent("foundry").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchFailure(
                description: "\(path) is missing: build it too (swift build -c release --product foundry)")
        }
        return path
    }

    private func startOperator(_ binary: String, database: String, port: Int, images: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "operator", "--store", "sqlite:\(database)", "--listen", "127.0.0.1:\(port)", "--time-scale", "60",
            "--heartbeat-interval", "0.5", "--backoff-base", "1", "--power-sync-interval", "5",
            "--agent-timeout", "60", "--provisioning-limit", String(self.provisioningLimit),
            "--workers", String(self.workers), "--image-dir", images, "--log-level", "error",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func serverConfigs() -> [ServerConfig] {
        (0..<self.hosts).map { index in
            let kind = Self.kinds[index % Self.kinds.count]
            var config = ServerConfig(
                name: "bench-\(index)", vendor: kind.vendor, hardware: "small", bmcScheme: kind.scheme)
            config.fleet = "bench"
            return config
        }
    }

    private func apply(_ fleet: SimulatorFleet, store: SQLiteStore, image: String, checksum: String) async throws {
        for member in fleet.members {
            var (host, secret) = FleetManifests.manifests(
                for: member.server.config, ipmiPort: member.endpoint("ipmi")?.port ?? 0,
                redfishPort: member.endpoint("redfish")?.port ?? 0, namespace: "default")
            host.spec.image = HostImage(url: image, checksum: checksum, checksumType: .sha256)
            _ = try await store.create(secret)
            _ = try await store.create(host)
        }
    }

    /// Polls the store twice a second until every host is provisioned; fails on timeout.
    private func waitUntilProvisioned(store: SQLiteStore, start: ContinuousClock.Instant) async throws {
        let deadline = start.advanced(by: .seconds(self.timeout))
        var lastReport = start
        while true {
            let hosts = try await store.list(BareMetalHost.self).items
            let states = Dictionary(grouping: hosts) { host in
                host.status.map { $0.provisioning.state.rawValue.isEmpty ? "none" : $0.provisioning.state.rawValue }
                    ?? "new"
            }
            .mapValues(\.count)
            let done = states[ProvisioningState.provisioned.rawValue] ?? 0
            if done == self.hosts {
                return
            }
            let now = ContinuousClock.now
            if now >= deadline {
                let waiting = hosts.filter { $0.status?.provisioning.state != .provisioned }.prefix(5).map { host in
                    let status = host.status
                    return "\(host.metadata.name) (\(host.spec.bmc?.address ?? "")): "
                        + "\(status?.provisioning.state.rawValue ?? "new"), powered on \(status?.poweredOn ?? false), "
                        + "error \(status?.errorCount ?? 0) \(status?.errorMessage ?? ""), "
                        + "last updated \(status?.lastUpdated?.description ?? "never")"
                }
                throw BenchFailure(
                    description:
                        "only \(done) of \(self.hosts) hosts provisioned after \(self.timeout) s; states "
                        + Self.census(states) + "; waiting: " + waiting.joined(separator: "; "))
            }
            if now - lastReport >= .seconds(10) {
                lastReport = now
                print("  \((now - start).components.seconds) s: \(Self.census(states))")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// The end of each waiting server's console: what its firmware and agent last did.
    static func printConsoles(of fleet: SimulatorFleet, notProvisionedIn store: SQLiteStore) async {
        let hosts = (try? await store.list(BareMetalHost.self).items) ?? []
        let waiting = Set(hosts.filter { $0.status?.provisioning.state != .provisioned }.map(\.metadata.name))
        for member in fleet.members where waiting.contains(member.server.config.name) {
            let stats = await member.server.stats
            let power = await member.server.isPoweredOn
            print(
                "\(member.server.config.name): powered on \(power), power transitions \(stats.powerTransitions), "
                    + "boots \(stats.boots), IPMI requests \(stats.ipmiRequests), Redfish requests \(stats.redfishRequests)"
            )
            print("console of \(member.server.config.name), last lines:")
            for line in member.server.console.lines.suffix(12) {
                print("  \(line)")
            }
        }
    }

    static func census(_ states: [String: Int]) -> String {
        states.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}
