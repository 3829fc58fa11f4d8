/// An action advertised in a resource's `Actions` object: where to POST it, and (for actions with one
/// enumerated parameter) which values the service accepts.
public struct RedfishAction: Codable, Sendable, Hashable {
    public var target: String
    /// `ResetType@Redfish.AllowableValues`, `TransferProtocolType@Redfish.AllowableValues`, ...
    public var allowableValues: [String: [String]]

    public init(target: String, allowableValues: [String: [String]] = [:]) {
        self.target = target
        self.allowableValues = allowableValues
    }

    private static let suffix = "@Redfish.AllowableValues"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        self.target = try container.decode(String.self, forKey: AnyCodingKey("target"))
        var values: [String: [String]] = [:]
        for key in container.allKeys where key.stringValue.hasSuffix(Self.suffix) {
            let parameter = String(key.stringValue.dropLast(Self.suffix.count))
            values[parameter] = try container.decode([String].self, forKey: key)
        }
        self.allowableValues = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(self.target, forKey: AnyCodingKey("target"))
        for (parameter, values) in self.allowableValues.sorted(by: { $0.key < $1.key }) {
            try container.encode(values, forKey: AnyCodingKey(parameter + Self.suffix))
        }
    }
}

/// A coding key for objects whose keys are data (`Actions`, BIOS `Attributes`).
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) {
        self.stringValue = string
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

/// A resource's `Actions` object: `#ComputerSystem.Reset`, `#VirtualMedia.InsertMedia`, ... by name.
public struct RedfishActions: Codable, Sendable, Hashable {
    public var actions: [String: RedfishAction]

    public init(_ actions: [String: RedfishAction] = [:]) {
        self.actions = actions
    }

    public subscript(name: String) -> RedfishAction? {
        get { self.actions[name] }
        set { self.actions[name] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var actions: [String: RedfishAction] = [:]
        // Only `#Schema.Action` keys are actions; `Oem` and annotations are skipped.
        for key in container.allKeys where key.stringValue.hasPrefix("#") {
            actions[key.stringValue] = try container.decode(RedfishAction.self, forKey: key)
        }
        self.actions = actions
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (name, action) in self.actions.sorted(by: { $0.key < $1.key }) {
            try container.encode(action, forKey: AnyCodingKey(name))
        }
    }
}
