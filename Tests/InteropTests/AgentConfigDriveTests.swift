import AgentProtocol
import Foundation
import HostAgent
import TestSupport
import Testing

/// The config drive, checked by the tools cloud-init's world uses: sgdisk sees the partition,
/// blkid finds `LABEL=config-2` on it, isoinfo lists and extracts the files.
@Suite(.serialized)
struct AgentConfigDriveTests {
    static let contents = ConfigDriveContents(
        metaData: .init(
            uuid: "6c3b2d6e-2b8f-4c1e-9a0b-0123456789ab", name: "node-0", hostname: "node-0.example",
            publicKeys: ["default": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFoundryTestKey test@foundry"],
            extra: ["availability_zone": "rack-1"]),
        userData: Data([0x1f, 0x8b, 0x08, 0x00]) + Data("#cloud-config\nruncmd: [echo hi]\n".utf8),
        networkData:
            #"{"links":[{"id":"eno1","type":"phy","ethernet_mac_address":"02:00:00:00:00:01"}],"networks":[],"services":[]}"#
    )

    @Test func gptImageGetsAConfigDrivePartitionAtTheEnd() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-configdrive")
        defer { directory.remove() }
        let raw = try await AgentFixtures.rawImage(in: directory)
        let disk = try AgentFixtures.disk(in: directory)
        try await AgentFixtures.tool(
            "dd", ["if=\(raw.path)", "of=\(disk.path)", "conv=notrunc", "bs=1M", "status=none"])

        let iso = try ConfigDrive.image(for: Self.contents, date: Date())
        let placement = try ConfigDriveWriter.write(iso, to: DiskHandle.open(path: disk.path))
        #expect(placement.table == "gpt")
        #expect(placement.partitionNumber == 2)
        let diskSectors = UInt64(256 << 20) / 512
        #expect(placement.lastLBA <= diskSectors - 34)
        #expect(placement.lastLBA - placement.firstLBA + 1 == UInt64(64 << 20) / 512)
        #expect(placement.firstLBA % 2048 == 0)

        let verify = try await AgentFixtures.tool("sgdisk", ["-v", disk.path])
        #expect(verify.stdout.contains("No problems found"), "\(verify.stdout)")
        let table = try await AgentFixtures.tool("sgdisk", ["-p", disk.path])
        let rows = table.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(
            rows.contains { $0.count >= 3 && $0[0] == "2" && $0[1] == String(placement.firstLBA) }, "\(table.stdout)")
        #expect(table.stdout.contains("config-2"))
        // The image's own partition is untouched.
        let part1 = try await AgentFixtures.tool("sgdisk", ["-i", "1", disk.path])
        #expect(part1.stdout.contains("First sector: 2048"))
        try await Self.checkISO(on: disk, at: placement.firstLBA, in: directory)
        #expect(try await Self.samePartitionBytes(raw, disk, in: directory))
    }

    @Test func mbrImageGetsAPrimaryPartition() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-configdrive")
        defer { directory.remove() }
        let raw = try await AgentFixtures.rawImage(in: directory)
        // sgdisk -m turns the GPT into a plain MBR holding partition 1.
        try await AgentFixtures.tool("sgdisk", ["-m", "1", raw.path])
        let disk = try AgentFixtures.disk(in: directory)
        try await AgentFixtures.tool(
            "dd", ["if=\(raw.path)", "of=\(disk.path)", "conv=notrunc", "bs=1M", "status=none"])

        let iso = try ConfigDrive.image(for: Self.contents, date: Date())
        let placement = try ConfigDriveWriter.write(iso, to: DiskHandle.open(path: disk.path))
        #expect(placement.table == "mbr")
        #expect(placement.partitionNumber == 2)
        let blkid = try await AgentFixtures.tool("blkid", ["-p", "-o", "export", disk.path])
        #expect(blkid.stdout.contains("PTTYPE=dos"))
        try await Self.checkISO(on: disk, at: placement.firstLBA, in: directory)
    }

    @Test func imageWithoutPartitionTableIsRefused() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-configdrive")
        defer { directory.remove() }
        let disk = try AgentFixtures.disk(in: directory)
        let iso = try ConfigDrive.image(for: Self.contents, date: Date())
        let error = #expect(throws: DiskFormatError.self) {
            try ConfigDriveWriter.write(iso, to: DiskHandle.open(path: disk.path))
        }
        #expect(error?.description.contains("has no partition table") == true)
    }

    /// blkid at the partition's offset, then isoinfo on the partition cut out with dd.
    static func checkISO(on disk: URL, at firstLBA: UInt64, in directory: TemporaryDirectory) async throws {
        let blkid = try await AgentFixtures.tool(
            "blkid", ["-p", "-O", String(firstLBA * 512), "-o", "export", disk.path])
        #expect(blkid.stdout.contains("LABEL=config-2"), "\(blkid.stdout)")
        #expect(blkid.stdout.contains("TYPE=iso9660"))

        let part = directory.file("configdrive.iso")
        try await AgentFixtures.tool(
            "dd",
            ["if=\(disk.path)", "of=\(part.path)", "bs=512", "skip=\(firstLBA)", "count=\(131072)", "status=none"])
        let listing = try await AgentFixtures.tool("isoinfo", ["-R", "-f", "-i", part.path])
        for path in [
            "/openstack/latest/meta_data.json", "/openstack/latest/user_data", "/openstack/latest/network_data.json",
        ] {
            #expect(listing.stdout.contains(path), "\(listing.stdout)")
        }
        let meta = try await AgentFixtures.tool(
            "isoinfo", ["-R", "-i", part.path, "-x", "/openstack/latest/meta_data.json"])
        let object = try JSONSerialization.jsonObject(with: Data(meta.stdout.utf8)) as? [String: Any]
        #expect(object?["uuid"] as? String == Self.contents.metaData.uuid)
        #expect(object?["hostname"] as? String == "node-0.example")
        #expect(object?["name"] as? String == "node-0")
        #expect(
            (object?["public_keys"] as? [String: String])?["default"] == Self.contents.metaData.publicKeys["default"])
        #expect(object?["availability_zone"] as? String == "rack-1")
        let network = try await AgentFixtures.tool(
            "isoinfo", ["-R", "-i", part.path, "-x", "/openstack/latest/network_data.json"])
        #expect(network.stdout == Self.contents.networkData)
        // Plain ISO9660 names work too (what a reader without Rock Ridge sees).
        let plain = try await AgentFixtures.tool("isoinfo", ["-i", part.path, "-x", "/OPENSTACK/LATEST/USER_DATA.;1"])
        #expect(plain.stdout.hasSuffix("runcmd: [echo hi]\n"))
        let userData = directory.file("user_data")
        let extracted = try await ProcessRunner.run(
            try ExternalTool.path("sh"),
            ["-c", "isoinfo -R -i \"$0\" -x /openstack/latest/user_data > \"$1\"", part.path, userData.path])
        #expect(extracted.status == 0)
        #expect(try Data(contentsOf: userData) == Self.contents.userData)
    }

    /// Partition 1 of the image and of the disk hold the same bytes.
    static func samePartitionBytes(_ raw: URL, _ disk: URL, in directory: TemporaryDirectory) async throws -> Bool {
        let result = try await AgentFixtures.tool(
            "cmp", ["-i", "1048576", "-n", String(4 << 20), raw.path, disk.path], expectStatus: nil)
        return result.status == 0
    }
}
