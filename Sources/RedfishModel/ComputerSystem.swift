/// `/redfish/v1/Systems/{id}`: the server itself: power, boot override, and links to its inventory.
public struct ComputerSystem: Codable, Sendable, Hashable {
    public static let odataType = "#ComputerSystem.v1_20_0.ComputerSystem"
    public static let resetAction = "#ComputerSystem.Reset"

    public var odataID: String
    public var odataType: String?
    public var odataEtag: String?
    public var id: String
    public var name: String
    public var description: String?
    public var systemType: String?
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    public var sku: String?
    public var uuid: String?
    public var hostName: String?
    public var biosVersion: String?
    public var powerState: PowerState?
    public var status: RedfishStatus?
    public var boot: Boot?
    public var processorSummary: ProcessorSummary?
    public var memorySummary: MemorySummary?
    public var processors: RedfishLink?
    public var memory: RedfishLink?
    public var ethernetInterfaces: RedfishLink?
    public var simpleStorage: RedfishLink?
    public var storage: RedfishLink?
    public var bios: RedfishLink?
    public var virtualMedia: RedfishLink?
    public var links: Links?
    public var actions: RedfishActions?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    /// The Reset action, when the system advertises one.
    public var resetAction: RedfishAction? {
        self.actions?[Self.resetAction]
    }

