import NIOCore

extension ByteBuffer {
    @inlinable
    mutating func writeIPMIInteger<T: FixedWidthInteger>(_ value: T) {
        self.writeInteger(value, endianness: .little)
    }
}

/// A value that has a wire form: encoded into a ByteBuffer, decoded from an `IPMIReader`.
public protocol IPMIWireCodable: Sendable {
    func encode(into buffer: inout ByteBuffer)
    static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Self
}

extension IPMIWireCodable {
    /// The encoded bytes, for message data fields.
    public var encodedBytes: [UInt8] {
        var buffer = ByteBuffer()
        self.encode(into: &buffer)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Decodes from the buffer's readable bytes and moves its reader index past what was read.
    public static func decode(from buffer: inout ByteBuffer) throws(IPMIWireError) -> Self {
        var reader = IPMIReader(buffer: buffer)
        let value = try Self.decode(from: &reader)
        buffer.moveReaderIndex(forwardBy: reader.consumed)
        return value
    }

    /// Decodes a whole byte array: leftover bytes are an error.
    public static func decode(bytes: [UInt8]) throws(IPMIWireError) -> Self {
        var reader = IPMIReader(bytes)
        let value = try Self.decode(from: &reader)
        try reader.expectEnd(String(reflecting: Self.self).split(separator: ".").dropFirst().joined(separator: "."))
        return value
    }
}
