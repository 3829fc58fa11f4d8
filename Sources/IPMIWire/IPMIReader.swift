import NIOCore

/// A cursor over one message's bytes. Decoders read through it rather than through ByteBuffer's
/// generic integer reads: a datagram is copied out of its buffer once, then every field is a bounds
/// check and an index, which keeps decoding cheap even in unoptimised (debug) builds.
public struct IPMIReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var index = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The readable bytes of `buffer` (the buffer itself is not moved).
    public init(buffer: ByteBuffer) {
        self.init(buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [])
    }

    public var remaining: Int { self.bytes.count - self.index }
    public var consumed: Int { self.index }

    /// The next byte, without consuming it.
    public func peek() -> UInt8? {
        self.index < self.bytes.count ? self.bytes[self.index] : nil
    }

    private func need(_ field: String, _ count: Int) throws(IPMIWireError) {
        guard count >= 0, count <= self.remaining else {
            throw .truncated(field: field, needed: count, available: self.remaining)
        }
    }

    public mutating func readInteger(_ field: String, as: UInt8.Type = UInt8.self) throws(IPMIWireError) -> UInt8 {
        try self.need(field, 1)
        defer { self.index += 1 }
        return self.bytes[self.index]
    }

    /// Little-endian, as IPMI writes every multi-byte integer.
    public mutating func readInteger(_ field: String, as: UInt16.Type = UInt16.self) throws(IPMIWireError) -> UInt16 {
        try self.need(field, 2)
        defer { self.index += 2 }
        return UInt16(self.bytes[self.index]) | UInt16(self.bytes[self.index + 1]) << 8
    }

    public mutating func readInteger(_ field: String, as: UInt32.Type = UInt32.self) throws(IPMIWireError) -> UInt32 {
        try self.need(field, 4)
        defer { self.index += 4 }
        let b = self.bytes
        let i = self.index
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// Big-endian, for the ASF fields that use network order.
    public mutating func readBigEndianUInt32(_ field: String) throws(IPMIWireError) -> UInt32 {
        try self.need(field, 4)
        defer { self.index += 4 }
        let b = self.bytes
        let i = self.index
        return UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    /// Exactly `count` bytes; the count is checked against what is there before anything is copied.
    public mutating func readBytes(_ field: String, count: Int) throws(IPMIWireError) -> [UInt8] {
        try self.need(field, count)
        defer { self.index += count }
        return Array(self.bytes[self.index..<(self.index + count)])
    }

    public mutating func skip(_ field: String, count: Int) throws(IPMIWireError) {
        try self.need(field, count)
        self.index += count
    }

    /// Bytes already read, from `start` (for the part of a packet an integrity code covers).
    public func consumedBytes(from start: Int) -> [UInt8] {
        Array(self.bytes[min(start, self.index)..<self.index])
    }

    /// Throws when bytes are left after a message that must end here.
    public func expectEnd(_ field: String) throws(IPMIWireError) {
        if self.remaining > 0 {
            throw .trailingBytes(field: field, count: self.remaining)
        }
    }
}
