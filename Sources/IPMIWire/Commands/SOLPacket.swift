import NIOCore

/// A Serial-over-LAN payload (payload type 1, IPMI 2.0 table 15-2): sequence numbers for
/// acknowledgement, an accepted-character count, status or operation bits, then characters.
public struct SOLPacket: IPMIWireCodable, Hashable {
    public static let headerLength = 4
    public static let maxCharacters = 255

    /// 1-15; 0 marks an acknowledgement-only packet that carries no characters.
    public var sequence: UInt8
    /// The packet this one acknowledges, or 0.
    public var ackSequence: UInt8
    public var acceptedCharacters: UInt8
    /// BMC to console: bit 6 NACK, 5 character transfer unavailable, 4 SOL deactivating, 3 transmit overrun,
    /// 2 break detected. Console to BMC: bit 6 NACK, 5 ring/WOR, 4 generate break, 3 CTS pause, 2 drop DCD/DSR,
    /// 1 flush inbound, 0 flush outbound.
    public var status: UInt8
    public var data: [UInt8]

    public static let nack: UInt8 = 0x40
    public static let deactivating: UInt8 = 0x10
    public static let generateBreak: UInt8 = 0x10

    public init(
        sequence: UInt8, ackSequence: UInt8 = 0, acceptedCharacters: UInt8 = 0, status: UInt8 = 0, data: [UInt8] = []
    ) {
        self.sequence = sequence & 0x0F
        self.ackSequence = ackSequence & 0x0F
        self.acceptedCharacters = acceptedCharacters
        self.status = status
        self.data = data
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes([self.sequence & 0x0F, self.ackSequence & 0x0F, self.acceptedCharacters, self.status])
        buffer.writeBytes(self.data.prefix(Self.maxCharacters))
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> SOLPacket {
        let header = try reader.readBytes("sol packet header", count: Self.headerLength)
        guard reader.remaining <= Self.maxCharacters else {
            throw .lengthOutOfRange(field: "sol packet.data", length: reader.remaining, limit: Self.maxCharacters)
        }
        let data = try reader.readBytes("sol packet.data", count: reader.remaining)
        return SOLPacket(
            sequence: header[0] & 0x0F, ackSequence: header[1] & 0x0F, acceptedCharacters: header[2],
            status: header[3], data: data)
    }
}
