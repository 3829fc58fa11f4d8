/// `/redfish/v1/UpdateService`: firmware updates by URL (`#UpdateService.SimpleUpdate`).
public struct UpdateService: Codable, Sendable, Hashable {
    public static let odataType = "#UpdateService.v1_11_0.UpdateService"
    public static let simpleUpdateAction = "#UpdateService.SimpleUpdate"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var serviceEnabled: Bool?
    public var status: RedfishStatus?
    public var actions: RedfishActions?

    public init(odataID: String = "/redfish/v1/UpdateService", id: String = "UpdateService") {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "Update Service"
    }

    public var simpleUpdateAction: RedfishAction? { self.actions?[Self.simpleUpdateAction] }

    /// The body of `#UpdateService.SimpleUpdate`.
    public struct SimpleUpdateRequest: Codable, Sendable, Hashable {
        public var imageURI: String?
        public var transferProtocol: String?
        public var targets: [String]?

        public init(imageURI: String, transferProtocol: String? = nil, targets: [String]? = nil) {
            self.imageURI = imageURI
            self.transferProtocol = transferProtocol
            self.targets = targets
        }

        enum CodingKeys: String, CodingKey {
            case imageURI = "ImageURI"
            case transferProtocol = "TransferProtocol"
            case targets = "Targets"
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case serviceEnabled = "ServiceEnabled"
        case status = "Status"
        case actions = "Actions"
    }
}
