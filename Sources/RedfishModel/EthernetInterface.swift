/// `.../EthernetInterfaces/{id}`: one NIC port of a system (or of the manager).
public struct EthernetInterface: Codable, Sendable, Hashable {
    public static let odataType = "#EthernetInterface.v1_9_0.EthernetInterface"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var macAddress: String?
    public var permanentMACAddress: String?
    public var speedMbps: Int?
    /// `LinkUp`, `LinkDown`, `NoLink`.
    public var linkStatus: String?
    public var interfaceEnabled: Bool?
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
        case macAddress = "MACAddress"
        case permanentMACAddress = "PermanentMACAddress"
        case speedMbps = "SpeedMbps"
        case linkStatus = "LinkStatus"
        case interfaceEnabled = "InterfaceEnabled"
        case status = "Status"
    }
}
