/// `/redfish/v1/SessionService/Sessions/{id}`: one login. The token itself only travels in the
/// `X-Auth-Token` header of the creating response, never in a body.
public struct Session: Codable, Sendable, Hashable {
    public static let odataType = "#Session.v1_3_0.Session"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var userName: String?

    public init(odataID: String, id: String, userName: String?) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "User Session"
        self.userName = userName
    }

    /// The body of the POST that logs in. Its description hides the password.
    public struct CreateRequest: Codable, Sendable, Hashable, CustomStringConvertible {
        public var userName: String?
        public var password: String?

        public init(userName: String, password: String) {
            self.userName = userName
            self.password = password
        }

        public var description: String {
            "Session.CreateRequest(userName: \(self.userName ?? "nil"), password: <redacted>)"
        }

        enum CodingKeys: String, CodingKey {
            case userName = "UserName"
            case password = "Password"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case userName = "UserName"
    }
}
