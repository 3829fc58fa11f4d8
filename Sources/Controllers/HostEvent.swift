/// An Event to publish about a host (`describe` shows them).
public struct HostEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case normal = "Normal"
        case warning = "Warning"
    }

    public var type: Kind
    /// A CamelCase word, e.g. `ProvisioningComplete`, `RegistrationError`.
    public var reason: String
    public var message: String

    public init(_ type: Kind, reason: String, message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }

    public static func normal(_ reason: String, _ message: String) -> HostEvent {
        HostEvent(.normal, reason: reason, message: message)
    }

    public static func warning(_ reason: String, _ message: String) -> HostEvent {
        HostEvent(.warning, reason: reason, message: message)
    }

    public var description: String {
        "\(self.type.rawValue) \(self.reason): \(self.message)"
    }
}
