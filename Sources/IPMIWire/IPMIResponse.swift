import NIOCore

/// An IPMI response message as carried on LAN (IPMI 2.0 table 13-4): the request's addresses swapped,
/// the response NetFn, the same sequence and command, a completion code, then data.
public struct IPMIResponse: IPMIWireCodable, Hashable {
    public static let maxDataLength = 255

    public var requesterAddress: UInt8
    public var netFunction: NetFunction
    public var requesterLUN: UInt8
    public var responderAddress: UInt8
    public var sequence: UInt8
    public var responderLUN: UInt8
    public var command: UInt8
    public var completionCode: CompletionCode
    public var data: [UInt8]

    public init(
        requesterAddress: UInt8, netFunction: NetFunction, requesterLUN: UInt8, responderAddress: UInt8,
        sequence: UInt8, responderLUN: UInt8, command: UInt8, completionCode: CompletionCode, data: [UInt8]
    ) {
        self.requesterAddress = requesterAddress
        self.netFunction = netFunction
        self.requesterLUN = requesterLUN & 0x03
        self.responderAddress = responderAddress
        self.sequence = sequence & 0x3F
        self.responderLUN = responderLUN & 0x03
        self.command = command
        self.completionCode = completionCode
        self.data = data
    }

    /// The response to `request`.
    public init(answering request: IPMIRequest, completionCode: CompletionCode = .success, data: [UInt8] = []) {
        self.init(
            requesterAddress: request.requesterAddress, netFunction: request.netFunction.response,
            requesterLUN: request.requesterLUN, responderAddress: request.responderAddress,
            sequence: request.sequence, responderLUN: request.responderLUN, command: request.command,
            completionCode: completionCode, data: completionCode == .success ? data : [])
    }

    /// Whether this answers `request` (same command, sequence and NetFn pair).
    public func answers(_ request: IPMIRequest) -> Bool {
        self.sequence == request.sequence && self.command == request.command
            && self.netFunction == request.netFunction.response
    }

    public func encode(into buffer: inout ByteBuffer) {
        let header = [self.requesterAddress, self.netFunction.rawValue << 2 | self.requesterLUN]
        buffer.writeBytes(header)
        buffer.writeInteger(IPMIChecksum.compute(header))
        var body = [self.responderAddress, self.sequence << 2 | self.responderLUN, self.command]
        body.append(self.completionCode.rawValue)
        body += self.data
        buffer.writeBytes(body)
        buffer.writeInteger(IPMIChecksum.compute(body))
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> IPMIResponse {
        let total = reader.remaining
        guard total >= 8 else {
            throw .truncated(field: "ipmi response", needed: 8, available: total)
        }
        guard total - 8 <= Self.maxDataLength else {
            throw .lengthOutOfRange(field: "ipmi response.data", length: total - 8, limit: Self.maxDataLength)
        }
        let bytes = try reader.readBytes("ipmi response", count: total)
        let checksum1 = IPMIChecksum.compute(bytes[0..<2])
        guard checksum1 == bytes[2] else {
            throw .badChecksum(field: "ipmi response.checksum1", expected: checksum1, actual: bytes[2])
        }
        let checksum2 = IPMIChecksum.compute(bytes[3..<(total - 1)])
        guard checksum2 == bytes[total - 1] else {
            throw .badChecksum(field: "ipmi response.checksum2", expected: checksum2, actual: bytes[total - 1])
        }
        let netFunction = NetFunction(rawValue: bytes[1] >> 2)
        guard netFunction.isResponse else {
            throw .invalidValue(
                field: "ipmi response.netfn", value: UInt64(netFunction.rawValue), expected: "a response (odd) NetFn")
        }
        return IPMIResponse(
            requesterAddress: bytes[0], netFunction: netFunction, requesterLUN: bytes[1] & 0x03,
            responderAddress: bytes[3], sequence: bytes[4] >> 2, responderLUN: bytes[4] & 0x03, command: bytes[5],
            completionCode: CompletionCode(rawValue: bytes[6]), data: Array(bytes[7..<(total - 1)]))
    }
}
