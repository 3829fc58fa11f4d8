import NIOCore

/// Get Chassis Status (Chassis 0x01, IPMI 2.0 section 28.2).
public enum GetChassisStatus {
    public static let command = IPMICommand.getChassisStatus

    public enum RestorePolicy: UInt8, Sendable, Hashable {
        case alwaysOff = 0
        case previous = 1
        case alwaysOn = 2
        case unknown = 3
    }

    public struct Response: IPMIWireCodable, Hashable {
        public var powerOn: Bool
        public var powerOverload: Bool
        public var interlock: Bool
        public var mainPowerFault: Bool
        public var powerControlFault: Bool
        public var restorePolicy: RestorePolicy
        public var lastPowerEvent: UInt8
        public var miscellaneous: UInt8
        public var frontPanel: UInt8?

        public init(
            powerOn: Bool, powerOverload: Bool = false, interlock: Bool = false, mainPowerFault: Bool = false,
            powerControlFault: Bool = false, restorePolicy: RestorePolicy = .alwaysOff, lastPowerEvent: UInt8 = 0,
            miscellaneous: UInt8 = 0, frontPanel: UInt8? = nil
        ) {
            self.powerOn = powerOn
            self.powerOverload = powerOverload
            self.interlock = interlock
            self.mainPowerFault = mainPowerFault
            self.powerControlFault = powerControlFault
            self.restorePolicy = restorePolicy
            self.lastPowerEvent = lastPowerEvent
            self.miscellaneous = miscellaneous
            self.frontPanel = frontPanel
        }

        public func encode(into buffer: inout ByteBuffer) {
            var state: UInt8 = self.restorePolicy.rawValue << 5
            if self.powerOn { state |= 0x01 }
            if self.powerOverload { state |= 0x02 }
            if self.interlock { state |= 0x04 }
            if self.mainPowerFault { state |= 0x08 }
            if self.powerControlFault { state |= 0x10 }
            buffer.writeInteger(state)
            buffer.writeInteger(self.lastPowerEvent)
            buffer.writeInteger(self.miscellaneous)
            if let frontPanel = self.frontPanel {
                buffer.writeInteger(frontPanel)
            }
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Response {
            let bytes = try reader.readBytes("get chassis status response", count: 3)
            var frontPanel: UInt8?
            if reader.remaining > 0 {
                frontPanel = try reader.readInteger("get chassis status.front_panel", as: UInt8.self)
            }
            return Response(
                powerOn: bytes[0] & 0x01 != 0, powerOverload: bytes[0] & 0x02 != 0, interlock: bytes[0] & 0x04 != 0,
                mainPowerFault: bytes[0] & 0x08 != 0, powerControlFault: bytes[0] & 0x10 != 0,
                restorePolicy: RestorePolicy(rawValue: (bytes[0] >> 5) & 0x03) ?? .unknown,
                lastPowerEvent: bytes[1], miscellaneous: bytes[2], frontPanel: frontPanel)
        }
    }
}
