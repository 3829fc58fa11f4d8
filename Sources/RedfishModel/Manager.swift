/// `/redfish/v1/Managers/{id}`: the BMC itself; on many vendors it owns the virtual media.
public struct Manager: Codable, Sendable, Hashable {
    public static let odataType = "#Manager.v1_15_0.Manager"
    public static let resetAction = "#Manager.Reset"

    public var odataID: String
    public var odataType: String?
    public var odataEtag: String?
    public var id: String
    public var name: String
    public var description: String?
    /// `BMC`, `EnclosureManager`, ...
    public var managerType: String?
    public var manufacturer: String?
    public var model: String?
    public var firmwareVersion: String?
    public var uuid: String?
    public var status: RedfishStatus?
    public var powerState: ComputerSystem.PowerState?
    public var virtualMedia: RedfishLink?
    public var ethernetInterfaces: RedfishLink?
    public var links: Links?
    public var actions: RedfishActions?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    public struct Links: Codable, Sendable, Hashable {
        public var managerForServers: [RedfishLink]?
        public var managerForChassis: [RedfishLink]?

        public init(managerForServers: [RedfishLink]? = nil, managerForChassis: [RedfishLink]? = nil) {
            self.managerForServers = managerForServers
            self.managerForChassis = managerForChassis
        }

        enum CodingKeys: String, CodingKey {
            case managerForServers = "ManagerForServers"
            case managerForChassis = "ManagerForChassis"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case odataEtag = "@odata.etag"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case managerType = "ManagerType"
        case manufacturer = "Manufacturer"
        case model = "Model"
        case firmwareVersion = "FirmwareVersion"
        case uuid = "UUID"
        case status = "Status"
        case powerState = "PowerState"
        case virtualMedia = "VirtualMedia"
        case ethernetInterfaces = "EthernetInterfaces"
        case links = "Links"
        case actions = "Actions"
    }
}
