import AgentProtocol
import ArgumentParser
import Foundation
import FoundryModel
import HostAgent
import Synchronization
import TestSupport

/// `foundry-bench image`: the agent's image writer against plain tools, in one run.
///
/// 1. A raw image served over HTTP from 127.0.0.1 to a sparse disk file, sha256-verified while
///    written, against `curl -s URL | dd of=FILE bs=4M` (no checksum) from the same server.
/// 2. A qcow2 image: download, verify and convert, against `qemu-img convert` alone on a local file,
///    with the agent's arguments (so both flush the disk at the end).
struct ImageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Image write throughput vs curl | dd, and qcow2 conversion vs qemu-img.")

    @Option(name: .customLong("size-mib"), help: "Image size in MiB.")
    var sizeMiB = 1024

    @Option(help: "Runs of each contender; the median is reported.")
    var runs = 3

    @Option(
        name: .customLong("work-dir"),
        help:
            "Where the agent keeps a qcow2 image while converting it (default: /dev/shm, a ramdisk as on a real agent)."
    )
    var workDir: String?

    func validate() throws {
        guard (16...65536).contains(self.sizeMiB), (1...20).contains(self.runs) else {
            throw ValidationError("--size-mib must be 16...65536 and --runs 1...20")
        }
    }

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-bench-image")
        defer { directory.remove() }
        let bytes = Int64(self.sizeMiB) << 20
        let image = directory.file("image.raw")
        try Self.makeImage(image, bytes: bytes)
        let digest = try await Self.tool("sha256sum", [image.path]).prefix(64)
        let server = try await LoopbackFileServer.start(directory: directory.url)
        let http = AgentHTTPClient()
        defer {
            Task {
                await server.stop(); await http.shutdown()
            }
        }
        let disk = directory.file("disk")
        let url = server.url("image.raw")
        print("image: \(self.sizeMiB) MiB raw, served by a NIO sendfile server on 127.0.0.1:\(server.port)")

        var ours: [Double] = []
        var pipeline: [Double] = []
        var durable: [Double] = []
        var peakRSS = 0
        // Interleaved, each after a `sync` (not timed), so that no run pays for the write-back of
        // the one before it.
        for _ in 0..<self.runs {
            try Self.makeDisk(disk, bytes: bytes * 2)
            try await Self.shell("sync")
            let writer = ImageWriter(http: http, workDirectory: directory.path)
            let command = WriteImageCommand(url: url, checksum: String(digest), checksumType: .sha256)
            ours.append(
                try await Self.time {
                    _ = try await writer.write(command, to: DiskHandle.open(path: disk.path))
                })
            peakRSS = max(peakRSS, PeakMemory.mebibytes(of: "self") ?? 0)
            try? FileManager.default.removeItem(at: disk)
            try await Self.shell("sync")
            pipeline.append(
                try await Self.time {
                    try await Self.shell("curl -s '\(url)' | dd of='\(disk.path)' bs=4M status=none")
                })
            try? FileManager.default.removeItem(at: disk)
            try await Self.shell("sync")
            durable.append(
                try await Self.time {
                    try await Self.shell("curl -s '\(url)' | dd of='\(disk.path)' bs=4M conv=fsync status=none")
                })
        }
        let mib = Double(self.sizeMiB)
        let oursRate = mib / Self.median(ours)
        let pipelineRate = mib / Self.median(pipeline)
        let durableRate = mib / Self.median(durable)
        print("foundry agent (http, sha256 verified, fsync): \(Self.rate(oursRate))  runs: \(Self.list(ours))")
        print("curl -s URL | dd of=FILE bs=4M (no checksum): \(Self.rate(pipelineRate))  runs: \(Self.list(pipeline))")
        print("same with dd conv=fsync (no checksum):        \(Self.rate(durableRate))  runs: \(Self.list(durable))")
        print("peak resident memory of this process: \(peakRSS) MiB")
        print(String(format: "ratio: %.2f", oursRate / pipelineRate))
        print(String(format: "ratio against the fsync pipeline: %.2f", oursRate / durableRate))

        try await self.qcow2(image: image, directory: directory, server: server, http: http, disk: disk, bytes: bytes)
    }

    private func qcow2(
        image: URL, directory: TemporaryDirectory, server: LoopbackFileServer, http: AgentHTTPClient, disk: URL,
        bytes: Int64
    ) async throws {
        let qcow2 = directory.file("image.qcow2")
        _ = try await Self.tool("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", image.path, qcow2.path])
        let digest = try await Self.tool("sha256sum", [qcow2.path]).prefix(64)
        var ours: [Double] = []
        var alone: [Double] = []
        let workDir = self.workDir ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : directory.path)
        print(
            "qcow2: \(bytes >> 20) MiB of random data made by qemu-img convert; the agent's work directory: \(workDir)")
        for _ in 0..<self.runs {
            try Self.makeDisk(disk, bytes: bytes * 2)
            try await Self.shell("sync")
            let writer = ImageWriter(http: http, workDirectory: workDir)
            let command = WriteImageCommand(
                url: server.url("image.qcow2"), checksum: String(digest), checksumType: .sha256, format: .qcow2)
            let phases = PhaseClock()
            ours.append(
                try await Self.time {
                    _ = try await writer.write(command, to: DiskHandle.open(path: disk.path)) { phase, _, _ in
                        phases.enter(phase)
                    }
                })
            print("  qcow2 via the agent, phases: \(phases.summary())")
            try Self.makeDisk(disk, bytes: bytes * 2)
            try await Self.shell("sync")
            alone.append(
                try await Self.time {
                    _ = try await Self.tool(
                        "qemu-img", ImageWriter.convertArguments(from: qcow2.path, to: disk.path))
                })
        }
        print(
            "qcow2 via the agent (http download, sha256, qemu-img convert, fsync): \(Self.seconds(Self.median(ours)))  runs: \(Self.list(ours))"
        )
        print(
            "qemu-img convert alone (local qcow2 to the disk file, flushed):      \(Self.seconds(Self.median(alone)))  runs: \(Self.list(alone))"
        )
        print(String(format: "qcow2 time ratio (agent / qemu-img alone): %.2f", Self.median(ours) / Self.median(alone)))
    }

    // MARK: helpers

    /// Pseudo-random content (incompressible, no zero runs), written 4 MiB at a time.
    static func makeImage(_ url: URL, bytes: Int64) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var block = [UInt64](repeating: 0, count: (4 << 20) / 8)
        var written: Int64 = 0
        while written < bytes {
            for index in block.indices {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                block[index] = state
            }
            let count = Int(min(Int64(block.count * 8), bytes - written))
            try block.withUnsafeBytes { try handle.write(contentsOf: Data($0.prefix(count))) }
            written += Int64(count)
        }
    }

    static func makeDisk(_ url: URL, bytes: Int64) throws {
        try? FileManager.default.removeItem(at: url)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(bytes))
        try handle.close()
    }

    static func time(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    static func tool(_ name: String, _ arguments: [String]) async throws -> String {
        let result = try await ProcessRunner.run(try ExternalTool.path(name), arguments, timeout: .seconds(600))
        guard result.status == 0 else {
            throw ValidationError("\(name) failed: \(result.combined)")
        }
        return result.stdout
    }

    static func shell(_ script: String) async throws {
        _ = try await Self.tool("sh", ["-c", "set -e; " + script])
    }

    static func rate(_ value: Double) -> String {
        String(format: "%8.1f MiB/s", value)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value)
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    static func list(_ values: [Double]) -> String {
        values.map { String(format: "%.2fs", $0) }.joined(separator: " ")
    }
}

/// When each phase of an image write began, from its progress reports.
final class PhaseClock: Sendable {
    private let phases = Mutex<[(name: String, start: ContinuousClock.Instant)]>([])

    func enter(_ phase: String) {
        self.phases.withLock { phases in
            if phases.last?.name != phase {
                phases.append((phase, .now))
            }
        }
    }

    /// Each phase's duration up to now (the last one's up to the call).
    func summary() -> String {
        let now = ContinuousClock.now
        return self.phases.withLock { phases in
            phases.indices.map { index in
                let end = index + 1 < phases.count ? phases[index + 1].start : now
                return "\(phases[index].name) " + String(format: "%.2f s", (end - phases[index].start).seconds)
            }.joined(separator: ", ")
        }
    }
}
