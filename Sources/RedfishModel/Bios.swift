/// `.../Bios`: firmware settings as name/value attributes. Changes go to the settings object named
/// by `@Redfish.Settings` and apply at the next boot.
public struct Bios: Codable, Sendable, Hashable {
    public static let odataType = "#Bios.v1_2_0.Bios"
    public static let resetBiosAction = "#Bios.ResetBios"

    public var odataID: String
    public var odataType: String?
    public var odataEtag: String?
    public var id: String
    public var name: String
    public var description: String?
    public var attributeRegistry: String?
    public var attributes: [String: JSONValue]?
    public var settings: Settings?
    public var actions: RedfishActions?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    /// `@Redfish.Settings`: where pending changes go.
    public struct Settings: Codable, Sendable, Hashable {
        public static let odataType = "#Settings.v1_3_5.Settings"

        public var odataType: String?
        public var settingsObject: RedfishLink?
        public var time: String?
        public var etag: String?

        public init(settingsObject: RedfishLink?, time: String? = nil, etag: String? = nil) {
            self.odataType = Self.odataType
            self.settingsObject = settingsObject
            self.time = time
            self.etag = etag
        }

        enum CodingKeys: String, CodingKey {
            case odataType = "@odata.type"
            case settingsObject = "SettingsObject"
            case time = "Time"
            case etag = "ETag"
        }
    }

    /// The body of a PATCH to the settings object.
    public struct AttributesPatch: Codable, Sendable, Hashable {
        public var attributes: [String: JSONValue]

        public init(attributes: [String: JSONValue]) {
            self.attributes = attributes
        }

        enum CodingKeys: String, CodingKey {
            case attributes = "Attributes"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case odataEtag = "@odata.etag"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case attributeRegistry = "AttributeRegistry"
        case attributes = "Attributes"
        case settings = "@Redfish.Settings"
        case actions = "Actions"
    }
}
