/// `.../Processors/{id}`: one CPU socket.
public struct Processor: Codable, Sendable, Hashable {
    public static let odataType = "#Processor.v1_16_0.Processor"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var socket: String?
    /// `CPU`, `GPU`, ...
    public var processorType: String?
    /// `x86`, `ARM`, ...
    public var processorArchitecture: String?
    /// `x86-64`, `ARM-A64`, ...
    public var instructionSet: String?
    public var manufacturer: String?
    public var model: String?
    public var maxSpeedMHz: Int?
    public var totalCores: Int?
    public var totalThreads: Int?
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
        case socket = "Socket"
        case processorType = "ProcessorType"
        case processorArchitecture = "ProcessorArchitecture"
        case instructionSet = "InstructionSet"
        case manufacturer = "Manufacturer"
        case model = "Model"
        case maxSpeedMHz = "MaxSpeedMHz"
        case totalCores = "TotalCores"
        case totalThreads = "TotalThreads"
        case status = "Status"
    }
}
