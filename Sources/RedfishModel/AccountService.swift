/// `/redfish/v1/AccountService`: the BMC's user accounts and the roles they hold.
public struct AccountService: Codable, Sendable, Hashable {
    public static let odataType = "#AccountService.v1_10_0.AccountService"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var serviceEnabled: Bool?
    public var minPasswordLength: Int?
    public var maxPasswordLength: Int?
    public var accounts: RedfishLink?
    public var roles: RedfishLink?
    public var status: RedfishStatus?

    public init(odataID: String = "/redfish/v1/AccountService", id: String = "AccountService") {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "Account Service"
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case serviceEnabled = "ServiceEnabled"
        case minPasswordLength = "MinPasswordLength"
        case maxPasswordLength = "MaxPasswordLength"
        case accounts = "Accounts"
        case roles = "Roles"
        case status = "Status"
    }
}
