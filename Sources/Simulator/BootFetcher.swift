import AsyncHTTPClient
import Foundation
import NIOCore

/// What a server's firmware downloads when it boots: an iPXE script, a virtual-media ISO. One
/// HTTP client for the whole fleet; every download is bounded in size and time.
public final class BootFetcher: Sendable {
    let client: HTTPClient
    let timeout: Duration

    public init(timeout: Duration = .seconds(10)) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(3), read: .seconds(max(1, timeout.components.seconds)))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = timeout
    }

    /// The body of `url` (http or https), at most `limit` bytes.
    public func get(_ url: String, limit: Int) async throws(BootFetchError) -> [UInt8] {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            parsed.host != nil
        else {
            throw BootFetchError(url: url, kind: .badURL)
        }
        do {
            let response = try await self.client.execute(
                HTTPClientRequest(url: url), timeout: .seconds(self.timeout.components.seconds))
            guard response.status == .ok else {
                throw BootFetchError(url: url, kind: .status(Int(response.status.code)))
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                throw BootFetchError(url: url, kind: .tooLarge(limit: limit))
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= limit else {
                    throw BootFetchError(url: url, kind: .tooLarge(limit: limit))
                }
                body += chunk.readableBytesView
            }
            return body
        } catch let error as BootFetchError {
            throw error
        } catch is CancellationError {
            throw BootFetchError(url: url, kind: .cancelled)
        } catch {
            throw BootFetchError(url: url, kind: .unreachable("\(error)"))
        }
    }

    /// Closes connections; call once when the fleet stops.
    public func shutdown() async {
        try? await self.client.shutdown()
    }
}

/// A boot download that failed. The URL is kept for the caller; `description` shows only its
/// scheme, host and port, since a virtual-media URL is a capability (it holds the host's token).
public struct BootFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case badURL
        case status(Int)
        case tooLarge(limit: Int)
        case unreachable(String)
        case cancelled
    }

    public var url: String
    public var kind: Kind

    public var isNotFound: Bool {
        self.kind == .status(404)
    }

    public var description: String {
        let server = BootFetchError.server(of: self.url)
        switch self.kind {
        case .badURL: return "\"\(server)\" is not an http or https URL"
        case .status(let code): return "\(server) answered HTTP \(code)"
        case .tooLarge(let limit): return "\(server) sent more than \(limit) bytes"
        case .unreachable(let reason): return "\(server) is unreachable: \(reason)"
        case .cancelled: return "the download from \(server) was cut off"
        }
    }

    /// `http://127.0.0.1:6385` of a URL; what is safe to print.
    static func server(of url: String) -> String {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else {
            return "the URL"
        }
        return "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "")
    }
}
