import Foundation
import FoundryModel
import FoundryStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The SQLite store shared by real processes: `foundry-bench store` has hidden helper modes that
/// increment, write in bursts and watch; these tests run them from the build products folder.
@Suite("SQLite store across processes", .serialized)
struct CrossProcessTests {
    static func helper() throws -> String {
        let path = ProjectPaths.buildProducts.appendingPathComponent("foundry-bench").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HelperMissing(path: path)
        }
        return path
    }

    struct HelperMissing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "\(self.path) is missing: build it with `swift build --build-tests` (swift test builds it too)"
        }
    }

    static let counterKind = GroupKind(group: "bench.foundry.dev", kind: "Counter")

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    @Test func eightProcessesIncrementingOneObjectLoseNoUpdate() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-xproc")
        defer { directory.remove() }
        let path = directory.file("foundry.db").path
        let store = try await SQLiteStore.open(path: path)
        _ = try await store.create(
            StoredObject(
                apiVersion: "bench.foundry.dev/v1", kind: "Counter", metadata: ObjectMeta(name: "counter"),
                content: ["spec": .object(["count": .int(0)])]))
        let helper = try Self.helper()
        let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await ProcessRunner.run(
                        helper, ["store", "increment", "--db", path, "--times", "250"],
                        timeout: .seconds(120))
                }
            }
            var results: [ProcessResult] = []
            for try await result in group {
                results.append(result)
            }
            return results
        }
        for result in results {
            #expect(result.status == 0 && !result.timedOut, "\(result.combined)")
            #expect(result.stdout.contains("done increments=250"), "\(result.combined)")
        }
        let counter = try await store.get(ObjectKey(kind: Self.counterKind, namespace: "default", name: "counter"))
        guard case .object(let spec)? = counter.content["spec"] else {
            Issue.record("counter has no spec: \(counter)")
            return
        }
        #expect(spec["count"] == .int(2000))
        let conflicts = results.compactMap {
            $0.stdout.split(separator: "=").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        print("8 processes x 250 increments: \(conflicts.reduce(0, +)) conflicts retried")
        await store.close()
    }

    @Test func sigkillDuringABurstKeepsEveryAcknowledgedWrite() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-xproc")
        defer { directory.remove() }
        let path = directory.file("foundry.db").path
        let writer = try LineProcess(
            try Self.helper(), ["store", "burst", "--db", path, "--count", "1000000", "--concurrency", "8"])
        let enough = await writer.waitForLine(where: { $0.hasPrefix("ack burst-7-30 ") }, timeout: 60)
        writer.killHard()
        #expect(await writer.waitForExit(timeout: 10))
        #expect(enough, "the writer acknowledged too little before the deadline: \(writer.lines.suffix(3))")
        #expect(writer.terminationStatus == SIGKILL, "the writer died of SIGKILL, mid-burst")

        var acknowledged: [String: Int64] = [:]
        for line in writer.lines where line.hasPrefix("ack ") {
            let fields = line.split(separator: " ")
            if fields.count == 5, let version = Int64(fields[2]) {
                acknowledged[String(fields[1])] = version
            }
        }
        #expect(acknowledged.count > 200)

        let sqlite3 = try ExternalTool.path("sqlite3")
        let check = try await ProcessRunner.run(sqlite3, [path, "PRAGMA integrity_check;"])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check.combined)")

        let store = try await SQLiteStore.open(path: path)
        let stored = try await store.list(Self.counterKind)
        let byName = Dictionary(uniqueKeysWithValues: stored.items.map { ($0.metadata.name, $0.resourceVersion) })
        var missing: [String] = []
        for (name, version) in acknowledged where byName[name] != version {
            missing.append(name)
        }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(10))")
        // Each of the 8 writer tasks had at most one write in flight at the kill, which may or may
        // not have landed; nothing else did.
        #expect(stored.items.count >= acknowledged.count)
        #expect(stored.items.count <= acknowledged.count + 8)
        print("SIGKILL burst: \(acknowledged.count) acknowledged writes all present, \(stored.items.count) stored")
        await store.close()
    }

    @Test func aWatchInAnotherProcessSeesEveryChangeOnceAcrossARestart() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-xproc")
        defer { directory.remove() }
        let path = directory.file("foundry.db").path
        let store = try await SQLiteStore.open(path: path)
        let helper = try Self.helper()
        _ = try await store.create(Fixtures.widget("existing"))
        let start = try await store.list(nil).resourceVersion

        var expected: [(version: Int64, type: String, name: String)] = []
        var acknowledgedAt: [Int64: UInt64] = [:]
        func change(_ index: Int) async throws {
            let name = "w\(index / 3)"
            let result: (Int64, String)
            switch index % 3 {
            case 0: result = (try await store.create(Fixtures.widget(name)).resourceVersion, "ADDED")
            case 1:
                let current = try await store.get(Fixtures.widget(name).key)
                result = (try await store.update(current.withSize(Int64(100 + index))).resourceVersion, "MODIFIED")
            default: result = (try await store.delete(Fixtures.widget(name).key).object.resourceVersion, "DELETED")
            }
            acknowledgedAt[result.0] = Self.monotonicNanoseconds()
            expected.append((result.0, result.1, name))
        }

        // The first watcher sees five changes live and exits.
        let first = try LineProcess(helper, ["store", "watch", "--db", path, "--from", String(start), "--limit", "5"])
        #expect(await first.waitForLine(where: { $0 == "ready" }, timeout: 60))
        for index in 0..<9 {
            try await change(index)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await first.waitForExit(timeout: 60))
        let firstEvents = Self.events(first.lines)
        #expect(firstEvents.count == 5)
        // More changes while nobody watches.
        for index in 9..<15 {
            try await change(index)
        }
        // The second watcher resumes from the last version the first one saw, then sees live ones.
        let resumeFrom = firstEvents.last?.version ?? start
        let second = try LineProcess(
            helper, ["store", "watch", "--db", path, "--from", String(resumeFrom), "--limit", "16"])
        #expect(await second.waitForLine(where: { $0 == "ready" }, timeout: 60))
        let liveFrom = expected.count
        for index in 15..<21 {
            try await change(index)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await second.waitForExit(timeout: 60))
        let secondEvents = Self.events(second.lines)

        let seen = firstEvents + secondEvents
        #expect(seen.map(\.version) == expected.map(\.version), "every change exactly once, in order")
        #expect(seen.map(\.type) == expected.map(\.type))
        #expect(seen.map(\.name) == expected.map(\.name))
        let live =
            firstEvents
            + secondEvents.filter { event in expected[liveFrom...].contains { $0.version == event.version } }
        var latencies: [Double] = []
        for event in live {
            if let acknowledged = acknowledgedAt[event.version] {
                latencies.append(Double(Int64(event.arrived) - Int64(acknowledged)) / 1e6)
            }
        }
        #expect(latencies.count == 11)
        // Within 200 ms: the median must be, and every one within 2 s even when the suite's other
        // tests (dozens of processes on two cores) hold the CPU; foundry-bench store reports p99.
        let median = latencies.sorted()[latencies.count / 2]
        #expect(median < 200, "median \(median) ms; all: \(latencies)")
        #expect(latencies.allSatisfy { $0 < 2000 }, "ms from acknowledgement to the other process: \(latencies)")
        print(
            "cross-process watch: latencies after acknowledgement (ms): \(latencies.map { String(format: "%.1f", $0) })"
        )
        await store.close()
    }

    struct SeenEvent {
        var version: Int64
        var type: String
        var name: String
        var arrived: UInt64
    }

    static func events(_ lines: [String]) -> [SeenEvent] {
        lines.compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 5, fields[0] == "event", let version = Int64(fields[1]),
                let arrived = UInt64(fields[4])
            else {
                return nil
            }
            return SeenEvent(version: version, type: fields[2], name: fields[3], arrived: arrived)
        }
    }
}
