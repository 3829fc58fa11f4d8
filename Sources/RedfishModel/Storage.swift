/// `.../Storage/{id}`: a storage subsystem; its drives are separate resources.
public struct Storage: Codable, Sendable, Hashable {
    public static let odataType = "#Storage.v1_9_0.Storage"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var drives: [RedfishLink]?
    public var drivesCount: Int?
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
        case drives = "Drives"
        case drivesCount = "Drives@odata.count"
        case status = "Status"
    }
}
