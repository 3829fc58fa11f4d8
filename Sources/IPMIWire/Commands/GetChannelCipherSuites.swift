import NIOCore

/// Get Channel Cipher Suites (App 0x54, IPMI 2.0 section 22.15): the suite records, 16 bytes per call.
/// A reply with fewer than 16 record bytes ends the list.
public enum GetChannelCipherSuites {
    public static let command = IPMICommand.getChannelCipherSuites
    public static let bytesPerCall = 16
    /// 0x3F: the highest list index a request may carry.
    public static let maxListIndex: UInt8 = 0x3F

    public struct Request: IPMIWireCodable, Hashable {
        public var channel: UInt8
        /// 0 = IPMI, 1 = SOL, ...
        public var payloadType: UInt8
        /// Bit 7: list by cipher suite (the only form Foundry answers).
        public var listBySuite: Bool
        public var listIndex: UInt8

        public init(
            channel: UInt8 = GetChannelAuthenticationCapabilities.currentChannel, payloadType: UInt8 = 0,
            listBySuite: Bool = true, listIndex: UInt8
        ) {
            self.channel = channel
            self.payloadType = payloadType
            self.listBySuite = listBySuite
            self.listIndex = listIndex & 0x3F
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.channel & 0x0F)
            buffer.writeInteger(self.payloadType & 0x3F)
            buffer.writeInteger((self.listIndex & 0x3F) | (self.listBySuite ? 0x80 : 0))
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let bytes = try reader.readBytes("get channel cipher suites", count: 3)
            return Request(
                channel: bytes[0] & 0x0F, payloadType: bytes[1] & 0x3F, listBySuite: bytes[2] & 0x80 != 0,
                listIndex: bytes[2] & 0x3F)
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var channel: UInt8
        public var recordData: [UInt8]

        public init(channel: UInt8, recordData: [UInt8]) {
            self.channel = channel
            self.recordData = recordData
        }

        /// The chunk of `records` that list index `index` returns.
        public static func chunk(of records: [UInt8], index: UInt8, channel: UInt8) -> Response {
            let start = Int(index) * bytesPerCall
            guard start < records.count else {
                return Response(channel: channel, recordData: [])
            }
            return Response(
                channel: channel, recordData: Array(records[start..<min(records.count, start + bytesPerCall)]))
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.channel)
            buffer.writeBytes(self.recordData)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let channel: UInt8 = try reader.readInteger("get channel cipher suites.channel")
            guard reader.remaining <= bytesPerCall else {
                throw .lengthOutOfRange(
                    field: "get channel cipher suites.records", length: reader.remaining, limit: bytesPerCall)
            }
            return Response(channel: channel, recordData: try reader.readBytes("records", count: reader.remaining))
        }
    }

    /// Standard cipher suite records (start byte 0xC0) for `suites`.
    public static func records(for suites: [CipherSuite]) -> [UInt8] {
        suites.flatMap { suite in
            [
                0xC0, suite.id, suite.authentication.rawValue, 0x40 | suite.integrity.rawValue,
                0x80 | suite.confidentiality.rawValue,
            ]
        }
    }

    /// The suite IDs in concatenated record data (standard 0xC0 and OEM 0xC1 records).
    public static func suiteIDs(in records: [UInt8]) throws(IPMIWireError) -> [UInt8] {
        var ids: [UInt8] = []
        var index = 0
        while index < records.count {
            let start = records[index]
            switch start {
            case 0xC0:
                guard index + 1 < records.count else {
                    throw .truncated(field: "cipher suite record", needed: 2, available: records.count - index)
                }
                ids.append(records[index + 1])
                index += 2
            case 0xC1:
                guard index + 4 < records.count else {
                    throw .truncated(field: "OEM cipher suite record", needed: 5, available: records.count - index)
                }
                ids.append(records[index + 1])
                index += 5
            default:
                // Algorithm bytes (tags 00b, 01b, 10b in bits 7:6) follow a suite's start byte.
                guard start & 0xC0 != 0xC0 else {
                    throw .invalidValue(field: "cipher suite record", value: UInt64(start), expected: "0xC0 or 0xC1")
                }
                index += 1
            }
        }
        return ids
    }
}
