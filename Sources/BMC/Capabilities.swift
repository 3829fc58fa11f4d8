import FoundryModel

/// Power as a BMC reports it.
public enum PowerState: String, Sendable, Hashable, CaseIterable {
    case on
    case off
}

/// What a power request asks for. Every request is idempotent: powering on a host that is on succeeds.
public enum PowerAction: String, Sendable, Hashable, CaseIterable {
    case on
    case off
    /// Off, then on again.
    case cycle
    /// Reset without a power cycle.
    case reset
    /// Ask the OS to shut down (ACPI), as `chassis power soft` does.
    case softOff = "soft"
}

public enum BootDevice: String, Sendable, Hashable, CaseIterable {
    case pxe
    case disk
    case cdrom
    case biosSetup = "bios"
}

public enum FirmwareBootMode: String, Sendable, Hashable, CaseIterable {
    case uefi
    case legacy
}

public struct BootOverride: Sendable, Hashable {
    public var device: BootDevice
    /// `false`: next boot only; `true`: every boot until changed.
    public var persistent: Bool
    public var mode: FirmwareBootMode

    public init(device: BootDevice, persistent: Bool = false, mode: FirmwareBootMode = .uefi) {
        self.device = device
        self.persistent = persistent
        self.mode = mode
    }
}

public struct VirtualMediaStatus: Sendable, Hashable {
    public var inserted: Bool
    public var image: String?
    public var deviceID: String?

    public init(inserted: Bool, image: String? = nil, deviceID: String? = nil) {
        self.inserted = inserted
        self.image = image
        self.deviceID = deviceID
    }
}

/// Identity and firmware, as `foundry bmc info` prints it.
public struct BMCInfo: Sendable, Hashable {
    public var manufacturer: String?
    public var model: String?
    public var firmwareVersion: String?
    public var serialNumber: String?
    public var extra: [String: String]

    public init(
        manufacturer: String? = nil,
        model: String? = nil,
        firmwareVersion: String? = nil,
        serialNumber: String? = nil,
        extra: [String: String] = [:]
    ) {
        self.manufacturer = manufacturer
        self.model = model
        self.firmwareVersion = firmwareVersion
        self.serialNumber = serialNumber
        self.extra = extra
    }
}

/// Read and change power. Implementations are idempotent.
public protocol PowerControl: Sendable {
    func powerState() async throws(BMCError) -> PowerState
    func setPower(_ action: PowerAction) async throws(BMCError)
}

/// Choose what the host boots from next.
public protocol BootControl: Sendable {
    func setBootDevice(_ override: BootOverride) async throws(BMCError)
    func bootDevice() async throws(BMCError) -> BootOverride?
}

/// Attach an ISO by URL as a virtual CD.
public protocol VirtualMediaControl: Sendable {
    func insertMedia(url: String) async throws(BMCError)
    func ejectMedia() async throws(BMCError)
    func mediaStatus() async throws(BMCError) -> VirtualMediaStatus
}

/// Identity of the BMC and the system behind it.
public protocol InventoryReader: Sendable {
    func info() async throws(BMCError) -> BMCInfo
}

/// A connection to one BMC; the capabilities it lacks answer `BMCError.unsupported`.
public protocol BMCDriver: PowerControl, BootControl, InventoryReader {
    var address: BMCAddress { get }
    /// Ends sessions and frees sockets. Calls after close fail.
    func close() async
}

public struct BMCCredentials: Sendable, Hashable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Never prints the password.
    public var description: String { "BMCCredentials(username: \(self.username), password: <redacted>)" }
}
