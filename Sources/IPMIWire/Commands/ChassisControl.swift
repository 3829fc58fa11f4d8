import NIOCore

/// Chassis Control (Chassis 0x02, IPMI 2.0 section 28.3).
public enum ChassisControl {
    public static let command = IPMICommand.chassisControl

    public enum Action: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case powerDown = 0x00
        case powerUp = 0x01
        case powerCycle = 0x02
        case hardReset = 0x03
        case diagnosticInterrupt = 0x04
        /// ACPI soft shutdown through overtemperature emulation, as `chassis power soft` sends it.
        case softShutdown = 0x05

        public var description: String {
            switch self {
            case .powerDown: "power down"
            case .powerUp: "power up"
            case .powerCycle: "power cycle"
            case .hardReset: "hard reset"
            case .diagnosticInterrupt: "pulse diagnostic interrupt"
            case .softShutdown: "soft shutdown"
            }
        }
    }

    public struct Request: IPMIWireCodable, Hashable {
        public var action: Action

        public init(action: Action) {
            self.action = action
        }

        public func encode(into buffer: inout ByteBuffer) {
            buffer.writeInteger(self.action.rawValue)
        }

        public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> Request {
            let byte: UInt8 = try reader.readInteger("chassis control.action")
            guard let action = Action(rawValue: byte & 0x0F) else {
                throw .invalidValue(field: "chassis control.action", value: UInt64(byte), expected: "0-5")
            }
            return Request(action: action)
        }
    }
}
