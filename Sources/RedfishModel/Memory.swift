/// `.../Memory/{id}`: one DIMM.
public struct Memory: Codable, Sendable, Hashable {
    public static let odataType = "#Memory.v1_17_0.Memory"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var capacityMiB: Int?
    /// `DRAM`, `NVDIMM_N`, ...
    public var memoryType: String?
    /// `DDR4`, `DDR5`, ...
    public var memoryDeviceType: String?
    public var operatingSpeedMhz: Int?
    public var manufacturer: String?
    public var deviceLocator: String?
    public var status: RedfishStatus?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case capacityMiB = "CapacityMiB"
        case memoryType = "MemoryType"
        case memoryDeviceType = "MemoryDeviceType"
        case operatingSpeedMhz = "OperatingSpeedMhz"
        case manufacturer = "Manufacturer"
        case deviceLocator = "DeviceLocator"
        case status = "Status"
    }
}
