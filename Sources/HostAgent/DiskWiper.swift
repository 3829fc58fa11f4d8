/// Erases what makes a disk bootable or recognisable, as Ironic's `erase_devices_metadata` does:
/// the first and last MiB of every partition (filesystem, RAID and LVM signatures), then the first
/// and last MiB of the disk (MBR, primary GPT, backup GPT).
public enum DiskWiper {
    public static let span: Int64 = 1 << 20
    /// More partitions than this are not looked for (a GPT normally has 128 slots).
    static let maximumPartitions = 256

    public struct Report: Sendable, Hashable {
        public var partitionsWiped: Int
        public var bytesZeroed: Int64
    }

    @discardableResult
    public static func wipeMetadata(_ disk: DiskHandle, sectorSize: Int = 512) throws -> Report {
        var zeroed: Int64 = 0
        let ranges = Self.partitionRanges(disk, sectorSize: sectorSize).prefix(Self.maximumPartitions)
        for range in ranges {
            zeroed += try Self.zeroEnds(disk, start: range.lowerBound, end: range.upperBound)
        }
        zeroed += try Self.zeroEnds(disk, start: 0, end: disk.size)
        try disk.sync()
        disk.rereadPartitions()
        return Report(partitionsWiped: ranges.count, bytesZeroed: zeroed)
    }

    /// Zeroes the first and last `span` bytes of [start, end).
    private static func zeroEnds(_ disk: DiskHandle, start: Int64, end: Int64) throws -> Int64 {
        let end = min(end, disk.size)
        guard start < end else {
            return 0
        }
        if end - start <= 2 * Self.span {
            try disk.zero(at: start, count: end - start)
            return end - start
        }
        try disk.zero(at: start, count: Self.span)
        try disk.zero(at: end - Self.span, count: Self.span)
        return 2 * Self.span
    }

    /// Byte ranges of the partitions any readable table describes; a damaged table describes none.
    static func partitionRanges(_ disk: DiskHandle, sectorSize: Int) -> [Range<Int64>] {
        let size = Int64(sectorSize)
        guard disk.size >= 2 * size, let first = try? disk.read(at: 0, count: sectorSize),
            let second = try? disk.read(at: size, count: sectorSize)
        else {
            return []
        }
        var ranges: [Range<Int64>] = []
        if let table = try? PartitionTableReader.readGPT(disk, headerSector: second, lba: 1, sectorSize: sectorSize) {
            ranges += table.partitions.map { Int64($0.firstLBA) * size..<(Int64($0.lastLBA) + 1) * size }
        }
        if let mbr = MasterBootRecord.parse(first), !mbr.isProtective {
            ranges += mbr.usedEntries.map { Int64($0.firstLBA) * size..<(Int64($0.lastLBA) + 1) * size }
        }
        return ranges.filter { $0.lowerBound < disk.size }
    }
}
