import AsyncHTTPClient
import NIOCore
import NIOSSL

/// The agent's HTTP client (operator API, images, checksum files): a connect timeout (within which
/// failed connections are retried), a read timeout so a stalled transfer fails (and is retried)
/// instead of hanging, redirects followed.
/// HTTPS verifies certificates against the system's roots plus, when given, a CA file (PEM) such
/// as the operator's own.
public final class AgentHTTPClient: Sendable {
    let client: HTTPClient

    public init(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60), caCertificateFile: String? = nil
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(
            connect: .milliseconds(Self.milliseconds(connectTimeout)),
            read: .milliseconds(Self.milliseconds(readTimeout)))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .disabled
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificateFile {
            tls.additionalTrustRoots = [.file(caCertificateFile)]
        }
        configuration.tlsConfiguration = tls
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Closes connections; call once when the agent stops.
    public func shutdown() async {
        try? await self.client.shutdown()
    }
}
