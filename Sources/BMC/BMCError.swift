/// What went wrong talking to a BMC, classified so callers can decide whether to retry.
public struct BMCError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No answer at the transport level (connection refused, no route, no datagram back).
        case unreachable
        case authenticationFailed
        case insufficientPrivilege
        /// The BMC answered the request with a failure (IPMI completion code, HTTP error status).
        case commandFailed
        case timeout
        /// The driver or the BMC cannot do this (e.g. virtual media over IPMI).
        case unsupported
        /// The BMC's answer could not be understood.
        case protocolError
        case tlsVerificationFailed
        case invalidAddress
    }

    public var code: Code
    public var message: String
    /// IPMI completion code or HTTP status, when the BMC gave one.
    public var bmcCode: Int?

    public init(_ code: Code, _ message: String, bmcCode: Int? = nil) {
        self.code = code
        self.message = message
        self.bmcCode = bmcCode
    }

    /// Whether repeating the call later may succeed without anyone changing anything.
    public var isRetryable: Bool {
        switch self.code {
        case .unreachable, .timeout, .commandFailed, .protocolError: true
        case .authenticationFailed, .insufficientPrivilege, .unsupported, .tlsVerificationFailed, .invalidAddress:
            false
        }
    }

    public var description: String {
        "\(self.code.rawValue): \(self.message)"
    }
}
