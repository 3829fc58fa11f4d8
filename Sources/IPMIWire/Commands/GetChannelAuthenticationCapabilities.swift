import NIOCore

/// Get Channel Authentication Capabilities (App 0x38, IPMI 2.0 section 22.13): sent outside any session
/// to learn whether the BMC speaks IPMI 2.0 and how it authenticates.
public enum GetChannelAuthenticationCapabilities {
    public static let command = IPMICommand.getChannelAuthenticationCapabilities
    /// Channel 0x0E means "the channel this request arrived on".
    public static let currentChannel: UInt8 = 0x0E

    public struct Request: IPMIWireCodable, Hashable {
        public var channel: UInt8
        /// Bit 7 of byte 1: ask for the IPMI 2.0 extended data.
        public var wantsIPMI20Data: Bool
        public var privilege: PrivilegeLevel

        public init(channel: UInt8 = currentChannel, wantsIPMI20Data: Bool = true, privilege: PrivilegeLevel) {
            self.channel = channel
            self.wantsIPMI20Data = wantsIPMI20Data
            self.privilege = privilege
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger((self.channel & 0x0F) | (self.wantsIPMI20Data ? 0x80 : 0))
            buffer.writeInteger(self.privilege.rawValue)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let channelByte: UInt8 = try reader.readInteger("get channel auth caps.channel")
            let privilegeByte: UInt8 = try reader.readInteger("get channel auth caps.privilege")
            guard let privilege = PrivilegeLevel(rawValue: privilegeByte & 0x0F), privilege != .highest else {
                throw .invalidValue(
                    field: "get channel auth caps.privilege", value: UInt64(privilegeByte), expected: "1-5")
            }
            return Request(channel: channelByte & 0x0F, wantsIPMI20Data: channelByte & 0x80 != 0, privilege: privilege)
        }
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var channel: UInt8
        /// IPMI 1.5 authentication types (bit 0 none, 1 MD2, 2 MD5, 4 straight password, 5 OEM).
        public var ipmi15AuthenticationTypes: UInt8
        /// Bit 7 of byte 2: the extended (IPMI 2.0) capabilities byte is meaningful.
        public var extendedCapabilitiesAvailable: Bool
        /// The BMC key Kg is set (not all zeros): the console must know it.
        public var kgIsSet: Bool
        public var perMessageAuthenticationDisabled: Bool
        public var userLevelAuthenticationDisabled: Bool
        public var nonNullUsernamesEnabled: Bool
        public var nullUsernamesEnabled: Bool
        public var anonymousLoginEnabled: Bool
        public var supportsIPMI15: Bool
        public var supportsIPMI20: Bool
        /// 20-bit IANA enterprise number (0 when none).
        public var oemID: UInt32
        public var oemAuxiliary: UInt8

        public init(
            channel: UInt8, ipmi15AuthenticationTypes: UInt8 = 0, extendedCapabilitiesAvailable: Bool = true,
            kgIsSet: Bool = false, perMessageAuthenticationDisabled: Bool = false,
            userLevelAuthenticationDisabled: Bool = false, nonNullUsernamesEnabled: Bool = true,
            nullUsernamesEnabled: Bool = false, anonymousLoginEnabled: Bool = false, supportsIPMI15: Bool = false,
            supportsIPMI20: Bool = true, oemID: UInt32 = 0, oemAuxiliary: UInt8 = 0
        ) {
            self.channel = channel
            self.ipmi15AuthenticationTypes = ipmi15AuthenticationTypes
            self.extendedCapabilitiesAvailable = extendedCapabilitiesAvailable
            self.kgIsSet = kgIsSet
            self.perMessageAuthenticationDisabled = perMessageAuthenticationDisabled
            self.userLevelAuthenticationDisabled = userLevelAuthenticationDisabled
            self.nonNullUsernamesEnabled = nonNullUsernamesEnabled
            self.nullUsernamesEnabled = nullUsernamesEnabled
            self.anonymousLoginEnabled = anonymousLoginEnabled
            self.supportsIPMI15 = supportsIPMI15
            self.supportsIPMI20 = supportsIPMI20
            self.oemID = oemID
            self.oemAuxiliary = oemAuxiliary
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.channel)
            buffer.writeInteger(
                (self.ipmi15AuthenticationTypes & 0x37) | (self.extendedCapabilitiesAvailable ? 0x80 : 0))
            var status: UInt8 = 0
            if self.kgIsSet { status |= 0x20 }
            if self.perMessageAuthenticationDisabled { status |= 0x10 }
            if self.userLevelAuthenticationDisabled { status |= 0x08 }
            if self.nonNullUsernamesEnabled { status |= 0x04 }
            if self.nullUsernamesEnabled { status |= 0x02 }
            if self.anonymousLoginEnabled { status |= 0x01 }
            buffer.writeInteger(status)
            buffer.writeInteger(UInt8((self.supportsIPMI20 ? 0x02 : 0) | (self.supportsIPMI15 ? 0x01 : 0)))
            buffer.writeIPMIInteger(UInt16(truncatingIfNeeded: self.oemID))
            buffer.writeInteger(UInt8(truncatingIfNeeded: self.oemID >> 16))
            buffer.writeInteger(self.oemAuxiliary)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let bytes = try reader.readBytes("get channel auth caps response", count: 8)
            return Response(
                channel: bytes[0], ipmi15AuthenticationTypes: bytes[1] & 0x37,
                extendedCapabilitiesAvailable: bytes[1] & 0x80 != 0, kgIsSet: bytes[2] & 0x20 != 0,
                perMessageAuthenticationDisabled: bytes[2] & 0x10 != 0,
                userLevelAuthenticationDisabled: bytes[2] & 0x08 != 0, nonNullUsernamesEnabled: bytes[2] & 0x04 != 0,
                nullUsernamesEnabled: bytes[2] & 0x02 != 0, anonymousLoginEnabled: bytes[2] & 0x01 != 0,
                supportsIPMI15: bytes[3] & 0x01 != 0, supportsIPMI20: bytes[3] & 0x02 != 0,
                oemID: UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16, oemAuxiliary: bytes[7])
        }
    }
}
