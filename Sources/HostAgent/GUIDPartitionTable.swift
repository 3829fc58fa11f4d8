import Foundation

/// A GUID partition table: the header at LBA 1 (and its backup at the disk's last LBA) and the
/// partition entry array. Pure: reads and produces sector bytes; `PartitionTableIO` does the I/O.
public struct GUIDPartitionTable: Sendable, Hashable {
    public static let signature = Array("EFI PART".utf8)
    /// Linux filesystem data, what Ironic gives a config drive partition.
    public static let linuxFilesystemType = GPTGUID(string: "0FC63DAF-8483-4772-8E79-3D69D8477DE4")

    public var diskGUID: GPTGUID
    public var firstUsableLBA: UInt64
    public var lastUsableLBA: UInt64
    /// Where the primary entry array starts (2 on every disk partitioned by common tools).
    public var entriesLBA: UInt64
    public var entryCount: UInt32
    public var entrySize: UInt32
    /// Used entries, by slot.
    public var partitions: [Partition]

    public struct Partition: Sendable, Hashable {
        public var slot: Int
        public var type: GPTGUID
        public var unique: GPTGUID
        public var firstLBA: UInt64
        public var lastLBA: UInt64
        public var attributes: UInt64
        public var name: String

        public init(slot: Int, type: GPTGUID, unique: GPTGUID, firstLBA: UInt64, lastLBA: UInt64, name: String) {
            self.slot = slot
            self.type = type
            self.unique = unique
            self.firstLBA = firstLBA
            self.lastLBA = lastLBA
            self.attributes = 0
            self.name = name
        }
    }

    public init(
        diskGUID: GPTGUID, firstUsableLBA: UInt64, lastUsableLBA: UInt64, entriesLBA: UInt64, entryCount: UInt32,
        entrySize: UInt32, partitions: [Partition]
    ) {
        self.diskGUID = diskGUID
        self.firstUsableLBA = firstUsableLBA
        self.lastUsableLBA = lastUsableLBA
        self.entriesLBA = entriesLBA
        self.entryCount = entryCount
        self.entrySize = entrySize
        self.partitions = partitions
    }

    /// Bytes the entry array takes, and sectors.
    public var entriesBytes: Int {
        Int(self.entryCount) * Int(self.entrySize)
    }

    public func entriesSectors(sectorSize: Int) -> UInt64 {
        UInt64((self.entriesBytes + sectorSize - 1) / sectorSize)
    }

    // MARK: decoding

    /// The fields of a header sector, checked (signature, size, CRC, sane entry array).
    public struct Header: Sendable, Hashable {
        public var currentLBA: UInt64
        public var backupLBA: UInt64
        public var firstUsableLBA: UInt64
        public var lastUsableLBA: UInt64
        public var diskGUID: GPTGUID
        public var entriesLBA: UInt64
        public var entryCount: UInt32
        public var entrySize: UInt32
        public var entriesCRC: UInt32
    }

    public static func isHeader(_ sector: [UInt8]) -> Bool {
        sector.count >= 92 && Array(sector[0..<8]) == Self.signature
    }

    public static func parseHeader(_ sector: [UInt8], at lba: UInt64) throws(DiskFormatError) -> Header {
        let where_ = "GPT header at LBA \(lba)"
        guard Self.isHeader(sector) else {
            throw DiskFormatError(where_, "bytes 0-7 are not the signature \"EFI PART\"")
        }
        let headerSize = Int(sector.littleEndian(UInt32.self, at: 12))
        guard headerSize >= 92, headerSize <= sector.count else {
            throw DiskFormatError(
                where_, "header size (bytes 12-15) is \(headerSize); it must be 92 to \(sector.count)")
        }
        var zeroed = Array(sector[0..<headerSize])
        zeroed.setLittleEndian(UInt32(0), at: 16)
        let stored = sector.littleEndian(UInt32.self, at: 16)
        let computed = CRC32.checksum(zeroed)
        guard stored == computed else {
            throw DiskFormatError(
                where_,
                String(format: "header CRC (bytes 16-19) is 0x%08x but the header sums to 0x%08x", stored, computed))
        }
        let header = Header(
            currentLBA: sector.littleEndian(UInt64.self, at: 24),
            backupLBA: sector.littleEndian(UInt64.self, at: 32),
            firstUsableLBA: sector.littleEndian(UInt64.self, at: 40),
            lastUsableLBA: sector.littleEndian(UInt64.self, at: 48),
            diskGUID: GPTGUID(bytes: Array(sector[56..<72])),
            entriesLBA: sector.littleEndian(UInt64.self, at: 72),
            entryCount: sector.littleEndian(UInt32.self, at: 80),
            entrySize: sector.littleEndian(UInt32.self, at: 84),
            entriesCRC: sector.littleEndian(UInt32.self, at: 88))
        guard header.entrySize >= 128, header.entrySize % 8 == 0, header.entrySize <= 4096 else {
            throw DiskFormatError(
                where_,
                "partition entry size (bytes 84-87) is \(header.entrySize); it must be 128 or a larger multiple of 8")
        }
        guard header.entryCount >= 1, header.entryCount <= 4096 else {
            throw DiskFormatError(
                where_, "partition entry count (bytes 80-83) is \(header.entryCount); at most 4096 are read")
        }
        guard header.firstUsableLBA <= header.lastUsableLBA else {
            throw DiskFormatError(
                where_, "first usable LBA \(header.firstUsableLBA) is after the last \(header.lastUsableLBA)")
        }
        return header
    }

