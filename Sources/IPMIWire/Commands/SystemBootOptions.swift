import NIOCore

/// Set / Get System Boot Options (Chassis 0x08 / 0x09, IPMI 2.0 section 28.12-28.13).
public enum SystemBootOptions {
    public static let setCommand = IPMICommand.setSystemBootOptions
    public static let getCommand = IPMICommand.getSystemBootOptions
    /// The parameter version Get System Boot Options reports.
    public static let parameterVersion: UInt8 = 0x01
    public static let maxParameterData = 32

    /// The parameters ipmitool and FreeIPMI touch around a boot device change.
    public enum Parameter: UInt8, Sendable, Hashable, CaseIterable {
        case setInProgress = 0
        case servicePartitionSelector = 1
        case servicePartitionScan = 2
        case bootFlagValidBitClearing = 3
        case bootInfoAcknowledge = 4
        case bootFlags = 5
        case bootInitiatorInfo = 6
        case bootInitiatorMailbox = 7
    }

    public struct SetRequest: IPMIWireCodable, Hashable {
        public var parameter: UInt8
        /// Bit 7 of byte 1: mark the parameter invalid / locked.
        public var markInvalid: Bool
        public var data: [UInt8]

        public init(parameter: UInt8, markInvalid: Bool = false, data: [UInt8]) {
            self.parameter = parameter & 0x7F
            self.markInvalid = markInvalid
            self.data = data
        }

        public static func bootFlags(_ flags: BootFlags) -> SetRequest {
            SetRequest(parameter: Parameter.bootFlags.rawValue, data: flags.encodedBytes)
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger((self.parameter & 0x7F) | (self.markInvalid ? 0x80 : 0))
            buffer.writeBytes(self.data)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> SetRequest {
            let selector: UInt8 = try reader.readInteger("set system boot options.parameter")
            guard reader.remaining <= maxParameterData else {
                throw .lengthOutOfRange(
                    field: "set system boot options.data", length: reader.remaining, limit: maxParameterData)
            }
            let data = try reader.readBytes("set system boot options.data", count: reader.remaining)
            return SetRequest(parameter: selector & 0x7F, markInvalid: selector & 0x80 != 0, data: data)
        }
    }

    public struct GetRequest: IPMIWireCodable, Hashable {
        public var parameter: UInt8
        public var setSelector: UInt8
        public var blockSelector: UInt8

        public init(parameter: UInt8, setSelector: UInt8 = 0, blockSelector: UInt8 = 0) {
            self.parameter = parameter & 0x7F
            self.setSelector = setSelector
            self.blockSelector = blockSelector
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeBytes([self.parameter & 0x7F, self.setSelector, self.blockSelector])
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> GetRequest {
            let bytes = try reader.readBytes("get system boot options", count: 3)
            return GetRequest(parameter: bytes[0] & 0x7F, setSelector: bytes[1], blockSelector: bytes[2])
        }
    }

    public struct GetResponse: IPMIWireCodable, Hashable {
        public var version: UInt8
        public var parameter: UInt8
        /// Bit 7 of byte 2: the parameter is marked invalid / locked.
        public var invalid: Bool
        public var data: [UInt8]

        public init(
            version: UInt8 = SystemBootOptions.parameterVersion, parameter: UInt8, invalid: Bool = false, data: [UInt8]
        ) {
            self.version = version
            self.parameter = parameter & 0x7F
            self.invalid = invalid
            self.data = data
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.version)
            buffer.writeInteger((self.parameter & 0x7F) | (self.invalid ? 0x80 : 0))
            buffer.writeBytes(self.data)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> GetResponse {
            let version: UInt8 = try reader.readInteger("get system boot options.version")
            let selector: UInt8 = try reader.readInteger("get system boot options.parameter")
            guard reader.remaining <= maxParameterData else {
                throw .lengthOutOfRange(
                    field: "get system boot options.data", length: reader.remaining, limit: maxParameterData)
            }
            let data = try reader.readBytes("get system boot options.data", count: reader.remaining)
            return GetResponse(version: version, parameter: selector & 0x7F, invalid: selector & 0x80 != 0, data: data)
        }
    }
}
