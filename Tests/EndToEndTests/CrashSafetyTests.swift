import Foundation
import FoundryModel
import FoundryStore
import TestSupport
import Testing

/// Crash safety with the binaries users run: `foundry sim` and `foundry operator` as separate
/// processes on one SQLite store. The operator is killed with SIGKILL at ten seeded random moments
/// of a 20-host rollout and started again each time; the rollout must still end with every host
/// provisioned, no error left, and no host written again once it was provisioned.
@Suite(.serialized)
struct CrashSafetyTests {
    static let hostCount = 20
    static let kills = 10

    @Test func tenOperatorKillsDuringARolloutLoseNothingAndRewriteNothing() async throws {
        try await CrashRig.with(hosts: Self.hostCount) { rig in try await Self.killTenTimes(rig) }
    }

    private static func killTenTimes(_ rig: CrashRig) async throws {
        let seed = UInt64(Date().timeIntervalSince1970)
        var random = SeededGenerator(seed: seed)
        print("crash safety: seed \(seed)")

        // The writes counted for each host when it was first seen provisioned.
        var writesWhenProvisioned: [String: Int] = [:]
        var killsDuringTheRollout = 0
        for kill in 1...Self.kills {
            let running = try rig.startOperator()
            let delay = Double.random(in: 0.3...1.5, using: &random)
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            running.killHard()
            _ = await running.waitForExit(timeout: 10)
            let hosts = try await rig.hosts()
            let provisioned = hosts.filter { $0.status?.provisioning.state == .provisioned }
            if provisioned.count < Self.hostCount {
                killsDuringTheRollout += 1
            }
            let writes = rig.diskWrites()
            for host in provisioned where writesWhenProvisioned[host.metadata.name] == nil {
                writesWhenProvisioned[host.metadata.name] = writes[host.metadata.name, default: 0]
            }
            print("kill \(kill) after \(String(format: "%.1f", delay)) s: \(CrashRig.census(hosts))")
        }

        let last = try rig.startOperator()
        defer { last.killHard() }
        let hosts = try await rig.waitUntilProvisioned(timeout: 420)
        print("after the kills: \(CrashRig.census(hosts))")
        #expect(killsDuringTheRollout == Self.kills, "every kill came before the rollout ended")
        #expect(hosts.count == Self.hostCount)
        for host in hosts {
            #expect(host.status?.provisioning.state == .provisioned, "\(host.metadata.name)")
            #expect(host.status?.errorMessage ?? "" == "", "\(host.metadata.name): \(host.status?.errorMessage ?? "")")
            #expect(host.status?.operationalStatus == .ok, "\(host.metadata.name)")
        }
        // The simulator prints a count as a write starts; give the last lines a moment.
        try await Task.sleep(for: .milliseconds(500))
        let writes = rig.diskWrites()
        for host in hosts {
            #expect(writes[host.metadata.name, default: 0] >= 1, "\(host.metadata.name) was written")
        }
        for (name, count) in writesWhenProvisioned {
            #expect(writes[name] == count, "\(name) was written again after it was provisioned")
        }
        last.kill()
        #expect(await last.waitForExit(timeout: 30), "the operator stops on SIGTERM")
        #expect(last.terminationStatus == 0)
    }

    /// The BMCs gone in the middle of a rollout (a rack powered down, a partition): SIGTERM still
    /// stops the operator at once. Before, it logged out of each dead BMC in turn and ran on for
    /// minutes.
    @Test func anOperatorWhoseBMCsAreGoneStopsOnSIGTERM() async throws {
        try await CrashRig.with(hosts: 10) { rig in
            let running = try rig.startOperator(["--shutdown-grace-period", "2"])
            defer { running.killHard() }
            try await Task.sleep(for: .seconds(3))
            rig.simulator.killHard()
            let start = ContinuousClock.now
            running.kill()
            #expect(await running.waitForExit(timeout: 60), "the operator stops on SIGTERM")
            let took = ContinuousClock.now - start
            print("operator stopped \(took) after SIGTERM, its BMCs gone")
            #expect(took < .seconds(10))
            #expect(running.terminationStatus == 0)
        }
    }
}

/// The simulator process, the operator's command line, and the store the test reads.
final class CrashRig: Sendable {
    let binary: String
    let directory: TemporaryDirectory
    let simulator: LineProcess
    let operatorArguments: [String]
    let store: SQLiteStore

    private init(
        binary: String, directory: TemporaryDirectory, simulator: LineProcess, operatorArguments: [String],
        store: SQLiteStore
    ) {
        self.binary = binary
        self.directory = directory
        self.simulator = simulator
        self.operatorArguments = operatorArguments
        self.store = store
    }

