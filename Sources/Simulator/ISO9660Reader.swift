import Foundation

/// Reads files out of an ISO9660 image: the primary volume descriptor, the directory tree and
/// file extents, with Rock Ridge names where the image has them (names then match exactly),
/// ISO9660 identifiers otherwise (matched without case and without the `;1` version).
///
/// The image is read through a closure (bytes in memory, a partition of a disk file), and every
/// location and length it gives is checked against the image's size before anything is read.
public struct ISO9660Reader: Sendable {
    public typealias ReadBytes = @Sendable (_ offset: Int64, _ count: Int) throws -> [UInt8]

    public static let sectorSize = 2048
    /// Largest directory extent read: a config drive's directories take a sector or two.
    public static let maximumDirectoryBytes = 1 << 20
    static let maximumDepth = 16
    static let maximumDescriptors = 64

    public let size: Int64
    public let volumeIdentifier: String
    private let read: ReadBytes
    private let blockSize: Int
    private let root: Record
    /// Bytes to skip at the start of each System Use area (the root's SUSP "SP" entry says).
    private var systemUseSkip = 0

    /// A directory record: where its extent is and what it is called.
    struct Record: Sendable, Hashable {
        var location: UInt32
        var length: UInt32
        var isDirectory: Bool
        var identifier: [UInt8]
        var systemUse: [UInt8]
    }

    public init(size: Int64, read: @escaping ReadBytes) throws(ISO9660ReadError) {
        self.size = size
        self.read = read
        let descriptor = try Self.primaryVolumeDescriptor(size: size, read: read)
        let blockSize = Int(descriptor.littleEndianUInt16(at: 128))
        guard [512, 1024, 2048].contains(blockSize) else {
            throw ISO9660ReadError(
                "primary volume descriptor", "logical block size \(blockSize) is not 512, 1024 or 2048")
        }
        self.blockSize = blockSize
        self.volumeIdentifier = String(decoding: descriptor[40..<72], as: UTF8.self)
            .trimmingCharacters(in: .whitespaces.union(.controlCharacters))
        let root = try Self.record(Array(descriptor[156..<190]), context: "the root directory record")
        guard root.isDirectory else {
            throw ISO9660ReadError("the root directory record", "is not flagged as a directory")
        }
        self.root = root
        self.systemUseSkip = try self.sharingProtocolSkip()
    }

    /// An image held in memory.
    public init(bytes: [UInt8]) throws(ISO9660ReadError) {
        try self.init(size: Int64(bytes.count)) { offset, count in
            Array(bytes[Int(offset)..<Int(offset) + count])
        }
    }

    // MARK: files

    /// The bytes of the file at `path` (`openstack/latest/meta_data.json`); throws when it is
    /// missing, is a directory, or is larger than `limit`.
    public func file(at path: String, limit: Int = 16 << 20) throws(ISO9660ReadError) -> [UInt8] {
        let record = try self.lookup(path)
        guard !record.isDirectory else {
            throw ISO9660ReadError(path, "is a directory")
        }
        guard Int(record.length) <= limit else {
            throw ISO9660ReadError(path, "has \(record.length) bytes, more than the \(limit) allowed")
        }
        return try self.extent(record, context: path)
    }

    /// The names in the directory at `path` ("" for the root), without "." and "..".
    public func contents(of path: String) throws(ISO9660ReadError) -> [String] {
        let record = path.isEmpty ? self.root : try self.lookup(path)
        guard record.isDirectory else {
            throw ISO9660ReadError(path, "is not a directory")
        }
        return try self.children(of: record, context: path.isEmpty ? "/" : path).map { self.name(of: $0) }
    }

