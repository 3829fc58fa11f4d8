/// The header of a qcow2 image, read to refuse the dangerous and the impossible before handing the
/// image to qemu-img: a backing file (which would make qemu-img read another file of the agent's
/// host), an external data file, encryption, or a virtual size larger than the disk.
public struct QCOW2Header: Sendable, Hashable {
    public static let magic: [UInt8] = [0x51, 0x46, 0x49, 0xFB]  // "QFI\xfb"

    public var version: UInt32
    public var backingFileOffset: UInt64
    public var clusterBits: UInt32
    public var virtualSize: UInt64
    public var encryptionMethod: UInt32
    public var incompatibleFeatures: UInt64

    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && Array(bytes[0..<4]) == Self.magic
    }

    public static func parse(_ bytes: [UInt8]) throws(DiskFormatError) -> QCOW2Header {
        let structure = "qcow2 header"
        guard bytes.count >= 72 else {
            throw DiskFormatError(structure, "the image has only \(bytes.count) bytes; a qcow2 header needs 72")
        }
        guard Self.hasMagic(bytes) else {
            throw DiskFormatError(structure, "bytes 0-3 are not the qcow2 magic QFI\\xfb")
        }
        let version = bytes.bigEndian(UInt32.self, at: 4)
        guard version == 2 || version == 3 else {
            throw DiskFormatError(structure, "version (bytes 4-7) is \(version); qemu-img writes 2 or 3")
        }
        let header = QCOW2Header(
            version: version,
            backingFileOffset: bytes.bigEndian(UInt64.self, at: 8),
            clusterBits: bytes.bigEndian(UInt32.self, at: 20),
            virtualSize: bytes.bigEndian(UInt64.self, at: 24),
            encryptionMethod: bytes.bigEndian(UInt32.self, at: 32),
            incompatibleFeatures: version >= 3 && bytes.count >= 80 ? bytes.bigEndian(UInt64.self, at: 72) : 0)
        guard (9...21).contains(header.clusterBits) else {
            throw DiskFormatError(structure, "cluster bits (bytes 20-23) is \(header.clusterBits); it must be 9 to 21")
        }
        return header
    }

    /// Why this image must not be converted onto a disk of `diskSize` bytes, or nil.
    public func refusal(diskSize: Int64) -> String? {
        if self.backingFileOffset != 0 {
            return "the qcow2 image names a backing file (bytes 8-15); only self-contained images are written"
        }
        if self.incompatibleFeatures & (1 << 2) != 0 {
            return "the qcow2 image keeps its data in an external file (incompatible feature bit 2)"
        }
        if self.encryptionMethod != 0 {
            return "the qcow2 image is encrypted (method \(self.encryptionMethod))"
        }
        if self.virtualSize > UInt64(max(0, diskSize)) {
            return
                "the qcow2 image's virtual size (\(self.virtualSize) bytes) is larger than the disk (\(diskSize) bytes)"
        }
        return nil
    }
}
