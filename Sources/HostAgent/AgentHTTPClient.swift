import AsyncHTTPClient
import NIOCore

/// The agent's HTTP client (operator API, images, checksum files): connect timeout 10 s, a read
/// timeout so a stalled transfer fails (and is retried) instead of hanging, redirects followed.
public final class AgentHTTPClient: Sendable {
    let client: HTTPClient

    public init(readTimeout: Duration = .seconds(60)) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(
            connect: .seconds(10), read: .seconds(max(1, readTimeout.components.seconds)))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes connections; call once when the agent stops.
    public func shutdown() async {
        try? await self.client.shutdown()
    }
}
