/// Little- and big-endian fields in on-disk structures (GPT, MBR, ISO9660, qcow2).
extension Array where Element == UInt8 {
    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in (0..<MemoryLayout<T>.size).reversed() {
            value = value << 8 | T(self[offset + index])
        }
        return value
    }

    func bigEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            value = value << 8 | T(self[offset + index])
        }
        return value
    }

    mutating func setLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for index in 0..<MemoryLayout<T>.size {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }

    mutating func setBigEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        let size = MemoryLayout<T>.size
        for index in 0..<size {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - index)))
        }
    }

    /// ISO9660's "both-byte orders" field: little-endian then big-endian.
    mutating func setBothEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        self.setLittleEndian(value, at: offset)
        self.setBigEndian(value, at: offset + MemoryLayout<T>.size)
    }

    mutating func setBytes(_ bytes: some Collection<UInt8>, at offset: Int) {
        self.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }
}
