import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The Redfish client's HTTP transport, on AsyncHTTPClient.
///
/// Why AsyncHTTPClient rather than libcurl (which the project also links): it is async/await and
/// non-blocking on the same NIO event loops as the rest of the process, so a hundred BMCs polled
/// at once cost a hundred in-flight requests, not a hundred blocked threads; it keeps a
/// keep-alive connection pool per host (a BMC is slow to handshake TLS); its TLS is NIOSSL,
/// where turning verification off is one per-client setting rather than per-handle curl options;
/// and its errors are typed, so a refused connection, a drop and a timeout can be told apart for
/// the retry policy without parsing curl's messages.
public struct RedfishHTTPClientTransport: RedfishTransport {
    /// Largest response body read; a Redfish resource is a few kilobytes.
    public var maxResponseBytes: Int
    public var requestTimeout: Duration

    public init(requestTimeout: Duration = .seconds(5), maxResponseBytes: Int = 4 << 20) {
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Two process-wide clients (one verifying certificates, one not), so connections are pooled
    /// across drivers; they live as long as the process and so are never shut down.
    private static let verifyingClient = Self.makeClient(verify: true)
    private static let insecureClient = Self.makeClient(verify: false)

    private static func makeClient(verify: Bool) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verify ? .fullVerification : .none
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // A BMC that redirects is misconfigured; following could send credentials elsewhere.
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(60)),
            connectionPool: .init(idleTimeout: .seconds(30))
        )
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    public func send(
        _ request: RedfishHTTPRequest, to base: RedfishEndpointURL
    ) async throws(RedfishTransportError)
        -> RedfishHTTPResponse
    {
        let client = base.disableCertificateVerification ? Self.insecureClient : Self.verifyingClient
        var outgoing = HTTPClientRequest(url: base.description + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let timeout = TimeAmount.nanoseconds(
                Int64(self.requestTimeout.components.seconds) * 1_000_000_000
                    + self.requestTimeout.components.attoseconds / 1_000_000_000)
            let response = try await client.execute(outgoing, timeout: timeout)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            let body: ByteBuffer
            if request.method == .head {
                body = ByteBuffer()
            } else {
                body = try await response.body.collect(upTo: self.maxResponseBytes)
            }
            return RedfishHTTPResponse(
                status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error, request: request, base: base, limit: self.maxResponseBytes)
        }
    }

    static func classify(
        _ error: any Error, request: RedfishHTTPRequest, base: RedfishEndpointURL, limit: Int
    )
        -> RedfishTransportError
    {
        let target = "\(request) at \(base)"
        if error is NIOTooManyBytesError {
            return RedfishTransportError(.bodyTooLarge, "\(target): response body larger than \(limit) bytes")
        }
        // A connection closed before the promised Content-Length arrived: the BMC dropped it
        // mid-answer (the retry policy decides whether the request may be sent again).
        if let error = error as? HTTPParserError, case .invalidEOFState = error {
            return RedfishTransportError(.connectionDropped, "\(target): the BMC closed the connection mid-answer")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
                return RedfishTransportError(.connectFailed, "\(target): could not connect (\(error))")
            case .readTimeout, .deadlineExceeded, .writeTimeout:
                return RedfishTransportError(.timeout, "\(target): no answer in time")
            case .remoteConnectionClosed, .uncleanShutdown:
                return RedfishTransportError(.connectionDropped, "\(target): the BMC closed the connection")
            default:
                return RedfishTransportError(.other, "\(target): \(error)")
            }
        }
        let text = String(describing: error)
        if error is NIOSSLError || error is BoringSSLError {
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
                return RedfishTransportError(
                    .tlsVerificationFailed,
                    "\(target): the BMC's TLS certificate is not trusted (self-signed?); set "
                        + "disableCertificateVerification to accept it")
            }
            return RedfishTransportError(.connectFailed, "\(target): TLS handshake failed: \(text)")
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError {
            if let channelError = error as? ChannelError, channelError == .ioOnClosedChannel || channelError == .eof {
                return RedfishTransportError(.connectionDropped, "\(target): the BMC closed the connection")
            }
            return RedfishTransportError(.connectFailed, "\(target): could not connect (\(text))")
        }
        return RedfishTransportError(.other, "\(target): \(text)")
    }
}
