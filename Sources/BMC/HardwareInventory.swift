/// What a BMC reports about the hardware behind it, without booting anything: enough to check a
/// host against its profile before inspection.
public struct HardwareInventory: Sendable, Hashable {
    public struct CPU: Sendable, Hashable {
        public var socket: String
        public var model: String?
        public var architecture: String?
        public var cores: Int?
        public var threads: Int?
        public var speedMHz: Int?

        public init(
            socket: String, model: String? = nil, architecture: String? = nil, cores: Int? = nil,
            threads: Int? = nil, speedMHz: Int? = nil
        ) {
            self.socket = socket
            self.model = model
            self.architecture = architecture
            self.cores = cores
            self.threads = threads
            self.speedMHz = speedMHz
        }
    }

    public struct DIMM: Sendable, Hashable {
        public var name: String
        public var sizeMebibytes: Int
        public var speedMHz: Int?
        public var type: String?

        public init(name: String, sizeMebibytes: Int, speedMHz: Int? = nil, type: String? = nil) {
            self.name = name
            self.sizeMebibytes = sizeMebibytes
            self.speedMHz = speedMHz
            self.type = type
        }
    }

    public struct NIC: Sendable, Hashable {
        public var name: String
        public var macAddress: String?
        public var speedMbps: Int?
        public var linkUp: Bool?

        public init(name: String, macAddress: String? = nil, speedMbps: Int? = nil, linkUp: Bool? = nil) {
            self.name = name
            self.macAddress = macAddress
            self.speedMbps = speedMbps
            self.linkUp = linkUp
        }
    }

    public struct Disk: Sendable, Hashable {
        public var name: String
        public var sizeBytes: Int64?
        /// `HDD`, `SSD`, as the BMC says.
        public var mediaType: String?
        public var model: String?
        public var serialNumber: String?

        public init(
            name: String, sizeBytes: Int64? = nil, mediaType: String? = nil, model: String? = nil,
            serialNumber: String? = nil
        ) {
            self.name = name
            self.sizeBytes = sizeBytes
            self.mediaType = mediaType
            self.model = model
            self.serialNumber = serialNumber
        }
    }

    public var cpus: [CPU]
    public var memory: [DIMM]
    public var nics: [NIC]
    public var disks: [Disk]

    public init(cpus: [CPU] = [], memory: [DIMM] = [], nics: [NIC] = [], disks: [Disk] = []) {
        self.cpus = cpus
        self.memory = memory
        self.nics = nics
        self.disks = disks
    }

    public var totalMemoryMebibytes: Int {
        self.memory.reduce(0) { $0 + $1.sizeMebibytes }
    }
}

/// Reads the hardware inventory the BMC knows.
public protocol HardwareInventoryReader: Sendable {
    func hardwareInventory() async throws(BMCError) -> HardwareInventory
}