    /// The table from a checked header and its entry array (`entryCount * entrySize` bytes).
    public static func parse(header: Header, entries: [UInt8]) throws(DiskFormatError) -> GUIDPartitionTable {
        let size = Int(header.entrySize)
        let count = Int(header.entryCount)
        guard entries.count >= size * count else {
            throw DiskFormatError(
                "GPT entry array at LBA \(header.entriesLBA)", "has \(entries.count) bytes, needs \(size * count)")
        }
        let computed = CRC32.checksum(entries[0..<size * count])
        guard computed == header.entriesCRC else {
            throw DiskFormatError(
                "GPT entry array at LBA \(header.entriesLBA)",
                String(format: "CRC is 0x%08x but the header records 0x%08x", computed, header.entriesCRC))
        }
        var partitions: [Partition] = []
        for slot in 0..<count {
            let entry = Array(entries[slot * size..<slot * size + 128])
            let type = GPTGUID(bytes: Array(entry[0..<16]))
            guard !type.isZero else {
                continue
            }
            var partition = Partition(
                slot: slot, type: type, unique: GPTGUID(bytes: Array(entry[16..<32])),
                firstLBA: entry.littleEndian(UInt64.self, at: 32), lastLBA: entry.littleEndian(UInt64.self, at: 40),
                name: Self.decodeName(Array(entry[56..<128])))
            partition.attributes = entry.littleEndian(UInt64.self, at: 48)
            guard partition.firstLBA <= partition.lastLBA else {
                throw DiskFormatError(
                    "GPT partition entry \(slot + 1)",
                    "first LBA \(partition.firstLBA) is after its last LBA \(partition.lastLBA)")
            }
            partitions.append(partition)
        }
        return GUIDPartitionTable(
            diskGUID: header.diskGUID, firstUsableLBA: header.firstUsableLBA, lastUsableLBA: header.lastUsableLBA,
            entriesLBA: header.entriesLBA, entryCount: header.entryCount, entrySize: header.entrySize,
            partitions: partitions)
    }

    private static func decodeName(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        for index in stride(from: 0, to: bytes.count - 1, by: 2) {
            let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
        }
        return String(decoding: units, as: UTF16.self)
    }

    // MARK: encoding

    /// The entry array's bytes.
    public func encodeEntries() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: self.entriesBytes)
        let size = Int(self.entrySize)
        for partition in self.partitions where partition.slot < Int(self.entryCount) {
            let base = partition.slot * size
            bytes.setBytes(partition.type.bytes, at: base)
            bytes.setBytes(partition.unique.bytes, at: base + 16)
            bytes.setLittleEndian(partition.firstLBA, at: base + 32)
            bytes.setLittleEndian(partition.lastLBA, at: base + 40)
            bytes.setLittleEndian(partition.attributes, at: base + 48)
            let name = Array(partition.name.utf16.prefix(36))
            for (index, unit) in name.enumerated() {
                bytes.setLittleEndian(unit, at: base + 56 + index * 2)
            }
        }
        return bytes
    }

    /// A header sector; `primary` decides which copy (LBA 1 or the disk's last) it describes.
    public func encodeHeader(primary: Bool, diskSectors: UInt64, sectorSize: Int, entriesCRC: UInt32) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: sectorSize)
        let lastLBA = diskSectors - 1
        sector.setBytes(Self.signature, at: 0)
        sector.setLittleEndian(UInt32(0x0001_0000), at: 8)
        sector.setLittleEndian(UInt32(92), at: 12)
        sector.setLittleEndian(primary ? UInt64(1) : lastLBA, at: 24)
        sector.setLittleEndian(primary ? lastLBA : UInt64(1), at: 32)
        sector.setLittleEndian(self.firstUsableLBA, at: 40)
        sector.setLittleEndian(self.lastUsableLBA, at: 48)
        sector.setBytes(self.diskGUID.bytes, at: 56)
        let entries = primary ? self.entriesLBA : lastLBA - self.entriesSectors(sectorSize: sectorSize)
        sector.setLittleEndian(entries, at: 72)
        sector.setLittleEndian(self.entryCount, at: 80)
        sector.setLittleEndian(self.entrySize, at: 84)
        sector.setLittleEndian(entriesCRC, at: 88)
        sector.setLittleEndian(CRC32.checksum(sector[0..<92]), at: 16)
        return sector
    }

    /// The last usable LBA on a disk of `diskSectors`, leaving room for the backup array and header.
    public func lastUsableLBA(diskSectors: UInt64, sectorSize: Int) -> UInt64 {
        diskSectors - 2 - self.entriesSectors(sectorSize: sectorSize)
    }
}

/// A GUID as GPT stores it: the first three fields little-endian.
public struct GPTGUID: Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes.count == 16 ? bytes : [UInt8](repeating: 0, count: 16)
    }

    /// From the textual form (`0FC63DAF-8483-4772-8E79-3D69D8477DE4`).
    public init(string: String) {
        let uuid = UUID(uuidString: string) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        self.init(uuid: uuid)
    }

    public init(uuid: UUID) {
        let u = uuid.uuid
        let big = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        self.bytes = [big[3], big[2], big[1], big[0], big[5], big[4], big[7], big[6]] + Array(big[8..<16])
    }

    public var isZero: Bool {
        self.bytes.allSatisfy { $0 == 0 }
    }

    public var description: String {
        let b = self.bytes
        let big = [b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]] + Array(b[8..<16])
        let hex = big.map { String(format: "%02X", $0) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}
