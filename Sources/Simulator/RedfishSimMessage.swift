import Foundation

/// A request as the simulator's Redfish service sees it, free of the HTTP server's types so the
/// service can be tested without sockets.
public struct RedfishSimRequest: Sendable, Hashable {
    public var method: String
    /// The path without the query, e.g. `/redfish/v1/Systems/1`.
    public var path: String
    /// The raw query string without `?`, or "".
    public var query: String
    /// Header names are lower-case.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, query: String = "", headers: [String: String] = [:], body: Data = Data())
    {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
        self.body = body
    }
}

/// What the service wants sent back: a response, or a fault that sends none.
public struct RedfishSimResponse: Sendable, Hashable {
    public enum Disposition: Sendable, Hashable {
        case respond
        /// Close the connection without answering (a BMC that falls over mid-request).
        case dropConnection
        /// Answer nothing at all until the client gives up (a hung BMC).
        case silent
    }

    public var status: Int
    /// In the order they are sent; names as written.
    public var headers: [(String, String)]
    public var body: Data
    public var disposition: Disposition

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), disposition: Disposition = .respond)
    {
        self.status = status
        self.headers = headers
        self.body = body
        self.disposition = disposition
    }

    public static let dropped = RedfishSimResponse(status: 0, disposition: .dropConnection)
    public static let silent = RedfishSimResponse(status: 0, disposition: .silent)

    public func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public static func == (lhs: RedfishSimResponse, rhs: RedfishSimResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.disposition == rhs.disposition
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.status)
        hasher.combine(self.body)
        hasher.combine(self.disposition)
    }
}
