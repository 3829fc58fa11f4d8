/// Why a Serial-over-LAN console could not be opened or ended early.
public struct IPMIConsoleError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case invalidConfiguration
        case unreachable
        case authenticationFailed
        case insufficientPrivilege
        case solUnavailable
        case timeout
        case failed
    }

    public var kind: Kind
    public var message: String
    /// libipmiconsole's error number, when it gave one.
    public var libraryErrorNumber: Int32?

    public init(_ kind: Kind, _ message: String, libraryErrorNumber: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.libraryErrorNumber = libraryErrorNumber
    }

    public var description: String { "\(self.kind.rawValue): \(self.message)" }
}