    public struct PowerState: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let on = PowerState(rawValue: "On")
        public static let off = PowerState(rawValue: "Off")
        public static let poweringOn = PowerState(rawValue: "PoweringOn")
        public static let poweringOff = PowerState(rawValue: "PoweringOff")
        public static let paused = PowerState(rawValue: "Paused")
    }

    public struct ResetType: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let on = ResetType(rawValue: "On")
        public static let forceOff = ResetType(rawValue: "ForceOff")
        public static let gracefulShutdown = ResetType(rawValue: "GracefulShutdown")
        public static let gracefulRestart = ResetType(rawValue: "GracefulRestart")
        public static let forceRestart = ResetType(rawValue: "ForceRestart")
        public static let nmi = ResetType(rawValue: "Nmi")
        public static let forceOn = ResetType(rawValue: "ForceOn")
        public static let pushPowerButton = ResetType(rawValue: "PushPowerButton")
        public static let powerCycle = ResetType(rawValue: "PowerCycle")
    }

    /// `BootSourceOverrideTarget` values.
    public struct BootSource: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let none = BootSource(rawValue: "None")
        public static let pxe = BootSource(rawValue: "Pxe")
        public static let floppy = BootSource(rawValue: "Floppy")
        public static let cd = BootSource(rawValue: "Cd")
        public static let usb = BootSource(rawValue: "Usb")
        public static let hdd = BootSource(rawValue: "Hdd")
        public static let biosSetup = BootSource(rawValue: "BiosSetup")
        public static let utilities = BootSource(rawValue: "Utilities")
        public static let diags = BootSource(rawValue: "Diags")
        public static let uefiShell = BootSource(rawValue: "UefiShell")
        public static let uefiTarget = BootSource(rawValue: "UefiTarget")
        public static let sdCard = BootSource(rawValue: "SDCard")
        public static let uefiHTTP = BootSource(rawValue: "UefiHttp")
        public static let remoteDrive = BootSource(rawValue: "RemoteDrive")
        public static let uefiBootNext = BootSource(rawValue: "UefiBootNext")
    }

    public struct BootSourceOverrideEnabled: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let disabled = BootSourceOverrideEnabled(rawValue: "Disabled")
        public static let once = BootSourceOverrideEnabled(rawValue: "Once")
        public static let continuous = BootSourceOverrideEnabled(rawValue: "Continuous")
    }

    public struct BootSourceOverrideMode: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let legacy = BootSourceOverrideMode(rawValue: "Legacy")
        public static let uefi = BootSourceOverrideMode(rawValue: "UEFI")
    }

    public struct Boot: Codable, Sendable, Hashable {
        public var bootSourceOverrideTarget: BootSource?
        public var bootSourceOverrideTargetAllowableValues: [BootSource]?
        public var bootSourceOverrideEnabled: BootSourceOverrideEnabled?
        public var bootSourceOverrideEnabledAllowableValues: [BootSourceOverrideEnabled]?
        public var bootSourceOverrideMode: BootSourceOverrideMode?
        public var bootSourceOverrideModeAllowableValues: [BootSourceOverrideMode]?

        public init(
            target: BootSource? = nil,
            enabled: BootSourceOverrideEnabled? = nil,
            mode: BootSourceOverrideMode? = nil
        ) {
            self.bootSourceOverrideTarget = target
            self.bootSourceOverrideEnabled = enabled
            self.bootSourceOverrideMode = mode
        }

        enum CodingKeys: String, CodingKey {
            case bootSourceOverrideTarget = "BootSourceOverrideTarget"
            case bootSourceOverrideTargetAllowableValues = "BootSourceOverrideTarget@Redfish.AllowableValues"
            case bootSourceOverrideEnabled = "BootSourceOverrideEnabled"
            case bootSourceOverrideEnabledAllowableValues = "BootSourceOverrideEnabled@Redfish.AllowableValues"
            case bootSourceOverrideMode = "BootSourceOverrideMode"
            case bootSourceOverrideModeAllowableValues = "BootSourceOverrideMode@Redfish.AllowableValues"
        }
    }

    public struct ProcessorSummary: Codable, Sendable, Hashable {
        public var count: Int?
        public var logicalProcessorCount: Int?
        public var model: String?

        public init(count: Int?, logicalProcessorCount: Int?, model: String?) {
            self.count = count
            self.logicalProcessorCount = logicalProcessorCount
            self.model = model
        }

        enum CodingKeys: String, CodingKey {
            case count = "Count"
            case logicalProcessorCount = "LogicalProcessorCount"
            case model = "Model"
        }
    }

    public struct MemorySummary: Codable, Sendable, Hashable {
        public var totalSystemMemoryGiB: Double?

        public init(totalSystemMemoryGiB: Double?) {
            self.totalSystemMemoryGiB = totalSystemMemoryGiB
        }

        enum CodingKeys: String, CodingKey {
            case totalSystemMemoryGiB = "TotalSystemMemoryGiB"
        }
    }

    public struct Links: Codable, Sendable, Hashable {
        public var chassis: [RedfishLink]?
        public var managedBy: [RedfishLink]?

        public init(chassis: [RedfishLink]? = nil, managedBy: [RedfishLink]? = nil) {
            self.chassis = chassis
            self.managedBy = managedBy
        }

        enum CodingKeys: String, CodingKey {
            case chassis = "Chassis"
            case managedBy = "ManagedBy"
        }
    }

    /// The body of a PATCH that sets the boot override.
    public struct BootPatch: Codable, Sendable, Hashable {
        public var boot: Boot

        public init(boot: Boot) {
            self.boot = boot
        }

        enum CodingKeys: String, CodingKey {
            case boot = "Boot"
        }
    }

    /// The body of `#ComputerSystem.Reset`.
    public struct ResetRequest: Codable, Sendable, Hashable {
        public var resetType: ResetType?

        public init(resetType: ResetType?) {
            self.resetType = resetType
        }

        enum CodingKeys: String, CodingKey {
            case resetType = "ResetType"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case odataEtag = "@odata.etag"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case systemType = "SystemType"
        case manufacturer = "Manufacturer"
        case model = "Model"
        case serialNumber = "SerialNumber"
        case sku = "SKU"
        case uuid = "UUID"
        case hostName = "HostName"
        case biosVersion = "BiosVersion"
        case powerState = "PowerState"
        case status = "Status"
        case boot = "Boot"
        case processorSummary = "ProcessorSummary"
        case memorySummary = "MemorySummary"
        case processors = "Processors"
        case memory = "Memory"
        case ethernetInterfaces = "EthernetInterfaces"
        case simpleStorage = "SimpleStorage"
        case storage = "Storage"
        case bios = "Bios"
        case virtualMedia = "VirtualMedia"
        case links = "Links"
        case actions = "Actions"
    }
}
