import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The HTTP(S) listener of one simulated server's Redfish service, on 127.0.0.1.
public final class RedfishEndpoint: Sendable {
    public let service: RedfishService
    public let useTLS: Bool
    /// The port actually bound (the configured one, or the one the system picked for 0).
    public let port: Int
    /// The self-signed certificate, when serving HTTPS.
    public let certificate: RedfishCertificate?
    private let task: Task<Void, any Error>

    /// How long a "silent" BMC holds a request before closing it; clients time out well before.
    static let silentHold: Duration = .seconds(30)

    private init(
        service: RedfishService, useTLS: Bool, port: Int, certificate: RedfishCertificate?, task: Task<Void, any Error>
    ) {
        self.service = service
        self.useTLS = useTLS
        self.port = port
        self.certificate = certificate
        self.task = task
    }

    /// The base URL clients use.
    public var baseURL: String {
        "\(self.useTLS ? "https" : "http")://127.0.0.1:\(self.port)"
    }

    /// Binds and starts serving; returns once the port is bound.
    public static func start(
        service: RedfishService, port: Int = 0, useTLS: Bool = true, group: (any EventLoopGroup)? = nil,
        logger: Logger? = nil
    ) async throws -> RedfishEndpoint {
        await service.activate()
        var quiet = logger ?? Logger(label: "foundry.sim.redfish")
        if logger == nil {
            // Stopping cancels the server, which Hummingbird logs as an error; that is no news here.
            quiet.logLevel = .critical
        }
        let certificate = useTLS ? try RedfishCertificate(commonName: "\(service.server.config.name)-bmc") : nil
        let server: HTTPServerBuilder =
            if let certificate { try .tls(.http1(), tlsConfiguration: certificate.tlsConfiguration) } else { .http1() }
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: RedfishResponder(service: service),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname("127.0.0.1", port: port), serverName: "Foundry-Redfish-Simulator"),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? 0)
                boundContinuation.finish()
            },
            eventLoopGroupProvider: group.map { .shared($0) } ?? .singleton,
            logger: quiet
        )
        let task = Task {
            defer { boundContinuation.finish() }
            try await app.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let actual = await iterator.next(), actual > 0 else {
            task.cancel()
            let failure: (any Error)? =
                switch await task.result {
                case .failure(let error): error
                case .success: nil
                }
            throw SimulatorError.invalidFleet(
                "\(service.server.config.name): cannot serve Redfish on 127.0.0.1:\(port)"
                    + (failure.map { ": \($0)" } ?? ""))
        }
        return RedfishEndpoint(service: service, useTLS: useTLS, port: actual, certificate: certificate, task: task)
    }

    /// Stops listening and closes connections.
    public func stop() async {
        self.task.cancel()
        _ = await self.task.result
        await self.service.deactivate()
    }
}

/// Carries the connection, so a fault can close it without answering.
struct RedfishRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Hands each HTTP request to the Redfish service and writes back what it says.
struct RedfishResponder: HTTPResponder {
    typealias Context = RedfishRequestContext
    let service: RedfishService

    struct ConnectionDropped: Error {}

    func respond(to request: Request, context: RedfishRequestContext) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: RedfishService.maxBodyBytes)
        } catch {
            return Self.response(RedfishFailure(413, .payloadTooLarge).response)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let simRequest = RedfishSimRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
            body: Data(body.readableBytesView))
        let reply = await self.service.handle(simRequest)
        switch reply.disposition {
        case .respond:
            var response = Self.response(reply)
            // Hummingbird closes the connection after a request that asks for it; saying so in the
            // answer keeps clients (urllib3 under sushy) from reusing the closed connection.
            if request.headers[.connection]?.lowercased().contains("close") == true {
                response.headers[.connection] = "close"
            }
            return response
        case .dropConnection:
            try? await context.channel.close()
            throw ConnectionDropped()
        case .silent:
            try? await Task.sleep(for: RedfishEndpoint.silentHold)
            try? await context.channel.close()
            throw ConnectionDropped()
        }
    }

    static func response(_ reply: RedfishSimResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) {
                fields.append(HTTPField(name: field, value: value))
            }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
