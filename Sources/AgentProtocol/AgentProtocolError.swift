/// A message that cannot be encoded or decoded, or that the other side should not have sent.
public struct AgentProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String {
        "agent protocol: \(self.reason)"
    }
}