    private func lookup(_ path: String) throws(ISO9660ReadError) -> Record {
        let components = path.split(separator: "/").map(String.init)
        guard !components.isEmpty, components.count <= Self.maximumDepth else {
            throw ISO9660ReadError(path, "is not a file path within \(Self.maximumDepth) levels")
        }
        var current = self.root
        var walked = ""
        for component in components {
            guard current.isDirectory else {
                throw ISO9660ReadError(walked, "is not a directory")
            }
            let children = try self.children(of: current, context: walked.isEmpty ? "/" : walked)
            walked += walked.isEmpty ? component : "/" + component
            guard let child = children.first(where: { self.matches($0, component) }) else {
                throw ISO9660ReadError(walked, "is not on the image")
            }
            current = child
        }
        return current
    }

    private func matches(_ record: Record, _ name: String) -> Bool {
        if let rockRidge = self.rockRidgeName(record) {
            return rockRidge == name
        }
        return Self.plainName(record.identifier).lowercased() == name.lowercased()
    }

    private func name(of record: Record) -> String {
        self.rockRidgeName(record) ?? Self.plainName(record.identifier)
    }

    /// `META_DATA.JSON;1` as `META_DATA.JSON`; a file without extension loses its trailing dot.
    static func plainName(_ identifier: [UInt8]) -> String {
        var text = String(decoding: identifier, as: UTF8.self)
        if let semicolon = text.lastIndex(of: ";") {
            text = String(text[..<semicolon])
        }
        if text.hasSuffix(".") {
            text.removeLast()
        }
        return text
    }

    // MARK: directories

    private func children(of directory: Record, context: String) throws(ISO9660ReadError) -> [Record] {
        guard Int(directory.length) <= Self.maximumDirectoryBytes else {
            throw ISO9660ReadError(
                "directory \(context)", "has \(directory.length) bytes, more than \(Self.maximumDirectoryBytes)")
        }
        let bytes = try self.extent(directory, context: "directory \(context)")
        var records: [Record] = []
        var offset = 0
        while offset < bytes.count {
            let length = Int(bytes[offset])
            if length == 0 {
                // Records never straddle a sector: the rest of this one is padding.
                offset = (offset / Self.sectorSize + 1) * Self.sectorSize
                continue
            }
            guard length >= 34, offset + length <= bytes.count else {
                throw ISO9660ReadError(
                    "directory \(context)", "the record at byte \(offset) has length \(length), which does not fit")
            }
            let record = try Self.record(
                Array(bytes[offset..<offset + length]), context: "directory \(context), record at byte \(offset)")
            // "." and ".." are the one-byte identifiers 0 and 1.
            if !(record.identifier == [0] || record.identifier == [1]) {
                records.append(record)
            }
            offset += length
        }
        return records
    }

    static func record(_ bytes: [UInt8], context: String) throws(ISO9660ReadError) -> Record {
        guard bytes.count >= 34, Int(bytes[0]) <= bytes.count else {
            throw ISO9660ReadError(context, "is \(bytes.count) bytes, too short for a directory record")
        }
        let length = Int(bytes[0])
        let identifierLength = Int(bytes[32])
        guard identifierLength > 0, 33 + identifierLength <= length else {
            throw ISO9660ReadError(context, "identifier length \(identifierLength) does not fit its \(length) bytes")
        }
        let identifier = Array(bytes[33..<33 + identifierLength])
        let systemUseStart = 33 + identifierLength + (identifierLength % 2 == 0 ? 1 : 0)
        let systemUse = systemUseStart < length ? Array(bytes[systemUseStart..<length]) : []
        return Record(
            location: bytes.littleEndianUInt32(at: 2), length: bytes.littleEndianUInt32(at: 10),
            isDirectory: bytes[25] & 0x02 != 0, identifier: identifier, systemUse: systemUse)
    }

    private func extent(_ record: Record, context: String) throws(ISO9660ReadError) -> [UInt8] {
        let offset = Int64(record.location) * Int64(self.blockSize)
        guard offset + Int64(record.length) <= self.size else {
            throw ISO9660ReadError(
                context,
                "its extent (block \(record.location), \(record.length) bytes) lies beyond the image's \(self.size) bytes"
            )
        }
        guard record.length > 0 else {
            return []
        }
        do {
            return try self.read(offset, Int(record.length))
        } catch {
            throw ISO9660ReadError(context, "cannot be read: \(error)")
        }
    }

