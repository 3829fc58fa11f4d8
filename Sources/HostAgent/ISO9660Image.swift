import Foundation

/// Builds an ISO9660 image (level 2 names, Rock Ridge for the exact lower-case names) holding a
/// few small files: enough for a config drive, without genisoimage at run time.
///
/// Layout: 16 empty system sectors, the primary volume descriptor, the set terminator, the
/// little- and big-endian path tables, the directories (breadth first) and the file data.
public struct ISO9660Image: Sendable {
    public static let sectorSize = 2048

    public struct File: Sendable, Hashable {
        /// Slash-separated, relative: `openstack/latest/meta_data.json`.
        public var path: String
        public var contents: [UInt8]

        public init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }
    }

    public var volumeIdentifier: String
    public var files: [File]
    public var date: Date

    public init(volumeIdentifier: String, files: [File], date: Date) {
        self.volumeIdentifier = volumeIdentifier
        self.files = files
        self.date = date
    }

    // MARK: tree

    final class Node {
        let name: String
        let isDirectory: Bool
        var contents: [UInt8] = []
        var children: [Node] = []
        weak var parent: Node?
        var location: UInt32 = 0
        var length: UInt32 = 0
        var number = 0

        init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }

        /// Level-2 identifier: upper case d-characters; files get `.` and version `;1`.
        var isoIdentifier: [UInt8] {
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
            let mapped = self.name.uppercased().map { allowed.contains($0) || $0 == "." ? $0 : "_" }
            var text = String(mapped)
            if !self.isDirectory {
                if let dot = text.lastIndex(of: ".") {
                    text = text[..<dot].replacingOccurrences(of: ".", with: "_") + text[dot...]
                } else {
                    text += "."
                }
                text += ";1"
            } else {
                text = text.replacingOccurrences(of: ".", with: "_")
            }
            return Array(text.utf8)
        }
    }

    private func tree() throws(DiskFormatError) -> Node {
        let root = Node(name: "", isDirectory: true)
        for file in self.files {
            let components = file.path.split(separator: "/").map(String.init)
            guard let fileName = components.last, !components.contains(where: { $0 == "." || $0 == ".." }) else {
                throw DiskFormatError("ISO9660 image", "file path \"\(file.path)\" is not a relative path")
            }
            var directory = root
            for component in components.dropLast() {
                if let existing = directory.children.first(where: { $0.name == component && $0.isDirectory }) {
                    directory = existing
                } else {
                    let child = Node(name: component, isDirectory: true)
                    child.parent = directory
                    directory.children.append(child)
                    directory = child
                }
            }
            let node = Node(name: fileName, isDirectory: false)
            node.contents = file.contents
            node.parent = directory
            directory.children.append(node)
        }
        try Self.checkNames(root)
        return root
    }

    private static func checkNames(_ directory: Node) throws(DiskFormatError) {
        var seen = Set<[UInt8]>()
        for child in directory.children {
            let identifier = child.isoIdentifier
            guard identifier.count <= 32, child.name.utf8.count <= 100 else {
                throw DiskFormatError("ISO9660 image", "name \"\(child.name)\" is too long for a level-2 identifier")
            }
            guard seen.insert(identifier).inserted else {
                throw DiskFormatError(
                    "ISO9660 image", "two names map to \(String(decoding: identifier, as: UTF8.self))")
            }
            if child.isDirectory {
                try self.checkNames(child)
            }
        }
        directory.children.sort { $0.isoIdentifier.lexicographicallyPrecedes($1.isoIdentifier) }
    }

    private static func directories(_ root: Node) -> [Node] {
        var queue = [root]
        var index = 0
        while index < queue.count {
            queue.append(contentsOf: queue[index].children.filter(\.isDirectory))
            index += 1
        }
        for (number, node) in queue.enumerated() {
            node.number = number + 1
        }
        return queue
    }

    // MARK: building

    /// The image's bytes, a whole number of 2048-byte sectors.
    public func build() throws(DiskFormatError) -> [UInt8] {
        let root = try self.tree()
        let directories = Self.directories(root)
        let files = directories.flatMap { $0.children.filter { !$0.isDirectory } }
        let pathTable = self.pathTable(directories, bigEndian: false)
        let pathTableSectors = UInt32(Self.sectors(pathTable.count))

        var next = 18 + 2 * pathTableSectors
        for directory in directories {
            directory.length = UInt32(Self.sectors(self.directoryLength(directory)) * Self.sectorSize)
            directory.location = next
            next += directory.length / UInt32(Self.sectorSize)
        }
        for file in files {
            file.location = next
            file.length = UInt32(file.contents.count)
            next += UInt32(Self.sectors(file.contents.count))
        }

        var image = [UInt8](repeating: 0, count: Int(next) * Self.sectorSize)
        image.setBytes(
            self.primaryVolumeDescriptor(
                root: root, totalSectors: next, pathTableSize: pathTable.count, pathTableSectors: pathTableSectors),
            at: 16 * Self.sectorSize)
        image.setBytes([255] + Array("CD001".utf8) + [1], at: 17 * Self.sectorSize)
        image.setBytes(self.pathTable(directories, bigEndian: false), at: 18 * Self.sectorSize)
        image.setBytes(self.pathTable(directories, bigEndian: true), at: Int(18 + pathTableSectors) * Self.sectorSize)
        for directory in directories {
            image.setBytes(self.directoryExtent(directory), at: Int(directory.location) * Self.sectorSize)
        }
        for file in files {
            image.setBytes(file.contents, at: Int(file.location) * Self.sectorSize)
        }
        return image
    }

    private static func sectors(_ bytes: Int) -> Int {
        max(1, (bytes + Self.sectorSize - 1) / Self.sectorSize)
    }

    private func primaryVolumeDescriptor(
        root: Node, totalSectors: UInt32, pathTableSize: Int, pathTableSectors: UInt32
    ) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: Self.sectorSize)
        sector[0] = 1
        sector.setBytes(Array("CD001".utf8), at: 1)
        sector[6] = 1
        sector.setBytes(Self.padded("LINUX", 32), at: 8)
        sector.setBytes(Self.padded(self.volumeIdentifier, 32), at: 40)
        sector.setBothEndian(totalSectors, at: 80)
        sector.setBothEndian(UInt16(1), at: 120)
        sector.setBothEndian(UInt16(1), at: 124)
        sector.setBothEndian(UInt16(Self.sectorSize), at: 128)
        sector.setBothEndian(UInt32(pathTableSize), at: 132)
        sector.setLittleEndian(UInt32(18), at: 140)
        sector.setBigEndian(18 + pathTableSectors, at: 148)
        sector.setBytes(self.record(identifier: [0], node: root, systemUse: []), at: 156)
        for (offset, length) in [(190, 128), (318, 128), (446, 128), (702, 37), (739, 37), (776, 37)] {
            sector.setBytes([UInt8](repeating: 0x20, count: length), at: offset)
        }
        sector.setBytes(Self.padded("FOUNDRY CONFIG DRIVE", 128), at: 574)
        let stamp = self.longDate()
        sector.setBytes(stamp, at: 813)
        sector.setBytes(stamp, at: 830)
        sector.setBytes(Array("0000000000000000".utf8) + [0], at: 847)
        sector.setBytes(stamp, at: 864)
        sector[881] = 1
        return sector
    }

    private func pathTable(_ directories: [Node], bigEndian: Bool) -> [UInt8] {
        var table: [UInt8] = []
        for directory in directories {
            let identifier = directory.parent == nil ? [UInt8(0)] : directory.isoIdentifier
            var record = [UInt8](repeating: 0, count: 8 + identifier.count + identifier.count % 2)
            record[0] = UInt8(identifier.count)
            let parent = UInt16(directory.parent?.number ?? 1)
            if bigEndian {
                record.setBigEndian(directory.location, at: 2)
                record.setBigEndian(parent, at: 6)
            } else {
                record.setLittleEndian(directory.location, at: 2)
                record.setLittleEndian(parent, at: 6)
            }
            record.setBytes(identifier, at: 8)
            table += record
        }
        return table
    }

    // MARK: directories

    private func directoryRecords(_ directory: Node) -> [[UInt8]] {
        let isRoot = directory.parent == nil
        // SUSP's "SP" must open the root's "." record; "ER" names Rock Ridge once, there too.
        let dot =
            isRoot
            ? RockRidge.sharingProtocol() + RockRidge.attributes(of: directory) + RockRidge.extensionReference()
            : RockRidge.attributes(of: directory)
        let parent = directory.parent ?? directory
        var records = [
            self.record(identifier: [0], node: directory, systemUse: dot),
            self.record(identifier: [1], node: parent, systemUse: RockRidge.attributes(of: parent)),
        ]
        for child in directory.children {
            let systemUse = RockRidge.attributes(of: child) + RockRidge.alternateName(child.name)
            records.append(self.record(identifier: child.isoIdentifier, node: child, systemUse: systemUse))
        }
        return records
    }

    private func directoryLength(_ directory: Node) -> Int {
        self.pack(self.directoryRecords(directory)).count
    }

    private func directoryExtent(_ directory: Node) -> [UInt8] {
        self.pack(self.directoryRecords(directory))
    }

    /// Records never straddle a sector: one that does not fit starts the next sector.
    private func pack(_ records: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            let room = Self.sectorSize - bytes.count % Self.sectorSize
            if record.count > room {
                bytes += [UInt8](repeating: 0, count: room)
            }
            bytes += record
        }
        return bytes
    }

    private func record(identifier: [UInt8], node: Node, systemUse: [UInt8]) -> [UInt8] {
        let padding = identifier.count % 2 == 0 ? 1 : 0
        var length = 33 + identifier.count + padding + systemUse.count
        length += length % 2
        var record = [UInt8](repeating: 0, count: length)
        record[0] = UInt8(length)
        record.setBothEndian(node.location, at: 2)
        record.setBothEndian(node.length, at: 10)
        record.setBytes(self.shortDate(), at: 18)
        record[25] = node.isDirectory ? 0x02 : 0x00
        record.setBothEndian(UInt16(1), at: 28)
        record[32] = UInt8(identifier.count)
        record.setBytes(identifier, at: 33)
        record.setBytes(systemUse, at: 33 + identifier.count + padding)
        return record
    }

    // MARK: fields

    private static func padded(_ text: String, _ length: Int) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(length))
        return bytes + [UInt8](repeating: 0x20, count: length - bytes.count)
    }

    private var utc: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: self.date)
    }

    private func shortDate() -> [UInt8] {
        let c = self.utc
        return [
            UInt8(clamping: (c.year ?? 1970) - 1900), UInt8(clamping: c.month ?? 1), UInt8(clamping: c.day ?? 1),
            UInt8(clamping: c.hour ?? 0), UInt8(clamping: c.minute ?? 0), UInt8(clamping: c.second ?? 0), 0,
        ]
    }

    private func longDate() -> [UInt8] {
        let c = self.utc
        let text = String(
            format: "%04d%02d%02d%02d%02d%02d00", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
        return Array(text.utf8) + [0]
    }
}

