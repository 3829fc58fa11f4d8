import Crypto
import Foundation
import HostAgent

/// The small disk image `foundry demo` provisions: a raw image with a GPT (protective MBR, primary
/// and backup headers) and one Linux partition named `root` filled with a recognisable pattern, so
/// the written disks can be told apart from empty ones. The agent adds the config drive after it.
enum DemoImage {
    static let sectorSize = 512
    /// The partition starts at 1 MiB, as partitioning tools align it.
    static let firstLBA: UInt64 = 2048

    /// Writes the image of `mebibytes` (at least 4) to `path`; returns its SHA-256 in hex.
    static func write(to path: String, mebibytes: Int) throws -> String {
        let bytes = self.bytes(mebibytes: max(4, mebibytes))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(mebibytes: Int) -> [UInt8] {
        let size = mebibytes << 20
        let sectors = UInt64(size / self.sectorSize)
        var table = GUIDPartitionTable(
            diskGUID: GPTGUID(string: "F0A1D2C3-0000-4000-8000-00000000D3E0"), firstUsableLBA: 34, lastUsableLBA: 0,
            entriesLBA: 2, entryCount: 128, entrySize: 128, partitions: [])
        table.lastUsableLBA = table.lastUsableLBA(diskSectors: sectors, sectorSize: self.sectorSize)
        let lastLBA = table.lastUsableLBA - 2048
        table.partitions = [
            .init(
                slot: 0, type: GUIDPartitionTable.linuxFilesystemType,
                unique: GPTGUID(string: "F0A1D2C3-0000-4000-8000-00000000D3E1"), firstLBA: self.firstLBA,
                lastLBA: lastLBA, name: "root")
        ]
        var image = [UInt8](repeating: 0, count: size)
        let mbr = MasterBootRecord(entries: [
            .init(
                type: MasterBootRecord.protectiveType, firstLBA: 1,
                sectors: UInt32(clamping: sectors - 1))
        ])
        image.replaceSubrange(
            0..<self.sectorSize, with: mbr.encode(into: [UInt8](repeating: 0, count: self.sectorSize)))
        let entries = table.encodeEntries()
        let crc = CRC32.checksum(entries)
        let entriesSectors = Int(table.entriesSectors(sectorSize: self.sectorSize))
        self.put(
            table.encodeHeader(primary: true, diskSectors: sectors, sectorSize: self.sectorSize, entriesCRC: crc),
            at: 1, in: &image)
        self.put(entries, at: 2, in: &image)
        let backupEntries = Int(sectors) - 1 - entriesSectors
        self.put(entries, at: backupEntries, in: &image)
        self.put(
            table.encodeHeader(primary: false, diskSectors: sectors, sectorSize: self.sectorSize, entriesCRC: crc),
            at: Int(sectors) - 1, in: &image)
        // The filesystem's stand-in: a pattern that differs from sector to sector.
        let start = Int(self.firstLBA) * self.sectorSize
        let end = (Int(lastLBA) + 1) * self.sectorSize
        let signature = Array("foundry demo image ".utf8)
        for sector in stride(from: start, to: end, by: self.sectorSize) {
            let label = signature + Array(String(sector / self.sectorSize).utf8)
            image.replaceSubrange(sector..<sector + label.count, with: label)
        }
        return image
    }

    private static func put(_ bytes: [UInt8], at lba: Int, in image: inout [UInt8]) {
        let offset = lba * self.sectorSize
        image.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }
}
