import Foundation
import HostAgent
import TestSupport
import Testing

/// Images, disks and real tools for the agent's interop tests.
enum AgentFixtures {
    /// Runs a real tool (found by ExternalTool; missing fails the test) and returns its result.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String], expectStatus: Int32? = 0) async throws -> ProcessResult {
        let result = try await ProcessRunner.run(try ExternalTool.path(name), arguments, timeout: .seconds(120))
        if let expectStatus {
            #expect(
                result.status == expectStatus,
                "\(name) \(arguments.joined(separator: " ")) exited \(result.status): \(result.combined)")
        }
        return result
    }

    /// A raw disk image of `size` bytes: deterministic pseudo-random content under a GPT made by
    /// sgdisk with one partition, so that its bytes and its table both can be checked.
    static func rawImage(
        in directory: TemporaryDirectory, name: String = "image.raw", size: Int = 8 << 20
    ) async throws
        -> URL
    {
        let url = directory.file(name)
        var generator: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { buffer in
            let words = buffer.bindMemory(to: UInt64.self)
            for index in words.indices {
                generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                words[index] = generator
            }
        }
        try Data(bytes).write(to: url)
        try await Self.tool("sgdisk", ["-n", "1:2048:+4M", "-t", "1:8300", "-c", "1:root", url.path])
        return url
    }

    /// A sparse file standing in for a disk.
    static func disk(in directory: TemporaryDirectory, name: String = "disk", size: Int64 = 256 << 20) throws -> URL {
        let url = directory.file(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return url
    }

    /// The digest `md5sum`, `sha256sum` or `sha512sum` prints for a file.
    static func digest(_ algorithm: ImageChecksum.Algorithm, of url: URL) async throws -> String {
        let result = try await Self.tool("\(algorithm.rawValue)sum", [url.path])
        return String(result.stdout.split(separator: " ").first ?? "")
    }

    /// Whether sgdisk and blkid both find no partition table on the disk.
    static func hasNoPartitionTable(_ disk: URL) async throws -> Bool {
        let sgdisk = try await Self.tool("sgdisk", ["-p", disk.path], expectStatus: nil)
        let blkid = try await Self.tool("blkid", ["-p", disk.path], expectStatus: nil)
        return sgdisk.stdout.contains("Creating new GPT entries") && !sgdisk.stdout.contains("   1 ")
            && blkid.status == 2
    }

    /// `cmp -n size a b` succeeds: the first `size` bytes are equal.
    static func sameBytes(_ a: URL, _ b: URL, count: Int64) async throws -> Bool {
        try await Self.tool("cmp", ["-n", String(count), a.path, b.path], expectStatus: nil).status == 0
    }

    /// The `foundry` binary built with the tests: next to the test bundle, else in .build/debug.
    static func foundryBinary() -> String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            bundle.deletingLastPathComponent().appendingPathComponent("foundry").path,
            ProjectPaths.foundryBinary.path,
            ProjectPaths.root.appendingPathComponent(".build/debug/foundry").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func size(of url: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? -1
    }
}
