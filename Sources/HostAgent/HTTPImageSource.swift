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

    /// Bytes read ahead of the writer: two blocks in the making while two are written.
    var blockSize = 4 << 20
    var readAhead = 16 << 20

    func open(from offset: Int64) async throws(ImageWriteError) -> ImageStream {
        let request: HTTPClient.Request
        do {
            var headers = HTTPHeaders()
            if offset > 0 {
                headers.add(name: "Range", value: "bytes=\(offset)-")
            }
            request = try HTTPClient.Request(url: self.url, method: .GET, headers: headers)
        } catch {
            throw .invalidRequest("url: \(self.displayName): \(error)")
        }
        let body = HTTPBodyReadAhead(blockSize: self.blockSize, limit: self.readAhead)
        // No deadline: the read timeout bounds a stalled transfer, whatever the image's size.
        let task = self.client.execute(request: request, delegate: body)
        task.futureResult.whenFailure { body.fail($0) }
        let transfer = Transfer(body: body, task: task)
        let head: HTTPResponseHead
        do {
            // The body's continuations know nothing of task cancellation; cancelling the request
            // fails them, so an agent stopped while its image server is silent stops at once.
            head = try await withTaskCancellationHandler {
                try await body.responseHead()
            } onCancel: {
                task.cancel()
            }
        } catch {
            if Task.isCancelled {
                throw .download("GET \(self.displayName): cancelled", transient: false)
            }
            throw .download("GET \(self.displayName): \(error)", transient: Self.isTransient(error))
        }
        switch head.status.code {
        case 200:
            return ImageStream(
                startOffset: 0, totalLength: Self.contentLength(head.headers), chunks: transfer.chunks())
        case 206:
            guard let range = Self.contentRange(head.headers), range.start == offset else {
                throw .download(
                    "GET \(self.displayName): 206 with a Content-Range that does not start at \(offset)",
                    transient: false)
            }
            return ImageStream(startOffset: range.start, totalLength: range.total, chunks: transfer.chunks())
        default:
            let status = head.status
            let transient = status.code >= 500 || status.code == 408 || status.code == 429
            throw .download("GET \(self.displayName): HTTP \(status.code) \(status.reasonPhrase)", transient: transient)
        }
    }

    /// One response being read; cancelled when the streamer lets go of it, finished or not.
    final class Transfer: Sendable {
        let body: HTTPBodyReadAhead
        let task: HTTPClient.Task<Void>

        init(body: HTTPBodyReadAhead, task: HTTPClient.Task<Void>) {
            self.body = body
            self.task = task
        }

        deinit {
            self.task.cancel()
        }

        func chunks() -> ImageChunks {
            ImageChunks(makeNext: { { try await self.next() } })
        }

        func next() async throws -> ByteBuffer? {
            do {
                return try await withTaskCancellationHandler {
                    try await self.body.next()
                } onCancel: {
                    self.task.cancel()
                }
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
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
