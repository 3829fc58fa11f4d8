/// `.../VirtualMedia/{id}`: a virtual CD, DVD or USB stick the BMC attaches from a URL.
public struct VirtualMedia: Codable, Sendable, Hashable {
    public static let odataType = "#VirtualMedia.v1_6_0.VirtualMedia"
    public static let insertAction = "#VirtualMedia.InsertMedia"
    public static let ejectAction = "#VirtualMedia.EjectMedia"

    public var odataID: String
    public var odataType: String?
    public var odataEtag: String?
    public var id: String
    public var name: String
    public var description: String?
    public var image: String?
    public var imageName: String?
    public var inserted: Bool?
    public var writeProtected: Bool?
    public var mediaTypes: [MediaType]?
    /// `URI`, `Applet`, `NotConnected`, `Oem`.
    public var connectedVia: String?
    public var transferProtocolType: String?
    public var transferMethod: String?
    public var status: RedfishStatus?
    public var actions: RedfishActions?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    public var insertMediaAction: RedfishAction? { self.actions?[Self.insertAction] }
    public var ejectMediaAction: RedfishAction? { self.actions?[Self.ejectAction] }

    /// Whether this device can present an ISO as a CD.
    public var acceptsCD: Bool {
        self.mediaTypes?.contains { $0 == .cd || $0 == .dvd } ?? false
    }

    public struct MediaType: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let cd = MediaType(rawValue: "CD")
        public static let dvd = MediaType(rawValue: "DVD")
        public static let floppy = MediaType(rawValue: "Floppy")
        public static let usbStick = MediaType(rawValue: "USBStick")
    }

    /// The body of `#VirtualMedia.InsertMedia`.
    public struct InsertMediaRequest: Codable, Sendable, Hashable {
        public var image: String?
        public var inserted: Bool?
        public var writeProtected: Bool?
        public var transferProtocolType: String?
        public var transferMethod: String?
        public var userName: String?
        public var password: String?

        public init(image: String?, inserted: Bool? = nil, writeProtected: Bool? = nil) {
            self.image = image
            self.inserted = inserted
            self.writeProtected = writeProtected
        }

        enum CodingKeys: String, CodingKey {
            case image = "Image"
            case inserted = "Inserted"
            case writeProtected = "WriteProtected"
            case transferProtocolType = "TransferProtocolType"
            case transferMethod = "TransferMethod"
            case userName = "UserName"
            case password = "Password"
        }
    }

    /// The PATCH body older firmware takes instead of the actions. `image == nil` ejects, and goes
    /// out as `"Image": null`, which is what those firmwares expect.
    public struct MediaPatch: Encodable, Sendable, Hashable {
        public var image: String?
        public var inserted: Bool
        public var writeProtected: Bool?

        public init(image: String?, inserted: Bool, writeProtected: Bool? = nil) {
            self.image = image
            self.inserted = inserted
            self.writeProtected = writeProtected
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: InsertMediaRequest.CodingKeys.self)
            try container.encode(self.image, forKey: .image)
            try container.encode(self.inserted, forKey: .inserted)
            try container.encodeIfPresent(self.writeProtected, forKey: .writeProtected)
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case odataEtag = "@odata.etag"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case image = "Image"
        case imageName = "ImageName"
        case inserted = "Inserted"
        case writeProtected = "WriteProtected"
        case mediaTypes = "MediaTypes"
        case connectedVia = "ConnectedVia"
        case transferProtocolType = "TransferProtocolType"
        case transferMethod = "TransferMethod"
        case status = "Status"
        case actions = "Actions"
    }
}
