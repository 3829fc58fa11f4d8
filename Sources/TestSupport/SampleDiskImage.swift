import Foundation

/// A small raw disk image for provisioning tests and benchmarks: a DOS partition table with one
/// Linux partition covering the image (so that the agent can add its config drive partition after
/// it), then a recognisable byte pattern.
public struct SampleDiskImage: Sendable {
    public static let sectorSize = 512

    public let bytes: [UInt8]

    /// `size` is rounded up to whole sectors, at least two.
    public init(size: Int, seed: UInt8 = 7) {
        let sectors = max(2, (size + Self.sectorSize - 1) / Self.sectorSize)
        var bytes = (0..<(sectors * Self.sectorSize)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
        bytes.replaceSubrange(0..<Self.sectorSize, with: Self.partitionSector(sectors: sectors))
        self.bytes = bytes
    }

    /// Everything after the partition table sector, which the agent leaves alone (it adds an entry
    /// to the table for the config drive).
    public var payload: ArraySlice<UInt8> {
        self.bytes[Self.sectorSize...]
    }

    /// Writes the image to `url` and returns its sha256 (hex).
    @discardableResult
    public func write(to url: URL) async throws -> String {
        try Data(self.bytes).write(to: url)
        let digest = try await ProcessRunner.run(try ExternalTool.path("sha256sum"), [url.path]).stdout.prefix(64)
        return String(digest)
    }

    /// Sector 0: partition 1 (type 0x83) from LBA 1 to the image's last sector, then 0x55AA.
    private static func partitionSector(sectors: Int) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: Self.sectorSize)
        let entry = 446
        sector[entry + 4] = 0x83
        Self.putLittleEndian(1, into: &sector, at: entry + 8)
        Self.putLittleEndian(UInt32(sectors - 1), into: &sector, at: entry + 12)
        sector[510] = 0x55
        sector[511] = 0xAA
        return sector
    }

    private static func putLittleEndian(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }
}