    static func start(hosts: Int) async throws -> CrashRig {
        let binary = ProjectPaths.foundryBinary.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CrashRigError("\(binary) is missing: run `swift build --build-tests` first")
        }
        let directory = try TemporaryDirectory(prefix: "foundry-crash")
        let fleet = directory.file("fleet.yaml")
        try Self.fleet(hosts: hosts).write(to: fleet, atomically: true, encoding: .utf8)
        let images = directory.file("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let checksum = try await SampleDiskImage(size: 1 << 20, seed: 9).write(
            to: images.appendingPathComponent("os.raw"))
        // The servers' boot server URL must stay the operator's across restarts: one port for all.
        let port = try LoopbackPort.free()
        let url = "http://127.0.0.1:\(port)"
        let manifests = directory.file("hosts.yaml")
        let simulator: LineProcess
        simulator = try LineProcess(
            binary,
            [
                "sim", "--fleet", fleet.path, "--boot-server", url, "--state-dir", directory.file("sim").path,
                "--hosts-out", manifests.path, "--power-delay-ms", "200",
            ])
        guard await simulator.waitForLine(where: { $0.hasPrefix("fleet ") && $0.contains("running") }, timeout: 60)
        else {
            simulator.kill()
            throw CrashRigError("foundry sim did not start: \(simulator.lines.suffix(5))")
        }
        let database = directory.file("foundry.db").path
        let store = try await SQLiteStore.open(path: database)
        let arguments = [
            "operator", "--store", "sqlite:\(database)", "--listen", "127.0.0.1:\(port)", "--time-scale", "60",
            "--heartbeat-interval", "0.2", "--backoff-base", "0.5", "--power-sync-interval", "2",
            "--agent-timeout", "20", "--image-dir", images.path, "--log-level", "error",
            // A rollout in waves (virtual-media hosts are not throttled), so that all ten kills land in it.
            "--provisioning-limit", "4",
        ]
        let rig = CrashRig(
            binary: binary, directory: directory, simulator: simulator, operatorArguments: arguments, store: store)
        try await rig.apply(manifests, image: "\(url)/images/os.raw", checksum: checksum)
        return rig
    }

    /// Half IPMI (PXE, throttled by the provisioning limit), half Redfish virtual media.
    static func fleet(hosts: Int) -> String {
        """
        name: crash-\(hosts)
        credentials: {username: admin, password: password}
        ports: {ipmiBase: 0, redfishBase: 0}
        servers:
          - name: pxe-{index}
            count: \(hosts / 2)
            vendor: generic
            hardware: small
            bmc: ipmi
          - name: vm-{index}
            count: \(hosts - hosts / 2)
            vendor: generic
            hardware: small
            bmc: redfish-virtualmedia

        """
    }

    private func apply(_ manifests: URL, image: String, checksum: String) async throws {
        let result = ManifestDecoder().decode(try Data(contentsOf: manifests), source: manifests.path)
        for document in try result.get() {
            switch document.resource {
            case .secret(let secret):
                _ = try await self.store.create(secret)
            case .bareMetalHost(var host):
                host.spec.image = HostImage(url: image, checksum: checksum, checksumType: .sha256, format: .raw)
                _ = try await self.store.create(host)
            default:
                throw CrashRigError("unexpected \(document.resource.kind.kind) in the simulator's manifests")
            }
        }
    }

    /// Runs `body` on a fresh rig and stops the rig afterwards, whether `body` throws or not.
    static func with(hosts: Int, _ body: (CrashRig) async throws -> Void) async throws {
        let rig = try await CrashRig.start(hosts: hosts)
        do {
            try await body(rig)
        } catch {
            await rig.stop()
            throw error
        }
        await rig.stop()
    }

    func startOperator(_ extraArguments: [String] = []) throws -> LineProcess {
        try LineProcess(self.binary, self.operatorArguments + extraArguments)
    }

    func hosts() async throws -> [BareMetalHost] {
        try await self.store.list(BareMetalHost.self).items
    }

    /// Polls the store until every host is provisioned; fails with the hosts' states on timeout.
    func waitUntilProvisioned(timeout: Double) async throws -> [BareMetalHost] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let hosts = try await self.hosts()
            if hosts.allSatisfy({ $0.status?.provisioning.state == .provisioned }) {
                return hosts
            }
            guard Date() < deadline else {
                throw CrashRigError("not every host provisioned after \(Int(timeout)) s: \(Self.census(hosts))")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// The latest `disk writes: NAME N` line per server.
    func diskWrites() -> [String: Int] {
        var writes: [String: Int] = [:]
        for line in self.simulator.lines where line.hasPrefix("disk writes: ") {
            let fields = line.dropFirst("disk writes: ".count).split(separator: " ")
            if fields.count == 2, let count = Int(fields[1]) {
                writes[String(fields[0])] = count
            }
        }
        return writes
    }

    static func census(_ hosts: [BareMetalHost]) -> String {
        let states = Dictionary(grouping: hosts) { $0.status?.provisioning.state.rawValue ?? "new" }
        let errors = hosts.filter { !($0.status?.errorMessage ?? "").isEmpty }.map(\.metadata.name)
        return states.map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", ")
            + (errors.isEmpty ? "" : "; errors on \(errors.joined(separator: ", "))")
    }

    func stop() async {
        self.simulator.kill()
        _ = await self.simulator.waitForExit(timeout: 10)
        await self.store.close()
        self.directory.remove()
    }
}

struct CrashRigError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
