import Foundation
import Logging
import RedfishModel

/// One authenticated conversation with a Redfish service: adds credentials, logs in and again on
/// 401, retries by `RedfishRetryPolicy`, and turns answers into values or typed `BMCError`s.
public actor RedfishConnection {
    public nonisolated let endpoint: RedfishEndpointURL
    private let transport: any RedfishTransport
    private let credentials: BMCCredentials
    private let policy: RedfishRetryPolicy
    private let authMode: RedfishAuthMode
    private let logger: Logger

    private var sessionsPath: String?
    private var token: String?
    private var sessionLocation: String?
    /// Bumped per login, so that concurrent 401s log in once.
    private var loginGeneration = 0
    private var closed = false

    public init(
        endpoint: RedfishEndpointURL,
        credentials: BMCCredentials,
        transport: any RedfishTransport,
        policy: RedfishRetryPolicy = RedfishRetryPolicy(),
        authMode: RedfishAuthMode = .auto,
        logger: Logger = Logger(label: "foundry.bmc.redfish")
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.policy = policy
        self.authMode = authMode
        self.logger = logger
    }

    public var usesSession: Bool { self.token != nil }

    // MARK: authentication

    /// Chooses the authentication the service allows: logs in when sessions are to be used.
    /// `sessionsPath` comes from the service root (`Links.Sessions`).
    public func authenticate(sessionsPath: String?) async throws(BMCError) {
        self.sessionsPath = sessionsPath
        switch self.authMode {
        case .basic:
            return
        case .session:
            try await self.login()
        case .auto:
            guard sessionsPath != nil else {
                return
            }
            do {
                try await self.login()
            } catch let error where error.code == .unsupported || error.bmcCode == 404 {
                // A service that lists sessions but cannot create them: fall back to Basic, as sushy does.
                self.logger.debug("session login unsupported, using basic auth", metadata: ["bmc": "\(self.endpoint)"])
            }
        }
    }

    private func login() async throws(BMCError) {
        let path = self.sessionsPath ?? "/redfish/v1/SessionService/Sessions"
        let body: Data
        do {
            body = try RedfishJSON.encode(
                Session.CreateRequest(userName: self.credentials.username, password: self.credentials.password))
        } catch {
            throw BMCError(.protocolError, "cannot encode the login request: \(error)")
        }
        let request = RedfishHTTPRequest(
            .post, path, headers: ["content-type": "application/json"], body: body, idempotent: true)
        let response = try await self.exchange(request, authenticated: false)
        guard response.isSuccess else {
            throw RedfishResponseReader.error(for: response, request: request)
        }
        guard let token = response.headers["x-auth-token"], !token.isEmpty else {
            throw BMCError(.protocolError, "\(request): the login answer carries no X-Auth-Token header")
        }
        self.token = token
        self.sessionLocation = response.headers["location"].map { Self.path(of: $0) }
        self.loginGeneration += 1
        self.logger.debug("redfish session opened", metadata: ["bmc": "\(self.endpoint)"])
    }

    /// Ends the session, if any. Best effort: a BMC that is gone cannot hold our session either.
    public func logout() async {
        defer {
            self.closed = true
            self.token = nil
        }
        guard !self.closed, self.token != nil, let location = self.sessionLocation else {
            return
        }
        let request = RedfishHTTPRequest(.delete, location)
        _ = try? await self.exchange(request, authenticated: true)
        self.logger.debug("redfish session closed", metadata: ["bmc": "\(self.endpoint)"])
    }

    private func authorization() -> [String: String] {
        if let token = self.token {
            return ["x-auth-token": token]
        }
        let pair = Data("\(self.credentials.username):\(self.credentials.password)".utf8).base64EncodedString()
        return ["authorization": "Basic \(pair)"]
    }

    // MARK: requests

    /// Sends a request with retries; a response with an error status is returned, not thrown.
    public func exchange(
        _ request: RedfishHTTPRequest, authenticated: Bool = true
    ) async throws(BMCError)
        -> RedfishHTTPResponse
    {
        guard !self.closed else {
            throw BMCError(.unreachable, "\(request): the connection to \(self.endpoint) is closed")
        }
        var reauthenticated = false
        var attempt = 1
        while true {
            var outgoing = request
            outgoing.headers["accept"] = outgoing.headers["accept"] ?? "application/json"
            outgoing.headers["odata-version"] = "4.0"
            let generation = self.loginGeneration
            let sentWithSession = authenticated && self.token != nil
            if authenticated {
                outgoing.headers.merge(self.authorization()) { _, new in new }
            }
            let outcome: Result<RedfishHTTPResponse, RedfishTransportError>
            do {
                outcome = .success(try await self.transport.send(outgoing, to: self.endpoint))
            } catch {
                outcome = .failure(error)
            }
            let decision = self.policy.decide(
                attempt: attempt, request: request, outcome: outcome, usesSession: sentWithSession,
                reauthenticated: reauthenticated, now: Date())
            switch decision {
            case .accept, .fail:
                switch outcome {
                case .success(let response): return response
                case .failure(let error): throw RedfishResponseReader.error(for: error)
                }
            case .reauthenticate:
                reauthenticated = true
                if generation == self.loginGeneration {
                    self.token = nil
                    self.logger.debug(
                        "redfish session expired, logging in again", metadata: ["bmc": "\(self.endpoint)"])
                    try await self.login()
                }
            case .retry(let delay):
                attempt += 1
                self.logger.debug(
                    "redfish request retried",
                    metadata: ["bmc": "\(self.endpoint)", "request": "\(request)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Sends a request and fails with a typed error unless the status is 2xx.
    public func send(_ request: RedfishHTTPRequest) async throws(BMCError) -> RedfishHTTPResponse {
        let response = try await self.exchange(request)
        guard response.isSuccess else {
            throw RedfishResponseReader.error(for: response, request: request)
        }
        return response
    }

    /// GETs and decodes a resource, with the headers that matter for changing it.
    public func get<T: Decodable & Sendable>(
        _ type: T.Type, _ path: String, authenticated: Bool = true
    ) async throws(BMCError)
        -> RedfishResource<T>
    {
        let request = RedfishHTTPRequest(.get, path)
        let response = try await self.exchange(request, authenticated: authenticated)
        guard response.isSuccess else {
            throw RedfishResponseReader.error(for: response, request: request)
        }
        let value = try RedfishResponseReader.decode(type, from: response, request: request)
        let allow = response.headers["allow"] ?? ""
        return RedfishResource(
            value: value,
            etag: RedfishResponseReader.etag(of: response),
            allowedMethods: Set(
                allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        )
    }

    public func patch<Body: Encodable>(
        _ path: String, _ body: Body, etag: String?
    ) async throws(BMCError)
        -> RedfishHTTPResponse
    {
        var headers = ["content-type": "application/json"]
        if let etag {
            headers["if-match"] = etag
        }
        return try await self.send(RedfishHTTPRequest(.patch, path, headers: headers, body: try Self.encode(body)))
    }

    public func post<Body: Encodable>(
        _ path: String, _ body: Body, idempotent: Bool
    ) async throws(BMCError)
        -> RedfishHTTPResponse
    {
        let request = RedfishHTTPRequest(
            .post, path, headers: ["content-type": "application/json"], body: try Self.encode(body),
            idempotent: idempotent)
        return try await self.send(request)
    }

    private static func encode<Body: Encodable>(_ body: Body) throws(BMCError) -> Data {
        do {
            return try RedfishJSON.encode(body)
        } catch {
            throw BMCError(.protocolError, "cannot encode the request body: \(error)")
        }
    }

    /// A `Location` may be absolute (`https://bmc/redfish/v1/...`); requests take the path.
    public static func path(of location: String) -> String {
        guard let schemeEnd = location.range(of: "://") else {
            return location
        }
        let rest = location[schemeEnd.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }
}
