import ArgumentParser
import Foundation
import FoundryModel
import FoundryStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `foundry-bench store`: the store's figures, each next to a named peer measured in the same run.
/// The hidden subcommands are the other processes of the benchmark and of the cross-process tests.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "SQLite store: creates/s, list latency, status updates/s, cross-process watch latency.",
        subcommands: [Run.self, Increment.self, Burst.self, Watch.self],
        defaultSubcommand: Run.self
    )
}

/// Where a helper process finds the store.
struct StoreLocationOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file.")
    var path: String

    @Flag(help: "synchronous=NORMAL: survives the process being killed, not a power loss.")
    var processCrashSafe = false

    func open() async throws -> SQLiteStore {
        try await SQLiteStore.open(path: self.path, durability: self.processCrashSafe ? .processCrashSafe : .full)
    }
}

/// Monotonic nanoseconds; CLOCK_MONOTONIC is one clock for every process on the machine.
enum Monotonic {
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

/// Writes a line with one `write(2)`, so that it is out before the next step (and whole, even
/// when several tasks print).
func emit(_ line: String) {
    let data = Data((line + "\n").utf8)
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(STDOUT_FILENO, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            if written <= 0 {
                return
            }
            offset += written
        }
    }
}

enum BenchObjects {
    static let counterKind = GroupKind(group: "bench.foundry.dev", kind: "Counter")

    static func counter(_ name: String, value: Int64) -> StoredObject {
        StoredObject(
            apiVersion: "bench.foundry.dev/v1", kind: "Counter", metadata: ObjectMeta(name: name),
            content: ["spec": .object(["count": .int(value)])])
    }

    static func count(_ object: StoredObject) -> Int64? {
        guard case .object(let spec)? = object.content["spec"], case .int(let count)? = spec["count"] else {
            return nil
        }
        return count
    }

    static func host(_ index: Int) -> BareMetalHost {
        var host = BareMetalHost(
            metadata: ObjectMeta(
                name: String(format: "host-%05d", index), namespace: "default",
                labels: ["rack": "r\(index / 40)", "role": index % 10 == 0 ? "control-plane" : "worker"]),
            spec: BareMetalHostSpec(
                online: true,
                bmc: BMCDetails(
                    address: "redfish-virtualmedia://127.0.0.1:\(8000 + index % 1000)/redfish/v1/Systems/\(index)",
                    credentialsName: "bmc-\(index)"),
                bootMACAddress: String(
                    format: "52:54:00:%02x:%02x:%02x", (index >> 16) & 0xFF, (index >> 8) & 0xFF, index & 0xFF)))
        host.spec.image = HostImage(
            url: "http://127.0.0.1:8080/images/ubuntu-24.04.qcow2",
            checksum: "http://127.0.0.1:8080/images/ubuntu-24.04.qcow2.sha256",
            checksumType: .sha256, format: .qcow2)
        host.spec.rootDeviceHints = RootDeviceHints(deviceName: "/dev/sda", minSizeGigabytes: 100)
        host.spec.description = "benchmark host \(index)"
        return host
    }

    /// A host as the operator leaves it after provisioning.
    static func provisioned(_ host: BareMetalHost, hardware: HardwareDetails) -> BareMetalHostStatus {
        let now = Timestamp(Date())
        var status = BareMetalHostStatus(operationalStatus: .ok, poweredOn: true)
        status.hardware = hardware
        status.provisioning.state = .provisioned
        status.provisioning.ID = "\(host.metadata.name)-0b6f6c1e"
        status.provisioning.image = host.spec.image
        status.provisioning.rootDeviceHints = host.spec.rootDeviceHints
        status.provisioning.bootMode = .uefi
        status.lastUpdated = now
        var history = OperationHistory()
        history.register = OperationMetric(start: now, end: now)
        history.inspect = history.register
        history.provision = history.register
        status.operationHistory = history
        return status
    }

    static func status(_ index: Int, round: Int) -> BareMetalHostStatus {
        var status = BareMetalHostStatus(operationalStatus: .ok, poweredOn: round % 2 == 0)
        status.provisioning.state = .available
        status.errorCount = round
        return status
    }
}

extension StoreBench {
    /// Read-modify-write increments of one counter, retrying on conflict (the 8-process test).
    struct Increment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "increment", abstract: "Helper: increments a counter object.", shouldDisplay: false)

        @OptionGroup var location: StoreLocationOptions
        @Option var name = "counter"
        @Option var times = 250

        func run() async throws {
            let store = try await self.location.open()
            let key = ObjectKey(kind: BenchObjects.counterKind, namespace: "default", name: self.name)
            var conflicts = 0
            for _ in 0..<self.times {
                while true {
                    let current = try await store.get(key)
                    var next = current
                    next.content["spec"] = .object(["count": .int((BenchObjects.count(current) ?? 0) + 1)])
                    do {
                        _ = try await store.update(next)
                        break
                    } catch {
                        guard error.code == .conflict else {
                            throw error
                        }
                        conflicts += 1
                    }
                }
            }
            emit("done increments=\(self.times) conflicts=\(conflicts)")
            await store.close()
        }
    }

    /// Creates objects as fast as it can, printing each acknowledged one (the SIGKILL test and
    /// the watch-latency benchmark).
    struct Burst: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "burst", abstract: "Helper: writes and prints every acknowledged write.", shouldDisplay: false)

        @OptionGroup var location: StoreLocationOptions
        @Option var count = 1000
        @Option var concurrency = 4
        @Option(help: "Pause between writes of one task, in milliseconds.")
        var pauseMilliseconds = 0

        func run() async throws {
            let store = try await self.location.open()
            let perTask = (self.count + self.concurrency - 1) / self.concurrency
            let pause = self.pauseMilliseconds
            emit("ready")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<self.concurrency {
                    group.addTask {
                        for index in 0..<perTask {
                            let name = "burst-\(task)-\(index)"
                            let start = Monotonic.nanoseconds()
                            let created = try await store.create(BenchObjects.counter(name, value: Int64(index)))
                            emit("ack \(name) \(created.resourceVersion) \(start) \(Monotonic.nanoseconds())")
                            if pause > 0 {
                                try await Task.sleep(for: .milliseconds(pause))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            await store.close()
        }
    }

    /// Watches and prints every event with the moment it arrived (the cross-process watch test).
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch", abstract: "Helper: prints the events of a watch.", shouldDisplay: false)

        @OptionGroup var location: StoreLocationOptions
        @Option(help: "Deliver changes after this resourceVersion (default: from now).")
        var from: Int64?
        @Option(help: "Exit after this many events.")
        var limit = 1

        func run() async throws {
            let store = try await self.location.open()
            let stream = try await store.watch(nil, from: self.from)
            emit("ready")
            var seen = 0
            do {
                for try await event in stream {
                    emit(
                        "event \(event.resourceVersion) \(event.type.rawValue) \(event.object.metadata.name) \(Monotonic.nanoseconds())"
                    )
                    seen += 1
                    if seen >= self.limit {
                        break
                    }
                }
            } catch {
                emit("error \(error)")
                throw ExitCode(2)
            }
            await store.close()
        }
    }
}
