/// `/redfish/v1/AccountService/Accounts/{id}`: one BMC user. The password is never shown.
public struct ManagerAccount: Codable, Sendable, Hashable {
    public static let odataType = "#ManagerAccount.v1_8_0.ManagerAccount"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var userName: String?
    /// `Administrator`, `Operator`, `ReadOnly`.
    public var roleID: String?
    public var enabled: Bool?
    public var locked: Bool?
    /// Where the account may log in: `Redfish`, `IPMI`, `WebUI`, ...
    public var accountTypes: [String]?
    public var links: Links?

    public struct Links: Codable, Sendable, Hashable {
        public var role: RedfishLink?

        public init(role: RedfishLink?) {
            self.role = role
        }

        enum CodingKeys: String, CodingKey {
            case role = "Role"
        }
    }

    public init(odataID: String, id: String, userName: String, roleID: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "User Account"
        self.userName = userName
        self.roleID = roleID
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case userName = "UserName"
        case roleID = "RoleId"
        case enabled = "Enabled"
        case locked = "Locked"
        case accountTypes = "AccountTypes"
        case links = "Links"
    }
}
