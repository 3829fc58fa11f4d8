/// RMCP+ payload types (IPMI 2.0 table 13-16).
public enum PayloadType: UInt8, Sendable, Hashable, CustomStringConvertible {
    case ipmi = 0x00
    case sol = 0x01
    case oemExplicit = 0x02
    case openSessionRequest = 0x10
    case openSessionResponse = 0x11
    case rakp1 = 0x12
    case rakp2 = 0x13
    case rakp3 = 0x14
    case rakp4 = 0x15

    /// Session-setup payloads travel outside any session: session ID 0, unauthenticated, in clear.
    public var isSessionSetup: Bool {
        switch self {
        case .openSessionRequest, .openSessionResponse, .rakp1, .rakp2, .rakp3, .rakp4: true
        case .ipmi, .sol, .oemExplicit: false
        }
    }

    public var description: String {
        switch self {
        case .ipmi: "IPMI message"
        case .sol: "SOL"
        case .oemExplicit: "OEM explicit"
        case .openSessionRequest: "Open Session Request"
        case .openSessionResponse: "Open Session Response"
        case .rakp1: "RAKP Message 1"
        case .rakp2: "RAKP Message 2"
        case .rakp3: "RAKP Message 3"
        case .rakp4: "RAKP Message 4"
        }
    }
}
