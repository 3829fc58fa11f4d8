import Foundation

/// One HTTP exchange with a Redfish service, free of any HTTP library's types so that the client's
/// decisions (auth, retries, decoding) can be tested with a scripted transport.
public struct RedfishHTTPRequest: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case head = "HEAD"
        case post = "POST"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    public var method: Method
    /// Absolute path on the service, e.g. `/redfish/v1/Systems/1`.
    public var path: String
    /// Header names are lower-case.
    public var headers: [String: String]
    public var body: Data?
    /// Whether sending the request twice does no more than sending it once; decides whether it is
    /// sent again after the connection dropped with the request possibly delivered.
    public var idempotent: Bool

    public init(
        _ method: Method, _ path: String, headers: [String: String] = [:], body: Data? = nil, idempotent: Bool? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.idempotent = idempotent ?? (method != .post)
    }

    /// Never includes the body or credentials.
    public var description: String { "\(self.method.rawValue) \(self.path)" }
}

public struct RedfishHTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names are lower-case.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(self.status) }
}

/// Sends one request and returns the answer, or fails with a transport-level error
/// (`unreachable`, `timeout`, `tlsVerificationFailed`, `protocolError` for an oversized body).
/// Retries and authentication are the caller's business.
public protocol RedfishTransport: Sendable {
    func send(
        _ request: RedfishHTTPRequest, to base: RedfishEndpointURL
    ) async throws(RedfishTransportError)
        -> RedfishHTTPResponse
}

/// Where a Redfish service listens.
public struct RedfishEndpointURL: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int
    public var disableCertificateVerification: Bool

    public init(scheme: String, host: String, port: Int, disableCertificateVerification: Bool = false) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.disableCertificateVerification = disableCertificateVerification
    }

    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(self.scheme)://\(host):\(self.port)"
    }
}

/// What went wrong below HTTP. `delivered` says whether the request may have reached the server.
public struct RedfishTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case connectFailed
        case connectionDropped
        case timeout
        case tlsVerificationFailed
        case bodyTooLarge
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether the server may have acted on the request.
    public var delivered: Bool {
        switch self.kind {
        case .connectFailed, .tlsVerificationFailed: false
        case .connectionDropped, .timeout, .bodyTooLarge, .other: true
        }
    }

    public var description: String { self.message }
}
