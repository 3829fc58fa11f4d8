import NIOCore

/// Any datagram on the IPMI port, classified by its RMCP class and session authentication type.
public enum IPMIDatagram: Sendable, Hashable {
    case asf(ASFMessage)
    case ipmi15(IPMI15Packet)
    case rmcpPlus(RMCPPlusEnvelope)

    /// The largest datagram either side accepts; anything longer is refused before it is read.
    public static let maxLength = 1024

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> IPMIDatagram {
        guard reader.remaining <= Self.maxLength else {
            throw .lengthOutOfRange(field: "datagram", length: reader.remaining, limit: Self.maxLength)
        }
        let header = try RMCPHeader.decode(from: &reader)
        switch header.messageClass {
        case .asf:
            return .asf(try ASFMessage.decode(from: &reader))
        case .ipmi:
            guard let authType = reader.peek() else {
                throw .truncated(field: "session.authentication_type", needed: 1, available: 0)
            }
            if authType & 0x0F == RMCPPlusPacket.authenticationType {
                return .rmcpPlus(try RMCPPlusEnvelope.decode(from: &reader))
            }
            return .ipmi15(try IPMI15Packet.decode(from: &reader))
        }
    }

    /// Decodes one datagram's bytes.
    public static func decode(bytes: [UInt8]) throws(IPMIWireError) -> IPMIDatagram {
        guard bytes.count <= Self.maxLength else {
            throw .lengthOutOfRange(field: "datagram", length: bytes.count, limit: Self.maxLength)
        }
        var reader = IPMIReader(bytes)
        return try self.decode(from: &reader)
    }

    /// Decodes the datagram in the buffer's readable bytes, which it consumes.
    public static func decode(from buffer: inout ByteBuffer) throws(IPMIWireError) -> IPMIDatagram {
        guard buffer.readableBytes <= Self.maxLength else {
            throw .lengthOutOfRange(field: "datagram", length: buffer.readableBytes, limit: Self.maxLength)
        }
        var reader = IPMIReader(buffer: buffer)
        defer { buffer.moveReaderIndex(forwardBy: reader.consumed) }
        return try self.decode(from: &reader)
    }

    /// Encodes an ASF or IPMI 1.5 datagram (RMCP+ packets are encoded with their session keys instead).
    public static func encode(_ message: ASFMessage, into buffer: inout ByteBuffer) {
        RMCPHeader(messageClass: .asf).encode(into: &buffer)
        message.encode(into: &buffer)
    }

    public static func encode(_ packet: IPMI15Packet, into buffer: inout ByteBuffer) {
        RMCPHeader(messageClass: .ipmi).encode(into: &buffer)
        packet.encode(into: &buffer)
    }
}
