/// `.../SimpleStorage/{id}`: a storage controller and its devices, in the older, flat form that
/// Ironic still reads for disk sizes.
public struct SimpleStorage: Codable, Sendable, Hashable {
    public static let odataType = "#SimpleStorage.v1_3_0.SimpleStorage"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var uefiDevicePath: String?
    public var devices: [Device]?
    public var status: RedfishStatus?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    public struct Device: Codable, Sendable, Hashable {
        public var name: String
        public var manufacturer: String?
        public var model: String?
        public var capacityBytes: Int64?
        public var status: RedfishStatus?

        public init(
            name: String, manufacturer: String? = nil, model: String? = nil, capacityBytes: Int64? = nil,
            status: RedfishStatus? = .ok
        ) {
            self.name = name
            self.manufacturer = manufacturer
            self.model = model
            self.capacityBytes = capacityBytes
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case manufacturer = "Manufacturer"
            case model = "Model"
            case capacityBytes = "CapacityBytes"
            case status = "Status"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case uefiDevicePath = "UefiDevicePath"
        case devices = "Devices"
        case status = "Status"
    }
}
