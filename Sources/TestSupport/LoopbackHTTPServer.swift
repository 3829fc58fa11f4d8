import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: image servers (files sent with
/// sendfile, ranges, injected faults) and fake operators. Each request is answered by `handler`.
public final class LoopbackHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public struct Response: Sendable {
        public enum Body: Sendable {
            case bytes([UInt8])
            /// `length` bytes of the file from `offset`, sent with sendfile.
            case file(path: String, offset: Int64, length: Int64)
        }

        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: Body
        /// Send only this many body bytes, then close the connection (a transfer cut short).
        public var cutAfter: Int64?

        public init(
            status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([]), cutAfter: Int64? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.cutAfter = cutAfter
        }

        public static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain")], body: .bytes(Array(text.utf8)))
        }
    }

    public typealias Handler = @Sendable (Request) async -> Response

    private let channel: any Channel
    public let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    public static func start(handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackHTTPServer(channel: channel, port: channel.localAddress?.port ?? 0)
    }

    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(self.port)\(path.hasPrefix("/") ? path : "/" + path)"
    }

    public func stop() async {
        try? await self.channel.close()
    }

    // MARK: handler

    final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        // Event-loop confined: NIO calls a handler only on its channel's loop.
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        static let maximumBody = 64 << 20

        let handler: Handler
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(handler: @escaping Handler) {
            self.handler = handler
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch self.unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                self.body = []
            case .body(let buffer):
                guard self.body.count + buffer.readableBytes <= Self.maximumBody else {
                    context.close(promise: nil)
                    return
                }
                self.body += buffer.readableBytesView
            case .end:
                guard let head = self.head else {
                    return
                }
                let request = Request(
                    method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                    body: self.body)
                let handler = self.handler
                let loop = context.eventLoop
                let bound = NIOLoopBound((self, context), eventLoop: loop)
                loop.makeFutureWithTask { await handler(request) }.whenSuccess { response in
                    let (this, context) = bound.value
                    this.respond(response, keepAlive: head.isKeepAlive, context: context)
                }
            }
        }

        private func respond(_ response: Response, keepAlive: Bool, context: ChannelHandlerContext) {
            var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
            let length: Int64
            switch response.body {
            case .bytes(let bytes): length = Int64(bytes.count)
            case .file(_, _, let count): length = count
            }
            if !headers.contains(name: "Content-Length") {
                headers.add(name: "Content-Length", value: String(length))
            }
            let close = !keepAlive || response.cutAfter != nil
            if close {
                headers.replaceOrAdd(name: "Connection", value: "close")
            }
            let head = HTTPResponseHead(
                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(self.wrapOutboundOut(.head(head)), promise: nil)
            let sent = min(length, response.cutAfter ?? length)
            let fileHandle: NIOFileHandle?
            switch response.body {
            case .bytes(let bytes):
                fileHandle = nil
                context.write(
                    self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes.prefix(Int(sent)))))), promise: nil)
            case .file(let path, let offset, _):
                guard let handle = try? NIOFileHandle(_deprecatedPath: path) else {
                    context.close(promise: nil)
                    return
                }
                fileHandle = handle
                let region = FileRegion(fileHandle: handle, readerIndex: Int(offset), endIndex: Int(offset + sent))
                context.write(self.wrapOutboundOut(.body(.fileRegion(region))), promise: nil)
            }
            let done: EventLoopFuture<Void>
            if response.cutAfter != nil && sent < length {
                done = context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer()))))
            } else {
                done = context.writeAndFlush(self.wrapOutboundOut(.end(nil)))
            }
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.whenComplete { _ in
                try? fileHandle?.close()
                if close {
                    loopBound.value.close(promise: nil)
                }
            }
        }
    }
}
