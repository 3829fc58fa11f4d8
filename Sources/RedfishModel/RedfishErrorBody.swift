/// The body of a Redfish error response:
/// `{"error": {"code": "Base.1.22.GeneralError", "message": "...", "@Message.ExtendedInfo": [...]}}`.
public struct RedfishErrorBody: Codable, Sendable, Hashable, CustomStringConvertible {
    public var error: Detail

    public struct Detail: Codable, Sendable, Hashable {
        public var code: String
        public var message: String
        public var extendedInfo: [RedfishMessage]?

        public init(code: String, message: String, extendedInfo: [RedfishMessage]? = nil) {
            self.code = code
            self.message = message
            self.extendedInfo = extendedInfo
        }

        enum CodingKeys: String, CodingKey {
            case code
            case message
            case extendedInfo = "@Message.ExtendedInfo"
        }
    }

    public init(error: Detail) {
        self.error = error
    }

    /// The body for one Base registry message: GeneralError on the outside (as the spec asks when
    /// the detail is in ExtendedInfo), the specific message inside.
    public init(_ message: BaseMessage, _ arguments: String..., relatedProperties: [String]? = nil) {
        self.init(message, arguments: arguments, relatedProperties: relatedProperties)
    }

    public init(_ message: BaseMessage, arguments: [String], relatedProperties: [String]? = nil) {
        let detail = message.message(arguments, relatedProperties: relatedProperties)
        self.error = Detail(
            code: BaseMessage.generalError.messageID,
            message: detail.message ?? message.rawValue,
            extendedInfo: [detail]
        )
    }

    /// The most specific message id: the first extended message's, else the code.
    public var messageID: String {
        self.error.extendedInfo?.first?.messageID ?? self.error.code
    }

    /// Whether the error (or one of its extended messages) is this Base message, whatever the
    /// registry version the firmware names.
    public func contains(_ message: BaseMessage) -> Bool {
        let ids = [self.error.code] + (self.error.extendedInfo ?? []).map(\.messageID)
        return ids.contains { $0.hasSuffix("." + message.rawValue) || $0 == message.rawValue }
    }

    public var description: String {
        let details = (self.error.extendedInfo ?? []).compactMap(\.message).filter { $0 != self.error.message }
        return ([self.error.message] + details).joined(separator: " ")
    }
}