/// The System Use entries of the Rock Ridge extensions (SUSP/RRIP) the image carries.
enum RockRidge {
    /// SUSP "SP": marks the start of SUSP use, in the root's "." record.
    static func sharingProtocol() -> [UInt8] {
        Array("SP".utf8) + [7, 1, 0xBE, 0xEF, 0]
    }

    /// SUSP "ER": names the extension in use (RRIP 1991A).
    static func extensionReference() -> [UInt8] {
        let identifier = Array("RRIP_1991A".utf8)
        let descriptor = Array(
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS".utf8)
        let source = Array("SEE PVD".utf8)
        let length = 8 + identifier.count + descriptor.count + source.count
        return Array("ER".utf8) + [
            UInt8(length), 1, UInt8(identifier.count), UInt8(descriptor.count), UInt8(source.count), 1,
        ]
            + identifier + descriptor + source
    }

    /// RRIP "PX": POSIX mode and link count, read-only for everyone.
    static func attributes(of node: ISO9660Image.Node) -> [UInt8] {
        var entry = [UInt8](repeating: 0, count: 36)
        entry.setBytes(Array("PX".utf8), at: 0)
        entry[2] = 36
        entry[3] = 1
        let mode: UInt32 = node.isDirectory ? 0o040555 : 0o100444
        let links: UInt32 = node.isDirectory ? UInt32(2 + node.children.filter(\.isDirectory).count) : 1
        entry.setBothEndian(mode, at: 4)
        entry.setBothEndian(links, at: 12)
        return entry
    }

    /// RRIP "NM": the file's real name.
    static func alternateName(_ name: String) -> [UInt8] {
        let bytes = Array(name.utf8)
        return Array("NM".utf8) + [UInt8(5 + bytes.count), 1, 0] + bytes
    }
}
