/// `/redfish/v1/`: where a client starts.
public struct ServiceRoot: Codable, Sendable, Hashable {
    public static let odataType = "#ServiceRoot.v1_17_0.ServiceRoot"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var redfishVersion: String?
    public var uuid: String?
    public var product: String?
    public var vendor: String?
    public var systems: RedfishLink?
    public var managers: RedfishLink?
    public var chassis: RedfishLink?
    public var sessionService: RedfishLink?
    public var accountService: RedfishLink?
    public var taskService: RedfishLink?
    public var updateService: RedfishLink?
    public var registries: RedfishLink?
    public var links: Links?
    public var protocolFeaturesSupported: ProtocolFeatures?

    public struct Links: Codable, Sendable, Hashable {
        public var sessions: RedfishLink?

        public init(sessions: RedfishLink? = nil) {
            self.sessions = sessions
        }

        enum CodingKeys: String, CodingKey {
            case sessions = "Sessions"
        }
    }

    /// What the service supports beyond the basics; the protocol validator reads it to know what to test.
    public struct ProtocolFeatures: Codable, Sendable, Hashable {
        public var excerptQuery: Bool?
        public var onlyMemberQuery: Bool?
        public var selectQuery: Bool?
        public var filterQuery: Bool?
        public var expandQuery: ExpandQuery?

        public struct ExpandQuery: Codable, Sendable, Hashable {
            public var expandAll: Bool?
            public var levels: Bool?
            public var links: Bool?
            public var noLinks: Bool?

            public init(expandAll: Bool? = false, levels: Bool? = false, links: Bool? = false, noLinks: Bool? = false) {
                self.expandAll = expandAll
                self.levels = levels
                self.links = links
                self.noLinks = noLinks
            }

            enum CodingKeys: String, CodingKey {
                case expandAll = "ExpandAll"
                case levels = "Levels"
                case links = "Links"
                case noLinks = "NoLinks"
            }
        }

        public init(
            excerptQuery: Bool? = false, onlyMemberQuery: Bool? = false, selectQuery: Bool? = false,
            filterQuery: Bool? = false, expandQuery: ExpandQuery? = ExpandQuery()
        ) {
            self.excerptQuery = excerptQuery
            self.onlyMemberQuery = onlyMemberQuery
            self.selectQuery = selectQuery
            self.filterQuery = filterQuery
            self.expandQuery = expandQuery
        }

        enum CodingKeys: String, CodingKey {
            case excerptQuery = "ExcerptQuery"
            case onlyMemberQuery = "OnlyMemberQuery"
            case selectQuery = "SelectQuery"
            case filterQuery = "FilterQuery"
            case expandQuery = "ExpandQuery"
        }
    }

    public init(id: String = "RootService", name: String = "Root Service", redfishVersion: String = "1.17.0") {
        self.odataID = "/redfish/v1"
        self.odataType = Self.odataType
        self.id = id
        self.name = name
        self.redfishVersion = redfishVersion
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case redfishVersion = "RedfishVersion"
        case uuid = "UUID"
        case product = "Product"
        case vendor = "Vendor"
        case systems = "Systems"
        case managers = "Managers"
        case chassis = "Chassis"
        case sessionService = "SessionService"
        case accountService = "AccountService"
        case taskService = "Tasks"
        case updateService = "UpdateService"
        case registries = "Registries"
        case links = "Links"
        case protocolFeaturesSupported = "ProtocolFeaturesSupported"
    }
}
