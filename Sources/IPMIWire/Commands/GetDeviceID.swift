import NIOCore

/// Get Device ID (App 0x01, IPMI 2.0 section 20.1): the BMC's identity and firmware revision.
public enum GetDeviceID {
    public static let command = IPMICommand.getDeviceID

    public struct Response: IPMIWireCodable, Hashable {
        public var deviceID: UInt8
        public var deviceRevision: UInt8
        public var providesSDRs: Bool
        public var deviceAvailable: Bool
        /// 0-127.
        public var firmwareMajor: UInt8
        /// Two BCD digits as a number 0-99.
        public var firmwareMinor: UInt8
        /// BCD: 0x02 is IPMI 2.0, 0x51 is 1.5.
        public var ipmiVersion: UInt8
        public var additionalDeviceSupport: UInt8
        /// 20-bit IANA enterprise number.
        public var manufacturerID: UInt32
        public var productID: UInt16
        public var auxiliaryFirmware: [UInt8]?

        public init(
            deviceID: UInt8 = 0x20, deviceRevision: UInt8 = 0x01, providesSDRs: Bool = false,
            deviceAvailable: Bool = true, firmwareMajor: UInt8, firmwareMinor: UInt8, ipmiVersion: UInt8 = 0x02,
            additionalDeviceSupport: UInt8 = 0xBF, manufacturerID: UInt32, productID: UInt16,
            auxiliaryFirmware: [UInt8]? = nil
        ) {
            self.deviceID = deviceID
            self.deviceRevision = deviceRevision
            self.providesSDRs = providesSDRs
            self.deviceAvailable = deviceAvailable
            self.firmwareMajor = firmwareMajor
            self.firmwareMinor = firmwareMinor
            self.ipmiVersion = ipmiVersion
            self.additionalDeviceSupport = additionalDeviceSupport
            self.manufacturerID = manufacturerID
            self.productID = productID
            self.auxiliaryFirmware = auxiliaryFirmware
        }

        /// `major.minor` as ipmitool prints it.
        public var firmwareRevision: String {
            let minor = self.firmwareMinor < 10 ? "0\(self.firmwareMinor)" : "\(self.firmwareMinor)"
            return "\(self.firmwareMajor).\(minor)"
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.deviceID)
            buffer.writeInteger((self.deviceRevision & 0x0F) | (self.providesSDRs ? 0x80 : 0))
            buffer.writeInteger((self.firmwareMajor & 0x7F) | (self.deviceAvailable ? 0 : 0x80))
            let minor = min(self.firmwareMinor, 99)
            buffer.writeInteger(UInt8((minor / 10) << 4 | (minor % 10)))
            buffer.writeInteger(self.ipmiVersion)
            buffer.writeInteger(self.additionalDeviceSupport)
            buffer.writeIPMIInteger(UInt16(truncatingIfNeeded: self.manufacturerID))
            buffer.writeInteger(UInt8(truncatingIfNeeded: self.manufacturerID >> 16) & 0x0F)
            buffer.writeIPMIInteger(self.productID)
            if let aux = self.auxiliaryFirmware {
                buffer.writeBytes(aux.prefix(4))
                buffer.writeRepeatingByte(0, count: max(0, 4 - aux.count))
            }
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let bytes = try reader.readBytes("get device id response", count: 11)
            let minorBCD = bytes[3]
            guard minorBCD >> 4 <= 9, minorBCD & 0x0F <= 9 else {
                throw .invalidValue(field: "get device id.firmware_minor", value: UInt64(minorBCD), expected: "BCD")
            }
            var aux: [UInt8]?
            if reader.remaining > 0 {
                aux = try reader.readBytes("get device id.auxiliary_firmware", count: 4)
            }
            return Response(
                deviceID: bytes[0], deviceRevision: bytes[1] & 0x0F, providesSDRs: bytes[1] & 0x80 != 0,
                deviceAvailable: bytes[2] & 0x80 == 0, firmwareMajor: bytes[2] & 0x7F,
                firmwareMinor: (minorBCD >> 4) * 10 + (minorBCD & 0x0F), ipmiVersion: bytes[4],
                additionalDeviceSupport: bytes[5],
                manufacturerID: UInt32(bytes[6]) | UInt32(bytes[7]) << 8 | UInt32(bytes[8] & 0x0F) << 16,
                productID: UInt16(bytes[9]) | UInt16(bytes[10]) << 8, auxiliaryFirmware: aux)
        }
    }
}
