/// Reads a disk's partition table: GPT (primary header at LBA 1) or MBR.
public enum PartitionTableReader {
    public enum Table: Sendable, Hashable {
        case gpt(GUIDPartitionTable)
        case mbr(MasterBootRecord)
        case none
    }

    public static func read(_ disk: DiskHandle, sectorSize: Int = 512) throws -> Table {
        guard disk.size >= Int64(2 * sectorSize) else {
            return .none
        }
        let first = try disk.read(at: 0, count: sectorSize)
        let second = try disk.read(at: Int64(sectorSize), count: sectorSize)
        if GUIDPartitionTable.isHeader(second) {
            return .gpt(try self.readGPT(disk, headerSector: second, lba: 1, sectorSize: sectorSize))
        }
        if let mbr = MasterBootRecord.parse(first), !mbr.usedEntries.isEmpty, !mbr.isProtective {
            return .mbr(mbr)
        }
        return .none
    }

    static func readGPT(
        _ disk: DiskHandle, headerSector: [UInt8], lba: UInt64, sectorSize: Int
    ) throws -> GUIDPartitionTable {
        let header = try GUIDPartitionTable.parseHeader(headerSector, at: lba)
        let offset = Int64(header.entriesLBA) * Int64(sectorSize)
        let length = Int(header.entryCount) * Int(header.entrySize)
        guard header.entriesLBA < UInt64(Int64.max / Int64(sectorSize)), offset + Int64(length) <= disk.size else {
            throw DiskFormatError(
                "GPT header at LBA \(lba)",
                "its entry array (LBA \(header.entriesLBA), \(length) bytes) lies beyond the disk's end")
        }
        return try GUIDPartitionTable.parse(header: header, entries: disk.read(at: offset, count: length))
    }
}
