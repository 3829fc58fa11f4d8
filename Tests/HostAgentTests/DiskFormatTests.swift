import Foundation
import HostAgent
import Testing

struct DiskFormatTests {
    static func sampleGPT() -> GUIDPartitionTable {
        GUIDPartitionTable(
            diskGUID: GPTGUID(string: "11111111-2222-3333-4444-555555555555"), firstUsableLBA: 34,
            lastUsableLBA: 131_038,
            entriesLBA: 2, entryCount: 128, entrySize: 128,
            partitions: [
                .init(
                    slot: 0, type: GUIDPartitionTable.linuxFilesystemType,
                    unique: GPTGUID(string: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"), firstLBA: 2048, lastLBA: 10239,
                    name: "root")
            ])
    }

    @Test func gptRoundTrips() throws {
        let table = Self.sampleGPT()
        let entries = table.encodeEntries()
        let header = table.encodeHeader(primary: true, diskSectors: 131_072, sectorSize: 512, entriesCRC: 0)
        #expect(throws: DiskFormatError.self) {
            try GUIDPartitionTable.parse(header: GUIDPartitionTable.parseHeader(header, at: 1), entries: entries)
        }
        let good = table.encodeHeader(
            primary: true, diskSectors: 131_072, sectorSize: 512, entriesCRC: Self.crc(entries))
        let parsed = try GUIDPartitionTable.parse(header: GUIDPartitionTable.parseHeader(good, at: 1), entries: entries)
        #expect(parsed == table)
        #expect(parsed.partitions[0].name == "root")
        #expect(
            GPTGUID(string: "0FC63DAF-8483-4772-8E79-3D69D8477DE4").description
                == "0FC63DAF-8483-4772-8E79-3D69D8477DE4")
    }

    @Test func corruptHeaderNamesTheField() throws {
        let table = Self.sampleGPT()
        var header = table.encodeHeader(primary: true, diskSectors: 131_072, sectorSize: 512, entriesCRC: 0)
        header[40] ^= 0xFF
        let error = #expect(throws: DiskFormatError.self) {
            try GUIDPartitionTable.parseHeader(header, at: 1)
        }
        #expect(error?.description.hasPrefix("GPT header at LBA 1: header CRC (bytes 16-19)") == true)
        var notGPT = header
        notGPT[0] = 0
        #expect(throws: DiskFormatError.self) { try GUIDPartitionTable.parseHeader(notGPT, at: 1) }
    }

    @Test func mbrEntries() {
        var sector = [UInt8](repeating: 0, count: 512)
        #expect(MasterBootRecord.parse(sector) == nil)
        let mbr = MasterBootRecord(entries: [
            .init(bootable: true, type: 0x83, firstLBA: 2048, sectors: 8192), .init(type: 0, firstLBA: 0, sectors: 0),
            .init(type: 0, firstLBA: 0, sectors: 0), .init(type: 0, firstLBA: 0, sectors: 0),
        ])
        sector = mbr.encode(into: sector)
        let parsed = MasterBootRecord.parse(sector)
        #expect(parsed == mbr)
        #expect(parsed?.usedEntries.first?.lastLBA == 10239)
        #expect(parsed?.isProtective == false)
    }

    @Test func qcow2Header() throws {
        var bytes = [UInt8](repeating: 0, count: 104)
        bytes[0...3] = [0x51, 0x46, 0x49, 0xFB]
        bytes[7] = 3
        bytes[23] = 16
        bytes[29] = 0x10  // 1 MiB virtual size
        let header = try QCOW2Header.parse(bytes)
        #expect(header.virtualSize == 1 << 20)
        #expect(header.refusal(diskSize: 2 << 20) == nil)
        #expect(header.refusal(diskSize: 1 << 19)?.contains("virtual size") == true)
        bytes[15] = 0x68
        #expect(try QCOW2Header.parse(bytes).refusal(diskSize: 2 << 20)?.contains("backing file") == true)
        bytes[7] = 9
        let error = #expect(throws: DiskFormatError.self) { try QCOW2Header.parse(bytes) }
        #expect(error?.description == "qcow2 header: version (bytes 4-7) is 9; qemu-img writes 2 or 3")
        #expect(throws: DiskFormatError.self) { try QCOW2Header.parse([0x51, 0x46]) }
    }

    @Test func isoHasAVolumeDescriptorAndTheLabel() throws {
        let image = try ISO9660Image(
            volumeIdentifier: "config-2",
            files: [
                .init(path: "openstack/latest/meta_data.json", contents: Array("{}".utf8)),
                .init(path: "openstack/latest/user_data", contents: []),
            ],
            date: Date(timeIntervalSince1970: 1_700_000_000)
        ).build()
        #expect(image.count % 2048 == 0)
        #expect(Array(image[32769..<32774]) == Array("CD001".utf8))
        #expect(String(decoding: image[32808..<32816], as: UTF8.self) == "config-2")
        #expect(Array(image[34817..<34822]) == Array("CD001".utf8))
        #expect(image[34816] == 255)
    }

    @Test func isoRefusesBadPaths() {
        #expect(throws: DiskFormatError.self) {
            try ISO9660Image(volumeIdentifier: "x", files: [.init(path: "../etc/passwd", contents: [])], date: Date())
                .build()
        }
        #expect(throws: DiskFormatError.self) {
            try ISO9660Image(
                volumeIdentifier: "x",
                files: [.init(path: "a.json", contents: []), .init(path: "A.JSON", contents: [])],
                date: Date()
            ).build()
        }
    }

    @Test func checksumParsing() throws {
        #expect(try ImageChecksum.parse("D41D8CD98F00B204E9800998ECF8427E", type: nil).algorithm == .md5)
        #expect(try ImageChecksum.parse(String(repeating: "a", count: 128), type: .auto).algorithm == .sha512)
        #expect(throws: ImageWriteError.self) { try ImageChecksum.parse(String(repeating: "a", count: 64), type: .md5) }
        #expect(throws: ImageWriteError.self) { try ImageChecksum.parse("not-hex", type: nil) }
        #expect(throws: ImageWriteError.self) { try ImageChecksum.parse(String(repeating: "a", count: 40), type: nil) }
        let sums = "\(String(repeating: "1", count: 64))  a.img\n\(String(repeating: "2", count: 64)) *dir/b.img\n"
        #expect(
            try ImageChecksum.find(in: sums, imageName: "b.img", type: nil).hex == String(repeating: "2", count: 64))
        let bsd = "SHA256 (c.img) = \(String(repeating: "3", count: 64))\n"
        #expect(try ImageChecksum.find(in: bsd, imageName: "c.img", type: nil).hex == String(repeating: "3", count: 64))
        #expect(
            try ImageChecksum.find(in: String(repeating: "4", count: 32) + "\n", imageName: "x", type: nil).algorithm
                == .md5)
        let error = #expect(throws: ImageWriteError.self) {
            try ImageChecksum.find(in: sums, imageName: "z.img", type: nil)
        }
        #expect(error?.description.contains("no line for \"z.img\" (it lists a.img, dir/b.img)") == true)
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        // Reference CRC-32 computed bit by bit, independent of the table the module uses.
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
