import NIOCore

/// Boot option parameter 5, "boot flags" (IPMI 2.0 table 28-14): where the next (or every) boot goes.
public struct BootFlags: IPMIWireCodable, Hashable {
    public static let length = 5

    /// Bits 5:2 of data byte 2.
    public enum Device: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case noOverride = 0x0
        case pxe = 0x1
        case disk = 0x2
        case diskSafeMode = 0x3
        case diagnosticPartition = 0x4
        case cdrom = 0x5
        case biosSetup = 0x6
        case remoteFloppy = 0x7
        case remoteCDROM = 0x8
        case remoteMedia = 0x9
        case remoteDisk = 0xB
        case floppy = 0xF

        public var description: String {
            switch self {
            case .noOverride: "no override"
            case .pxe: "PXE"
            case .disk: "hard drive"
            case .diskSafeMode: "hard drive, safe mode"
            case .diagnosticPartition: "diagnostic partition"
            case .cdrom: "CD/DVD"
            case .biosSetup: "BIOS setup"
            case .remoteFloppy: "remote floppy"
            case .remoteCDROM: "remote CD/DVD"
            case .remoteMedia: "primary remote media"
            case .remoteDisk: "remote hard drive"
            case .floppy: "floppy"
            }
        }
    }

    /// Bit 7 of byte 1: the flags apply (cleared by the BMC after a one-time boot).
    public var valid: Bool
    /// Bit 6: every boot (true) or the next boot only (false).
    public var persistent: Bool
    /// Bit 5: EFI boot (true) or PC-compatible legacy boot (false).
    public var efi: Bool
    public var device: Device
    public var clearCMOS: Bool
    public var lockKeyboard: Bool
    public var screenBlank: Bool
    public var lockResetButton: Bool
    /// Data bytes 3-5 (console redirection, BIOS verbosity, mux and shared-mode overrides), kept as sent.
    public var otherBytes: [UInt8]

    public init(
        valid: Bool = true, persistent: Bool = false, efi: Bool = false, device: Device, clearCMOS: Bool = false,
        lockKeyboard: Bool = false, screenBlank: Bool = false, lockResetButton: Bool = false,
        otherBytes: [UInt8] = [0, 0, 0]
    ) {
        self.valid = valid
        self.persistent = persistent
        self.efi = efi
        self.device = device
        self.clearCMOS = clearCMOS
        self.lockKeyboard = lockKeyboard
        self.screenBlank = screenBlank
        self.lockResetButton = lockResetButton
        self.otherBytes = otherBytes
    }

    public func encode(into buffer: inout ByteBuffer) {
        var first: UInt8 = 0
        if self.valid { first |= 0x80 }
        if self.persistent { first |= 0x40 }
        if self.efi { first |= 0x20 }
        var second: UInt8 = self.device.rawValue << 2
        if self.clearCMOS { second |= 0x80 }
        if self.lockKeyboard { second |= 0x40 }
        if self.screenBlank { second |= 0x02 }
        if self.lockResetButton { second |= 0x01 }
        buffer.writeInteger(first)
        buffer.writeInteger(second)
        buffer.writeBytes(self.otherBytes.prefix(3))
        buffer.writeRepeatingByte(0, count: max(0, 3 - self.otherBytes.count))
    }

    public static func decode(from reader: inout IPMIReader) throws(IPMIWireError) -> BootFlags {
        let bytes = try reader.readBytes("boot flags", count: Self.length)
        let deviceBits = (bytes[1] >> 2) & 0x0F
        guard let device = Device(rawValue: deviceBits) else {
            throw .invalidValue(
                field: "boot flags.device", value: UInt64(deviceBits), expected: "a defined boot device selector")
        }
        return BootFlags(
            valid: bytes[0] & 0x80 != 0, persistent: bytes[0] & 0x40 != 0, efi: bytes[0] & 0x20 != 0, device: device,
            clearCMOS: bytes[1] & 0x80 != 0, lockKeyboard: bytes[1] & 0x40 != 0, screenBlank: bytes[1] & 0x02 != 0,
            lockResetButton: bytes[1] & 0x01 != 0, otherBytes: Array(bytes[2..<5]))
    }
}
