/// The DOS partition table in sector 0: four primary entries and the 0x55AA signature. A GPT disk
/// carries a protective MBR with one entry of type 0xEE.
public struct MasterBootRecord: Sendable, Hashable {
    public static let protectiveType: UInt8 = 0xEE
    public static let linuxType: UInt8 = 0x83

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public struct Entry: Sendable, Hashable {
        public var bootable: Bool
        public var type: UInt8
        public var firstLBA: UInt32
        public var sectors: UInt32

        public init(bootable: Bool = false, type: UInt8, firstLBA: UInt32, sectors: UInt32) {
            self.bootable = bootable
            self.type = type
            self.firstLBA = firstLBA
            self.sectors = sectors
        }

        public var isEmpty: Bool {
            self.type == 0 || self.sectors == 0
        }

        public var lastLBA: UInt64 {
            UInt64(self.firstLBA) + UInt64(self.sectors) - 1
        }
    }

    public static func hasSignature(_ sector: [UInt8]) -> Bool {
        sector.count >= 512 && sector[510] == 0x55 && sector[511] == 0xAA
    }

    /// The four entries of a sector with the boot signature; nil without it.
    public static func parse(_ sector: [UInt8]) -> MasterBootRecord? {
        guard Self.hasSignature(sector) else {
            return nil
        }
        let entries = (0..<4).map { index in
            let base = 446 + index * 16
            return Entry(
                bootable: sector[base] == 0x80, type: sector[base + 4],
                firstLBA: sector.littleEndian(UInt32.self, at: base + 8),
                sectors: sector.littleEndian(UInt32.self, at: base + 12))
        }
        return MasterBootRecord(entries: entries)
    }

    public var isProtective: Bool {
        self.entries.contains { $0.type == Self.protectiveType }
    }

    public var usedEntries: [Entry] {
        self.entries.filter { !$0.isEmpty }
    }

    /// `sector` (the disk's sector 0, boot code kept) with these entries written in.
    public func encode(into sector: [UInt8]) -> [UInt8] {
        var bytes = sector.count >= 512 ? sector : [UInt8](repeating: 0, count: 512)
        for (index, entry) in self.entries.prefix(4).enumerated() {
            let base = 446 + index * 16
            var record = [UInt8](repeating: 0, count: 16)
            if !entry.isEmpty {
                record[0] = entry.bootable ? 0x80 : 0
                // CHS fields are obsolete; 0xFE 0xFF 0xFF says "use the LBA fields".
                record.setBytes([0xFE, 0xFF, 0xFF], at: 1)
                record[4] = entry.type
                record.setBytes([0xFE, 0xFF, 0xFF], at: 5)
                record.setLittleEndian(entry.firstLBA, at: 8)
                record.setLittleEndian(entry.sectors, at: 12)
            }
            bytes.setBytes(record, at: base)
        }
        bytes[510] = 0x55
        bytes[511] = 0xAA
        return bytes
    }
}
