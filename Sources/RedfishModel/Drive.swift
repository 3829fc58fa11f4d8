/// `.../Drives/{id}`: one disk.
public struct Drive: Codable, Sendable, Hashable {
    public static let odataType = "#Drive.v1_12_0.Drive"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var capacityBytes: Int64?
    /// `HDD`, `SSD`, `SMR`.
    public var mediaType: String?
    /// `SATA`, `SAS`, `NVMe`, ...
    public var `protocol`: String?
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    public var rotationSpeedRPM: Double?
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
        case capacityBytes = "CapacityBytes"
        case mediaType = "MediaType"
        case `protocol` = "Protocol"
        case manufacturer = "Manufacturer"
        case model = "Model"
        case serialNumber = "SerialNumber"
        case rotationSpeedRPM = "RotationSpeedRPM"
        case status = "Status"
    }
}
