/// One `Message` from a registry, as in `@Message.ExtendedInfo` and task `Messages`.
public struct RedfishMessage: Codable, Sendable, Hashable {
    public static let odataType = "#Message.v1_1_1.Message"

    public var odataType: String?
    /// `Base.1.22.ResourceMissingAtURI`.
    public var messageID: String
    public var message: String?
    public var messageArgs: [String]?
    /// `OK`, `Warning`, `Critical`.
    public var messageSeverity: String?
    public var resolution: String?
    /// JSON pointers to the request properties at fault, e.g. `#/ResetType`.
    public var relatedProperties: [String]?

    public init(
        messageID: String, message: String?, messageArgs: [String]? = nil, messageSeverity: String? = nil,
        resolution: String? = nil, relatedProperties: [String]? = nil
    ) {
        self.odataType = Self.odataType
        self.messageID = messageID
        self.message = message
        self.messageArgs = messageArgs
        self.messageSeverity = messageSeverity
        self.resolution = resolution
        self.relatedProperties = relatedProperties
    }

    enum CodingKeys: String, CodingKey {
        case odataType = "@odata.type"
        case messageID = "MessageId"
        case message = "Message"
        case messageArgs = "MessageArgs"
        case messageSeverity = "MessageSeverity"
        case resolution = "Resolution"
        case relatedProperties = "RelatedProperties"
    }
}
