/// Redfish enumerations are open in practice: firmware sends values newer than the schema a client
/// knows, and vendors add their own. Each enum is a string wrapper with the DMTF values as
/// constants, so an unknown value decodes instead of failing the whole resource.
public protocol RedfishEnum: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension RedfishEnum {
    public var description: String { self.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }
}
