import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport
import Testing

/// Cleaning on a rendered server: every disk partitioned by sgdisk and given a filesystem
/// signature; after `metadata` cleaning neither sgdisk nor blkid finds anything.
@Suite(.serialized)
struct AgentCleaningTests {
    @Test func metadataCleaningLeavesNothingToFind() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-clean")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "dell-r650", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "clean-0", vendor: "generic", hardware: "dell-r650", bmcScheme: "ipmi")
        let tree = HardwareTree(root: directory.url, profile: profile, server: server)
        try tree.render()
        let iso = try ConfigDrive.image(
            for: .init(metaData: .init(uuid: "u", name: "n", hostname: "h")), date: Date())
        for disk in profile.disks {
            let file = tree.diskFile(disk.name)
            try await AgentFixtures.tool("sgdisk", ["-n", "1:2048:+64M", "-n", "2:0:+64M", file.path])
            // A filesystem signature inside partition 2 (an ISO9660 volume at its start).
            try DiskHandle.open(path: file.path).write(iso, at: Int64(2048 + 131072) * 512)
            let seen = try await AgentFixtures.tool("blkid", ["-p", "-O", String((2048 + 131072) * 512), file.path])
            #expect(seen.stdout.contains("iso9660"))
        }

        let cleaned = try DiskCleaner(root: HostRoot(directory.path)).clean(mode: .metadata)
        #expect(cleaned == ["/dev/nvme0n1", "/dev/nvme1n1", "/dev/sda", "/dev/sdb"])
        for disk in profile.disks {
            let file = tree.diskFile(disk.name)
            #expect(try await AgentFixtures.hasNoPartitionTable(file), "\(disk.name) still has a table")
            let signature = try await AgentFixtures.tool(
                "blkid", ["-p", "-O", String((2048 + 131072) * 512), file.path], expectStatus: nil)
            #expect(signature.status == 2, "\(disk.name): \(signature.stdout)")
        }
    }

    @Test func disabledCleaningTouchesNothing() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-clean")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "clean-1", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        let tree = HardwareTree(root: directory.url, profile: profile, server: server)
        try tree.render()
        try await AgentFixtures.tool("sgdisk", ["-n", "1:2048:+64M", tree.diskFile("sda").path])
        #expect(try DiskCleaner(root: HostRoot(directory.path)).clean(mode: .disabled).isEmpty)
        #expect(try await AgentFixtures.hasNoPartitionTable(tree.diskFile("sda")) == false)
    }

    @Test func mountedDisksAreRefused() throws {
        let directory = try TemporaryDirectory(prefix: "foundry-clean")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "clean-2", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        try HardwareTree(root: directory.url, profile: profile, server: server).render()
        // As on a host installed on sda: its second partition is the root filesystem.
        try FileManager.default.createDirectory(
            at: directory.url.appendingPathComponent("sys/block/sda/sda2"), withIntermediateDirectories: true)
        try Data("2\n".utf8).write(to: directory.url.appendingPathComponent("sys/block/sda/sda2/partition"))
        try Data("/dev/sda2 / ext4 rw 0 0\n".utf8).write(to: directory.url.appendingPathComponent("proc/mounts"))
        let error = #expect(throws: UnsafeDiskError.self) {
            try DiskCleaner(root: HostRoot(directory.path)).clean(mode: .metadata)
        }
        #expect(
            error?.description
                == "/dev/sda is in use: /dev/sda2 is mounted on /; refusing to write to it (an operator may force this)"
        )
    }
}
