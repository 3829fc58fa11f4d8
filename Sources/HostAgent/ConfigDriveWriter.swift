import Foundation

/// Adds the config drive to a disk that already holds an image, as Ironic does: a 64 MiB partition
/// at the end of the disk (GPT: its backup header moved to the real end first; MBR: a free primary
/// slot below 2 TiB), with the ISO written into it.
public enum ConfigDriveWriter {
    public struct Placement: Sendable, Hashable {
        /// 1-based, as `sgdisk -i` and `/dev/sdaN` count.
        public var partitionNumber: Int
        public var firstLBA: UInt64
        public var lastLBA: UInt64
        public var table: String
    }

    /// Partitions start on 1 MiB boundaries.
    static let alignmentBytes: Int64 = 1 << 20

    public static func write(
        _ iso: [UInt8], to disk: DiskHandle, sectorSize: Int = 512, partitionGUID: GPTGUID = GPTGUID(uuid: UUID())
    ) throws -> Placement {
        guard Int64(iso.count) <= ConfigDrive.partitionBytes else {
            throw DiskFormatError(
                "config drive", "\(iso.count) bytes do not fit a \(ConfigDrive.partitionBytes) byte partition")
        }
        switch try PartitionTableReader.read(disk, sectorSize: sectorSize) {
        case .gpt(let table):
            return try self.addToGPT(table, iso: iso, disk: disk, sectorSize: sectorSize, guid: partitionGUID)
        case .mbr(let mbr):
            return try self.addToMBR(mbr, iso: iso, disk: disk, sectorSize: sectorSize)
        case .none:
            throw DiskFormatError(
                "image on \(disk.path)",
                "has no partition table (neither GPT nor MBR) to add a config drive partition to")
        }
    }

    private static func addToGPT(
        _ original: GUIDPartitionTable, iso: [UInt8], disk: DiskHandle, sectorSize: Int, guid: GPTGUID
    ) throws -> Placement {
        var table = original
        let diskSectors = UInt64(disk.size) / UInt64(sectorSize)
        let partitionSectors = UInt64(ConfigDrive.partitionBytes) / UInt64(sectorSize)
        let alignment = UInt64(self.alignmentBytes) / UInt64(sectorSize)
        let lastUsable = table.lastUsableLBA(diskSectors: diskSectors, sectorSize: sectorSize)
        guard lastUsable + 1 >= partitionSectors else {
            throw DiskFormatError("disk \(disk.path)", "is too small for a config drive partition")
        }
        let first = (lastUsable + 1 - partitionSectors) / alignment * alignment
        let last = first + partitionSectors - 1
        let used = table.partitions.map(\.lastLBA).max() ?? 0
        guard first > used, first >= table.firstUsableLBA else {
            throw DiskFormatError(
                "image on \(disk.path)",
                "its partitions reach LBA \(used); a 64 MiB config drive would start at LBA \(first)")
        }
        let taken = Set(table.partitions.map(\.slot))
        guard let slot = (0..<Int(table.entryCount)).first(where: { !taken.contains($0) }) else {
            throw DiskFormatError("GPT on \(disk.path)", "all \(table.entryCount) partition entries are in use")
        }
        table.lastUsableLBA = lastUsable
        table.partitions.append(
            .init(
                slot: slot, type: GUIDPartitionTable.linuxFilesystemType, unique: guid, firstLBA: first, lastLBA: last,
                name: ConfigDrive.label))

        try disk.write(iso, at: Int64(first) * Int64(sectorSize))
        let entries = table.encodeEntries()
        let crc = CRC32.checksum(entries)
        let backupEntriesLBA = diskSectors - 1 - table.entriesSectors(sectorSize: sectorSize)
        // Backup first, primary last: a crash in between leaves the old primary table intact.
        try disk.write(entries, at: Int64(backupEntriesLBA) * Int64(sectorSize))
        let backup = table.encodeHeader(
            primary: false, diskSectors: diskSectors, sectorSize: sectorSize, entriesCRC: crc)
        try disk.write(backup, at: Int64(diskSectors - 1) * Int64(sectorSize))
        try disk.write(entries, at: Int64(table.entriesLBA) * Int64(sectorSize))
        let primary = table.encodeHeader(
            primary: true, diskSectors: diskSectors, sectorSize: sectorSize, entriesCRC: crc)
        try disk.write(primary, at: Int64(sectorSize))
        try self.updateProtectiveMBR(disk, diskSectors: diskSectors, sectorSize: sectorSize)
        try disk.sync()
        disk.rereadPartitions()
        return Placement(partitionNumber: slot + 1, firstLBA: first, lastLBA: last, table: "gpt")
    }

    /// The protective MBR's single entry must cover the disk as it now is.
    private static func updateProtectiveMBR(_ disk: DiskHandle, diskSectors: UInt64, sectorSize: Int) throws {
        let sector = try disk.read(at: 0, count: sectorSize)
        var mbr = MasterBootRecord.parse(sector) ?? MasterBootRecord(entries: [])
        let sectors = UInt32(clamping: diskSectors - 1)
        if let index = mbr.entries.firstIndex(where: { $0.type == MasterBootRecord.protectiveType }) {
            mbr.entries[index].sectors = sectors
        } else {
            mbr.entries = [.init(type: MasterBootRecord.protectiveType, firstLBA: 1, sectors: sectors)]
        }
        while mbr.entries.count < 4 {
            mbr.entries.append(.init(type: 0, firstLBA: 0, sectors: 0))
        }
        try disk.write(mbr.encode(into: sector), at: 0)
    }

    private static func addToMBR(
        _ original: MasterBootRecord, iso: [UInt8], disk: DiskHandle, sectorSize: Int
    ) throws
        -> Placement
    {
        var mbr = original
        let diskSectors = UInt64(disk.size) / UInt64(sectorSize)
        // An MBR cannot address past 2^32 sectors.
        let limit = min(diskSectors, UInt64(UInt32.max))
        let partitionSectors = UInt64(ConfigDrive.partitionBytes) / UInt64(sectorSize)
        let alignment = UInt64(self.alignmentBytes) / UInt64(sectorSize)
        guard limit >= partitionSectors else {
            throw DiskFormatError("disk \(disk.path)", "is too small for a config drive partition")
        }
        let first = (limit - partitionSectors) / alignment * alignment
        let used = mbr.usedEntries.map(\.lastLBA).max() ?? 0
        guard first > used else {
            throw DiskFormatError(
                "image on \(disk.path)",
                "its partitions reach LBA \(used); a 64 MiB config drive would start at LBA \(first)")
        }
        guard let index = mbr.entries.firstIndex(where: \.isEmpty) else {
            throw DiskFormatError("MBR on \(disk.path)", "all four primary partitions are in use")
        }
        mbr.entries[index] = .init(
            type: MasterBootRecord.linuxType, firstLBA: UInt32(first), sectors: UInt32(partitionSectors))
        try disk.write(iso, at: Int64(first) * Int64(sectorSize))
        let sector = try disk.read(at: 0, count: sectorSize)
        try disk.write(mbr.encode(into: sector), at: 0)
        try disk.sync()
        disk.rereadPartitions()
        return Placement(
            partitionNumber: index + 1, firstLBA: first, lastLBA: first + partitionSectors - 1, table: "mbr")
    }
}
