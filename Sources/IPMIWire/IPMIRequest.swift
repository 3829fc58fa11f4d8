import NIOCore

/// An IPMI request message as carried on LAN (IPMI 2.0 table 13-4): responder/requester addresses,
/// NetFn/LUN, the 6-bit requester sequence that pairs it with its response, command and data.
public struct IPMIRequest: IPMIWireCodable, Hashable {
    public static let bmcAddress: UInt8 = 0x20
    public static let remoteConsoleAddress: UInt8 = 0x81
    public static let maxDataLength = 255

    public var responderAddress: UInt8
    public var netFunction: NetFunction
    public var responderLUN: UInt8
    public var requesterAddress: UInt8
    /// 0-63.
    public var sequence: UInt8
    public var requesterLUN: UInt8
    public var command: UInt8
    public var data: [UInt8]

    public init(
        _ command: IPMICommand, sequence: UInt8, data: [UInt8] = [], responderAddress: UInt8 = IPMIRequest.bmcAddress,
        requesterAddress: UInt8 = IPMIRequest.remoteConsoleAddress, responderLUN: UInt8 = 0, requesterLUN: UInt8 = 0
    ) {
        self.responderAddress = responderAddress
        self.netFunction = command.netFunction
        self.responderLUN = responderLUN & 0x03
        self.requesterAddress = requesterAddress
        self.sequence = sequence & 0x3F
        self.requesterLUN = requesterLUN & 0x03
        self.command = command.code
        self.data = data
    }

    public var ipmiCommand: IPMICommand {
        IPMICommand(self.netFunction, self.command)
    }

    public func encode(into buffer: inout ByteBuffer) {
        let header = [self.responderAddress, self.netFunction.rawValue << 2 | self.responderLUN]
        buffer.writeBytes(header)
        buffer.writeInteger(IPMIChecksum.compute(header))
        var body = [self.requesterAddress, self.sequence << 2 | self.requesterLUN, self.command]
        body += self.data
        buffer.writeBytes(body)
        buffer.writeInteger(IPMIChecksum.compute(body))
    }

    /// Decodes a whole message: the buffer must end where the message ends.
    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> IPMIRequest {
        let total = reader.remaining
        guard total >= 7 else {
            throw .truncated(field: "ipmi request", needed: 7, available: total)
        }
        guard total - 7 <= Self.maxDataLength else {
            throw .lengthOutOfRange(field: "ipmi request.data", length: total - 7, limit: Self.maxDataLength)
        }
        let bytes = try reader.readBytes("ipmi request", count: total)
        let checksum1 = IPMIChecksum.compute(bytes[0..<2])
        guard checksum1 == bytes[2] else {
            throw .badChecksum(field: "ipmi request.checksum1", expected: checksum1, actual: bytes[2])
        }
        let checksum2 = IPMIChecksum.compute(bytes[3..<(total - 1)])
        guard checksum2 == bytes[total - 1] else {
            throw .badChecksum(field: "ipmi request.checksum2", expected: checksum2, actual: bytes[total - 1])
        }
        let netFunction = NetFunction(rawValue: bytes[1] >> 2)
        guard !netFunction.isResponse else {
            throw .invalidValue(
                field: "ipmi request.netfn", value: UInt64(netFunction.rawValue), expected: "a request (even) NetFn")
        }
        var request = IPMIRequest(
            IPMICommand(netFunction, bytes[5]), sequence: bytes[4] >> 2, data: Array(bytes[6..<(total - 1)]),
            responderAddress: bytes[0], requesterAddress: bytes[3], responderLUN: bytes[1] & 0x03,
            requesterLUN: bytes[4] & 0x03)
        request.netFunction = netFunction
        return request
    }
}
