import AgentProtocol
import Foundation
import HostAgent
import Simulator
import TestSupport
import Testing

/// What the simulated firmware reads: ISO9660 images (ours and genisoimage's), config drives on
/// disks, and the boot order decisions.
struct BootMediaTests {
    static let files: [ISO9660Image.File] = [
        .init(path: "openstack/latest/meta_data.json", contents: Array(#"{"hostname":"db-1"}"#.utf8)),
        .init(path: "openstack/latest/user_data", contents: Array("#cloud-config\n".utf8)),
        .init(path: "foundry/agent.json", contents: Array(repeating: UInt8(ascii: "x"), count: 5000)),
    ]

    @Test func readsTheImagesWeBuild() throws {
        let iso = try ISO9660Image(volumeIdentifier: "config-2", files: Self.files, date: Date()).build()
        let reader = try ISO9660Reader(bytes: iso)
        #expect(reader.volumeIdentifier == "config-2")
        for file in Self.files {
            #expect(try reader.file(at: file.path) == file.contents)
        }
        #expect(try reader.contents(of: "").sorted() == ["foundry", "openstack"])
        #expect(try reader.contents(of: "openstack/latest").sorted() == ["meta_data.json", "user_data"])
        #expect(throws: ISO9660ReadError("openstack/latest/vendor_data.json", "is not on the image")) {
            try reader.file(at: "openstack/latest/vendor_data.json")
        }
        #expect(throws: ISO9660ReadError("openstack", "is a directory")) {
            try reader.file(at: "openstack")
        }
        #expect(throws: ISO9660ReadError("foundry/agent.json", "has 5000 bytes, more than the 100 allowed")) {
            try reader.file(at: "foundry/agent.json", limit: 100)
        }
    }

    /// genisoimage is the tool Ironic and OpenStack build config drives with: with Rock Ridge the
    /// names are exact; without, ISO9660 identifiers match regardless of case.
    @Test(arguments: [["-R", "-J"], ["-l"]])
    func readsGenisoimageImages(_ options: [String]) async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-iso")
        defer { directory.remove() }
        let content = directory.url.appendingPathComponent("content")
        for file in Self.files {
            let url = content.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
        }
        let iso = directory.file("drive.iso")
        let result = try await ProcessRunner.run(
            try ExternalTool.path("genisoimage"),
            ["-quiet", "-V", "config-2", "-o", iso.path] + options + [content.path])
        #expect(result.status == 0, "genisoimage: \(result.stderr)")
        let reader = try ISO9660Reader(bytes: Array(try Data(contentsOf: iso)))
        #expect(reader.volumeIdentifier == "config-2")
        #expect(try reader.file(at: "openstack/latest/meta_data.json") == Self.files[0].contents)
        #expect(try reader.file(at: "foundry/agent.json") == Self.files[2].contents)
    }

    @Test func badImagesSayWhatIsWrong() throws {
        #expect(throws: ISO9660ReadError("volume descriptor set", "the image has 4096 bytes, too few for sector 16")) {
            try ISO9660Reader(bytes: [UInt8](repeating: 0, count: 4096))
        }
        #expect(throws: ISO9660ReadError("sector 16", "is not a volume descriptor (no \"CD001\")")) {
            try ISO9660Reader(bytes: [UInt8](repeating: 0, count: 40 << 10))
        }
        let good = try ISO9660Image(volumeIdentifier: "config-2", files: Self.files, date: Date()).build()

        // The root directory's extent pointed far beyond the image's end.
        var farRoot = good
        let rootLocation = 16 * 2048 + 156 + 2
        for (index, byte) in [UInt8(0xff), 0xff, 0xff, 0x00].enumerated() {
            farRoot[rootLocation + index] = byte
        }
        #expect {
            try ISO9660Reader(bytes: farRoot).file(at: "openstack/latest/meta_data.json")
        } throws: { error in
            "\(error)".contains("lies beyond the image's \(good.count) bytes")
        }

        // A truncated image: the last file's extent is gone.
        let cut = Array(good.prefix(good.count - 2048))
        #expect {
            try ISO9660Reader(bytes: cut).file(at: "openstack/latest/user_data")
        } throws: { error in
            "\(error)".hasPrefix("ISO9660 image: openstack/latest/user_data: its extent")
        }

        // A directory record whose length runs past its directory.
        var badRecord = good
        let rootExtent = Int(good[rootLocation]) | Int(good[rootLocation + 1]) << 8 | Int(good[rootLocation + 2]) << 16
        let firstRecord = rootExtent * 2048
        let secondRecord = firstRecord + Int(good[firstRecord])
        let thirdRecord = secondRecord + Int(good[secondRecord])
        badRecord[thirdRecord] = 20
        #expect {
            try ISO9660Reader(bytes: badRecord).contents(of: "")
        } throws: { error in
            "\(error)".contains("has length 20, which does not fit")
        }
    }

    @Test func everyTruncationOfAnImageFailsCleanly() throws {
        let good = try ISO9660Image(volumeIdentifier: "config-2", files: Self.files, date: Date()).build()
        // user_data's extent is the image's last: every shorter image must fail to give it, and not crash.
        var failures = 0
        for length in stride(from: 0, to: good.count, by: 2048) {
            let reader = try? ISO9660Reader(bytes: Array(good.prefix(length)))
            if (try? reader?.file(at: "openstack/latest/user_data")) == nil {
                failures += 1
            }
        }
        #expect(failures == good.count / 2048)
        #expect(try ISO9660Reader(bytes: good).file(at: "openstack/latest/user_data") == Self.files[1].contents)
    }

    @Test func configDriveOnAnMBRDiskBoots() throws {
        let directory = try TemporaryDirectory(prefix: "foundry-probe")
        defer { directory.remove() }
        let path = directory.file("sda").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 256 << 20)
        try handle.close()
        let disk = try DiskHandle.open(path: path)
        let mbr = MasterBootRecord(entries: [.init(type: MasterBootRecord.linuxType, firstLBA: 2048, sectors: 8192)])
        try disk.write(mbr.encode(into: [UInt8](repeating: 0, count: 512)), at: 0)
        let contents = ConfigDriveContents(metaData: .init(uuid: "u", name: "mbr-host", hostname: ""))
        let placement = try ConfigDriveWriter.write(try ConfigDrive.image(for: contents, date: Date()), to: disk)
        #expect(placement.table == "mbr")

        let outcome = DiskBootProbe.probe(disk: path, name: "sda")
        #expect(outcome == .installed(.init(disk: "sda", partition: 2, hostname: "mbr-host", userDataBytes: nil)))
    }

    @Test func emptyAndForeignDisksDoNotBoot() throws {
        let directory = try TemporaryDirectory(prefix: "foundry-probe")
        defer { directory.remove() }
        let path = directory.file("sda").path
        try Data(count: 1 << 20).write(to: URL(fileURLWithPath: path))
        #expect(DiskBootProbe.probe(disk: path, name: "sda") == .nothingToBoot(reasons: ["no partition table"]))

        let disk = try DiskHandle.open(path: path)
        let mbr = MasterBootRecord(entries: [.init(type: MasterBootRecord.linuxType, firstLBA: 64, sectors: 1024)])
        try disk.write(mbr.encode(into: [UInt8](repeating: 0, count: 512)), at: 0)
        #expect(
            DiskBootProbe.probe(disk: path, name: "sda")
                == .nothingToBoot(reasons: ["1 partition(s), no config drive (config-2)"]))
        guard case .nothingToBoot(let reasons) = DiskBootProbe.probe(disk: directory.file("missing").path, name: "sdb")
        else {
            Issue.record("a missing disk boots")
            return
        }
        #expect(reasons.count == 1 && reasons[0].hasPrefix("cannot find"))
    }

    @Test func bootOrderAndMediaChoice() {
        #expect(BootPlan.steps(for: .pxe) == [.network, .disk])
        #expect(BootPlan.steps(for: .cdrom) == [.virtualMedia, .disk])
        #expect(BootPlan.steps(for: .disk) == [.disk])
        #expect(BootPlan.steps(for: .biosSetup) == [.setup])
        let slots = [
            VirtualMediaSlot(id: "Floppy", mediaTypes: ["USBStick"], image: "http://x/a.img", inserted: true),
            VirtualMediaSlot(id: "Cd", mediaTypes: ["CD", "DVD"], image: "http://x/b.iso", inserted: true),
        ]
        #expect(BootPlan.bootableMedia(slots)?.id == "Cd")
        #expect(BootPlan.bootableMedia([slots[0]]) == nil)
        #expect(BootPlan.bootableMedia([VirtualMediaSlot(id: "Cd", mediaTypes: ["CD"])]) == nil)
    }
}
