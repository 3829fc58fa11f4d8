import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// An image over HTTP(S). A resumed download asks for `Range: bytes=N-`; a server that answers
/// 200 instead of 206 sends the whole image again, which the caller handles by starting over.
struct HTTPImageSource: ImageSource {
    let url: String
    let client: HTTPClient

    var displayName: String {
        Self.redacted(self.url)
    }

    func open(from offset: Int64) async throws(ImageWriteError) -> ImageStream {
        var request = HTTPClientRequest(url: self.url)
        if offset > 0 {
            request.headers.add(name: "Range", value: "bytes=\(offset)-")
        }
        let response: HTTPClientResponse
        do {
            // The deadline covers only the headers; the body is bounded by the read timeout.
            response = try await self.client.execute(request, timeout: .hours(24))
        } catch {
            throw .download("GET \(self.displayName): \(error)", transient: Self.isTransient(error))
        }
        let status = response.status
        switch status.code {
        case 200:
            return ImageStream(
                startOffset: 0, totalLength: Self.contentLength(response.headers), chunks: Self.chunks(response.body))
        case 206:
            guard let range = Self.contentRange(response.headers), range.start == offset else {
                throw .download(
                    "GET \(self.displayName): 206 with a Content-Range that does not start at \(offset)",
                    transient: false)
            }
            return ImageStream(startOffset: range.start, totalLength: range.total, chunks: Self.chunks(response.body))
        default:
            let transient = status.code >= 500 || status.code == 408 || status.code == 429
            throw .download("GET \(self.displayName): HTTP \(status.code) \(status.reasonPhrase)", transient: transient)
        }
    }

    private static func chunks(_ body: HTTPClientResponse.Body) -> ImageChunks {
        let box = IteratorBox(body.makeAsyncIterator())
        return ImageChunks(makeNext: { { try await box.next() } })
    }

    /// Holds the body's iterator for the one consumer that pulls it.
    final class IteratorBox: @unchecked Sendable {
        // Only the streamer's loop calls next(), one call at a time.
        private var iterator: HTTPClientResponse.Body.AsyncIterator

        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
            self.iterator = iterator
        }

        func next() async throws -> ByteBuffer? {
            do {
                return try await self.iterator.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // The response had started well: whatever broke the body (a reset, a close before
                // Content-Length, a parser error on a truncated stream) is worth a resumed retry.
                throw ImageWriteError.download("reading the body: \(error)", transient: true)
            }
        }
    }

    static func contentLength(_ headers: HTTPHeaders) -> Int64? {
        headers.first(name: "Content-Length").flatMap { Int64($0) }
    }

    /// `Content-Range: bytes 100-199/1000`.
    static func contentRange(_ headers: HTTPHeaders) -> (start: Int64, total: Int64?)? {
        guard let value = headers.first(name: "Content-Range"), value.hasPrefix("bytes ") else {
            return nil
        }
        let parts = value.dropFirst(6).split(separator: "/")
        guard let range = parts.first, let start = range.split(separator: "-").first.flatMap({ Int64($0) }) else {
            return nil
        }
        return (start, parts.count > 1 ? Int64(parts[1]) : nil)
    }

    /// Connection failures, timeouts and early closes are worth another try; TLS and protocol
    /// errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return false
        }
        if let error = error as? HTTPClientError {
            return [
                .remoteConnectionClosed, .readTimeout, .connectTimeout, .writeTimeout, .deadlineExceeded,
                .bodyLengthMismatch, .getConnectionFromPoolTimeout, .uncleanShutdown,
            ].contains(error)
        }
        if error is IOError || error is ChannelError {
            return true
        }
        let text = String(describing: error)
        return text.contains("connect") || text.contains("Connection") || text.contains("reset")
    }

    /// The URL without user information or query (which may hold credentials).
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else {
            return "(unparseable URL)"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "(unparseable URL)"
    }
}
