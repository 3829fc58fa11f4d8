/// `/redfish/v1/Chassis/{id}`: the physical enclosure.
public struct Chassis: Codable, Sendable, Hashable {
    public static let odataType = "#Chassis.v1_14_0.Chassis"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    /// `RackMount`, `Blade`, `Enclosure`, ...
    public var chassisType: String?
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    public var powerState: ComputerSystem.PowerState?
    public var status: RedfishStatus?
    public var links: Links?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    public struct Links: Codable, Sendable, Hashable {
        public var computerSystems: [RedfishLink]?
        public var managedBy: [RedfishLink]?

        public init(computerSystems: [RedfishLink]? = nil, managedBy: [RedfishLink]? = nil) {
            self.computerSystems = computerSystems
            self.managedBy = managedBy
        }

        enum CodingKeys: String, CodingKey {
            case computerSystems = "ComputerSystems"
            case managedBy = "ManagedBy"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case chassisType = "ChassisType"
        case manufacturer = "Manufacturer"
        case model = "Model"
        case serialNumber = "SerialNumber"
        case powerState = "PowerState"
        case status = "Status"
        case links = "Links"
    }
}
