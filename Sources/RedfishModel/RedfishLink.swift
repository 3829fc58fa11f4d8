/// A reference to another resource: `{"@odata.id": "/redfish/v1/Systems/1"}`.
public struct RedfishLink: Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var id: String

    public init(_ id: String) {
        self.id = id
    }

    public init(stringLiteral value: String) {
        self.id = value
    }

    /// The link to a member of this collection or a sub-resource of this resource.
    public func appending(_ component: String) -> RedfishLink {
        RedfishLink(self.id.hasSuffix("/") ? self.id + component : self.id + "/" + component)
    }

    public var description: String { self.id }

    enum CodingKeys: String, CodingKey {
        case id = "@odata.id"
    }
}
