/// `/redfish/v1/AccountService/Roles/{id}`: a set of privileges (`Login`, `ConfigureComponents`...).
public struct Role: Codable, Sendable, Hashable {
    public static let odataType = "#Role.v1_3_1.Role"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var roleID: String?
    public var isPredefined: Bool?
    public var assignedPrivileges: [String]?

    public init(odataID: String, id: String, privileges: [String]) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "\(id) Role"
        self.roleID = id
        self.isPredefined = true
        self.assignedPrivileges = privileges
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case roleID = "RoleId"
        case isPredefined = "IsPredefined"
        case assignedPrivileges = "AssignedPrivileges"
    }
}