    // MARK: volume descriptors

    private static func primaryVolumeDescriptor(size: Int64, read: ReadBytes) throws(ISO9660ReadError) -> [UInt8] {
        for index in 0..<Self.maximumDescriptors {
            let offset = Int64(16 + index) * Int64(Self.sectorSize)
            guard offset + Int64(Self.sectorSize) <= size else {
                throw ISO9660ReadError(
                    "volume descriptor set",
                    index == 0
                        ? "the image has \(size) bytes, too few for sector 16"
                        : "ends without a primary volume descriptor")
            }
            let sector: [UInt8]
            do {
                sector = try read(offset, Self.sectorSize)
            } catch {
                throw ISO9660ReadError("sector \(16 + index)", "cannot be read: \(error)")
            }
            guard sector.count == Self.sectorSize, Array(sector[1..<6]) == Array("CD001".utf8) else {
                throw ISO9660ReadError("sector \(16 + index)", "is not a volume descriptor (no \"CD001\")")
            }
            switch sector[0] {
            case 1: return sector
            case 255:
                throw ISO9660ReadError("volume descriptor set", "ends without a primary volume descriptor")
            default: continue
            }
        }
        throw ISO9660ReadError(
            "volume descriptor set", "has no primary volume descriptor in \(Self.maximumDescriptors)")
    }

    // MARK: Rock Ridge

    /// SUSP "SP" in the root's "." record: its presence says SUSP is in use, its last byte how many
    /// bytes to skip in every System Use area.
    private func sharingProtocolSkip() throws(ISO9660ReadError) -> Int {
        guard Int(self.root.length) <= Self.maximumDirectoryBytes, self.root.length >= 34 else {
            return 0
        }
        let first = try self.extent(
            Record(
                location: self.root.location, length: UInt32(min(Int(self.root.length), Self.sectorSize)),
                isDirectory: true, identifier: [0], systemUse: []),
            context: "the root directory")
        guard let length = first.first, length >= 34, Int(length) <= first.count else {
            return 0
        }
        let dot = try Self.record(Array(first[0..<Int(length)]), context: "the root directory's \".\" record")
        let area = dot.systemUse
        guard area.count >= 7, area[0] == UInt8(ascii: "S"), area[1] == UInt8(ascii: "P"), area[4] == 0xBE,
            area[5] == 0xEF
        else {
            return 0
        }
        return Int(area[6])
    }

    /// The name from Rock Ridge "NM" entries (continued ones joined), if the record has one.
    private func rockRidgeName(_ record: Record) -> String? {
        let area = record.systemUse
        var offset = self.systemUseSkip
        var name: [UInt8] = []
        var found = false
        while offset + 4 <= area.count {
            let length = Int(area[offset + 2])
            guard length >= 4, offset + length <= area.count else {
                break
            }
            if area[offset] == UInt8(ascii: "N"), area[offset + 1] == UInt8(ascii: "M"), length >= 5 {
                let flags = area[offset + 4]
                // Flags 2 and 4 name "." and ".."; those records never reach here.
                if flags & 0x06 == 0 {
                    name += area[offset + 5..<offset + length]
                    found = true
                }
            }
            offset += length
        }
        return found ? String(decoding: name, as: UTF8.self) : nil
    }
}

/// An ISO9660 image that does not read: says where (`sector 16`, `openstack/latest/user_data`) and what is wrong.
public struct ISO9660ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: String
    public var reason: String

    public init(_ location: String, _ reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String {
        "ISO9660 image: \(self.location): \(self.reason)"
    }
}

extension Array where Element == UInt8 {
    fileprivate func littleEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    fileprivate func littleEndianUInt32(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[offset + $1]) << (8 * $1) }
    }
}
