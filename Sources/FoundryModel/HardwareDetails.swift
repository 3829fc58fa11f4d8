/// Metal3's `status.hardware`: what inspection found, with the same JSON names.
public struct HardwareDetails: Codable, Sendable, Hashable {
    public var systemVendor: HardwareSystemVendor?
    public var firmware: Firmware?
    public var ramMebibytes: Int?
    public var nics: [NIC]?
    public var storage: [Storage]?
    public var cpu: CPU?
    public var hostname: String?

    public init(
        systemVendor: HardwareSystemVendor? = nil,
        firmware: Firmware? = nil,
        ramMebibytes: Int? = nil,
        nics: [NIC]? = nil,
        storage: [Storage]? = nil,
        cpu: CPU? = nil,
        hostname: String? = nil
    ) {
        self.systemVendor = systemVendor
        self.firmware = firmware
        self.ramMebibytes = ramMebibytes
        self.nics = nics
        self.storage = storage
        self.cpu = cpu
        self.hostname = hostname
    }

    public struct HardwareSystemVendor: Codable, Sendable, Hashable {
        public var manufacturer: String?
        public var productName: String?
        public var serialNumber: String?

        public init(manufacturer: String? = nil, productName: String? = nil, serialNumber: String? = nil) {
            self.manufacturer = manufacturer
            self.productName = productName
            self.serialNumber = serialNumber
        }
    }

    public struct Firmware: Codable, Sendable, Hashable {
        public var bios: BIOS?

        public init(bios: BIOS? = nil) {
            self.bios = bios
        }
    }

    public struct BIOS: Codable, Sendable, Hashable {
        public var date: String?
        public var vendor: String?
        public var version: String?

        public init(date: String? = nil, vendor: String? = nil, version: String? = nil) {
            self.date = date
            self.vendor = vendor
            self.version = version
        }
    }

    public struct NIC: Codable, Sendable, Hashable {
        public var name: String?
        public var model: String?
        public var mac: String?
        public var ip: String?
        public var speedGbps: Int?
        public var vlans: [VLAN]?
        public var vlanId: Int?
        public var pxe: Bool?
        public var lldp: LLDP?
        public var pciAddress: String?

        public init(
            name: String? = nil,
            model: String? = nil,
            mac: String? = nil,
            ip: String? = nil,
            speedGbps: Int? = nil,
            pxe: Bool? = nil,
            pciAddress: String? = nil
        ) {
            self.name = name
            self.model = model
            self.mac = mac
            self.ip = ip
            self.speedGbps = speedGbps
            self.pxe = pxe
            self.pciAddress = pciAddress
        }
    }

    public struct VLAN: Codable, Sendable, Hashable {
        public var id: Int
        public var name: String?
    }

    public struct LLDP: Codable, Sendable, Hashable {
        public var switchID: String?
        public var portID: String?
        public var switchSystemName: String?
    }

    public enum DiskType: String, Codable, Sendable, Hashable, CaseIterable {
        case hdd = "HDD"
        case ssd = "SSD"
        case nvme = "NVME"
    }

    public struct Storage: Codable, Sendable, Hashable {
        public var name: String?
        public var alternateNames: [String]?
        public var rotational: Bool?
        public var type: DiskType?
        public var sizeBytes: Int64?
        public var vendor: String?
        public var model: String?
        public var serialNumber: String?
        public var wwn: String?
        public var wwnVendorExtension: String?
        public var wwnWithExtension: String?
        public var hctl: String?

        public init(name: String? = nil, sizeBytes: Int64? = nil, type: DiskType? = nil, rotational: Bool? = nil) {
            self.name = name
            self.sizeBytes = sizeBytes
            self.type = type
            self.rotational = rotational
        }
    }

    public struct CPU: Codable, Sendable, Hashable {
        public var arch: String?
        public var model: String?
        public var clockMegahertz: Double?
        public var flags: [String]?
        public var count: Int?

        public init(
            arch: String? = nil,
            model: String? = nil,
            clockMegahertz: Double? = nil,
            flags: [String]? = nil,
            count: Int? = nil
        ) {
            self.arch = arch
            self.model = model
            self.clockMegahertz = clockMegahertz
            self.flags = flags
            self.count = count
        }
    }
}
