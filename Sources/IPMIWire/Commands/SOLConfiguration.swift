import NIOCore

/// Get SOL Configuration Parameters (Transport 0x22, IPMI 2.0 section 26.3).
public enum GetSOLConfigurationParameters {
    public static let command = IPMICommand.getSOLConfigurationParameters
    /// Parameter revision 1.1, as the specification defines it.
    public static let revision: UInt8 = 0x11

    public enum Parameter: UInt8, Sendable, Hashable, CaseIterable {
        case setInProgress = 0
        case enable = 1
        case authentication = 2
        case characterAccumulate = 3
        case retry = 4
        case nonVolatileBitRate = 5
        case volatileBitRate = 6
        case payloadChannel = 7
        case payloadPort = 8
    }

    public struct Request: IPMIWireCodable, Hashable {
        public var channel: UInt8
        /// Bit 7 of byte 1: return only the revision.
        public var revisionOnly: Bool
        public var parameter: UInt8
        public var setSelector: UInt8
        public var blockSelector: UInt8

        public init(
            channel: UInt8 = GetChannelAuthenticationCapabilities.currentChannel, revisionOnly: Bool = false,
            parameter: UInt8, setSelector: UInt8 = 0, blockSelector: UInt8 = 0
        ) {
            self.channel = channel
            self.revisionOnly = revisionOnly
            self.parameter = parameter
            self.setSelector = setSelector
            self.blockSelector = blockSelector
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeBytes([
                (self.channel & 0x0F) | (self.revisionOnly ? 0x80 : 0), self.parameter & 0x7F, self.setSelector,
                self.blockSelector,
            ])
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let bytes = try reader.readBytes("get sol configuration", count: 4)
            return Request(
                channel: bytes[0] & 0x0F, revisionOnly: bytes[0] & 0x80 != 0, parameter: bytes[1] & 0x7F,
                setSelector: bytes[2], blockSelector: bytes[3])
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var revision: UInt8
        public var data: [UInt8]

        public init(revision: UInt8 = GetSOLConfigurationParameters.revision, data: [UInt8]) {
            self.revision = revision
            self.data = data
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.revision)
            buffer.writeBytes(self.data)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let revision: UInt8 = try reader.readInteger("sol configuration.revision")
            guard reader.remaining <= 16 else {
                throw .lengthOutOfRange(field: "sol configuration.data", length: reader.remaining, limit: 16)
            }
            return Response(
                revision: revision, data: try reader.readBytes("sol configuration.data", count: reader.remaining))
        }
    }
}
