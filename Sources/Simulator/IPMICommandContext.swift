import IPMIWire
import NIOCore

/// A request the BMC core has authenticated and authorised, for the shell to execute against the server.
public struct IPMICommandContext: Sendable, Hashable {
    /// nil when the request came outside any session.
    public var bmcSessionID: UInt32?
    public var peer: SocketAddress
    public var request: IPMIRequest
    /// How the request arrived: the reply goes back the same way.
    public var format: Format

    public enum Format: Sendable, Hashable {
        case ipmi15
        case rmcpPlus
    }
}
