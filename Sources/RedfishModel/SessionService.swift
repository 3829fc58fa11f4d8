/// `/redfish/v1/SessionService`: token sessions (`X-Auth-Token`).
public struct SessionService: Codable, Sendable, Hashable {
    public static let odataType = "#SessionService.v1_1_8.SessionService"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var serviceEnabled: Bool?
    /// Seconds of inactivity after which a session ends.
    public var sessionTimeout: Int?
    public var sessions: RedfishLink?
    public var status: RedfishStatus?

    public init(odataID: String = "/redfish/v1/SessionService", id: String = "SessionService") {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "Session Service"
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case serviceEnabled = "ServiceEnabled"
        case sessionTimeout = "SessionTimeout"
        case sessions = "Sessions"
        case status = "Status"
    }
}
