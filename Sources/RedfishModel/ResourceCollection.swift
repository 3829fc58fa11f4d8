/// Any Redfish collection (`ComputerSystemCollection`, `VirtualMediaCollection`, ...).
public struct ResourceCollection: Codable, Sendable, Hashable {
    public var odataID: String
    public var odataType: String?
    public var name: String
    public var description: String?
    public var members: [RedfishLink]
    public var membersCount: Int?

    /// `type` is the collection's schema name, e.g. `ComputerSystemCollection`.
    public init(id: String, type: String, name: String, members: [RedfishLink]) {
        self.odataID = id
        self.odataType = "#\(type).\(type)"
        self.name = name
        self.members = members
        self.membersCount = members.count
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.odataID = try container.decode(String.self, forKey: .odataID)
        self.odataType = try container.decodeIfPresent(String.self, forKey: .odataType)
        // Some firmware leaves out Name on collections; the path still identifies it.
        self.name = try container.decodeIfPresent(String.self, forKey: .name) ?? self.odataID
        self.description = try container.decodeIfPresent(String.self, forKey: .description)
        self.members = try container.decodeIfPresent([RedfishLink].self, forKey: .members) ?? []
        self.membersCount = try container.decodeIfPresent(Int.self, forKey: .membersCount)
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case name = "Name"
        case description = "Description"
        case members = "Members"
        case membersCount = "Members@odata.count"
    }
}
