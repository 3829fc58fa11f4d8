import NIOCore

/// An ASF message (RMCP class 6): the presence ping a console sends to find a BMC, and the pong.
public struct ASFMessage: IPMIWireCodable, Hashable {
    public static let asfIANA: UInt32 = 4542
    public static let maxDataLength = 64

    public enum MessageType: UInt8, Sendable, Hashable {
        case presencePong = 0x40
        case presencePing = 0x80
    }

    public var type: MessageType
    public var tag: UInt8
    public var data: [UInt8]

    public init(type: MessageType, tag: UInt8, data: [UInt8] = []) {
        self.type = type
        self.tag = tag
        self.data = data
    }

    /// The pong a BMC that supports IPMI sends back for `ping`.
    public static func pong(answering ping: ASFMessage) -> ASFMessage {
        var data: [UInt8] = [0x00, 0x00, 0x11, 0xBE]  // IANA 4542, big-endian as ASF writes it
        data += [0, 0, 0, 0]  // OEM-defined
        data.append(0x81)  // supported entities: IPMI, ASF 1.0
        data.append(0x00)  // supported interactions
        data += [UInt8](repeating: 0, count: 6)
        return ASFMessage(type: .presencePong, tag: ping.tag, data: data)
    }

    /// Whether a pong says the BMC speaks IPMI.
    public var announcesIPMI: Bool {
        self.type == .presencePong && self.data.count >= 9 && self.data[8] & 0x80 != 0
    }

    /// Encodes the message body; the RMCP header (class ASF) goes before it.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Self.asfIANA, endianness: .big)
        buffer.writeInteger(self.type.rawValue)
        buffer.writeInteger(self.tag)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt8(self.data.count))
        buffer.writeBytes(self.data)
    }

    /// Decodes the message that follows an RMCP header of class ASF.
    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> ASFMessage {
        let iana = try reader.readBigEndianUInt32("asf.iana")
        guard iana == Self.asfIANA else {
            throw .invalidValue(field: "asf.iana", value: UInt64(iana), expected: "4542 (ASF)")
        }
        let typeByte: UInt8 = try reader.readInteger("asf.type")
        guard let type = MessageType(rawValue: typeByte) else {
            throw .invalidValue(field: "asf.type", value: UInt64(typeByte), expected: "0x80 (ping) or 0x40 (pong)")
        }
        let tag: UInt8 = try reader.readInteger("asf.tag")
        try reader.skip("asf.reserved", count: 1)
        let length = Int(try reader.readInteger("asf.length", as: UInt8.self))
        guard length <= Self.maxDataLength else {
            throw .lengthOutOfRange(field: "asf.length", length: length, limit: Self.maxDataLength)
        }
        let data = try reader.readBytes("asf.data", count: length)
        return ASFMessage(type: type, tag: tag, data: data)
    }
}
