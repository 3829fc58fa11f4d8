import AgentProtocol
import Foundation
import Hummingbird
import NIOCore

/// The operator's HTTP listener: the agent API, the boot endpoints, images, metrics and health.
enum OperatorRoutes {
    static func router(_ context: OperatorContext) -> Router<BasicRequestContext> {
        let router = Router()
        router.post(RouterPath(stringLiteral: AgentAPI.lookupPath)) { request, _ in
            try await Self.lookup(request, context)
        }
        router.post(RouterPath(stringLiteral: AgentAPI.heartbeatPath)) { request, _ in
            try await Self.heartbeat(request, context)
        }
        router.get("/boot/ipxe/:mac") { _, requestContext in
            await Self.ipxe(mac: requestContext.parameters.get("mac") ?? "", context)
        }
        router.get("/boot/iso/:file") { _, requestContext in
            await Self.iso(file: requestContext.parameters.get("file") ?? "", context)
        }
        router.get("/boot/agent/:file") { _, _ in
            Self.error(
                .notFound,
                "this operator serves no agent kernel: boot the agent from its ISO, or run it in the simulator")
        }
        router.get("/images/**") { request, requestContext in
            let rest = requestContext.parameters.getCatchAll().joined(separator: "/")
            return try await Self.image(rest, request: request, requestContext: requestContext, context)
        }
        router.get("/metrics") { _, _ in
            context.metrics.setHostsByState(await context.index.countsByState())
            return Self.text(context.metrics.exposition(), contentType: "text/plain; version=0.0.4")
        }
        router.get("/healthz") { _, _ in
            Self.text("ok\n")
        }
        router.get("/readyz") { _, _ in
            guard await context.readiness.isReady else {
                return Self.error(.serviceUnavailable, "not ready: the first list of hosts and Secrets is not done")
            }
            return Self.text("ok\n")
        }
        return router
    }

    // MARK: agent API

    private static func lookup(_ request: Request, _ context: OperatorContext) async throws -> Response {
        let lookup: LookupRequest
        switch try await self.decode(LookupRequest.self, request) {
        case .message(let message): lookup = message
        case .rejected(let response): return response
        }
        switch await context.sessions.lookup(lookup) {
        case .success(let (host, response)):
            context.logger.info("agent looked up", metadata: ["host.key": "\(host)"])
            await context.queue.add(host)
            return try self.json(response)
        case .failure(let refusal):
            context.logger.warning("agent lookup refused", metadata: ["error": "\(Self.message(refusal))"])
            return self.refused(refusal)
        }
    }

    private static func heartbeat(_ request: Request, _ context: OperatorContext) async throws -> Response {
        let heartbeat: HeartbeatRequest
        switch try await self.decode(HeartbeatRequest.self, request) {
        case .message(let message): heartbeat = message
        case .rejected(let response): return response
        }
        let tokenHeader = AgentAPI.tokenHeader.lowercased()
        let token = request.headers.first { $0.name.canonicalName == tokenHeader }?.value
        switch await context.sessions.heartbeat(heartbeat, token: token) {
        case .success(let (host, response, result)):
            if let result {
                context.logger.info(
                    "agent command finished",
                    metadata: [
                        "host.key": "\(host)", "command.kind": "\(result.kind.rawValue)",
                        "command.succeeded": "\(result.succeeded)",
                    ])
                if result.kind == .writeImage, result.succeeded, let bytes = result.bytesWritten {
                    context.metrics.recordImageBytes(bytes)
                }
                await context.queue.add(host)
            }
            return try self.json(response)
        case .failure(let refusal):
            context.logger.warning("agent heartbeat refused", metadata: ["error": "\(Self.message(refusal))"])
            return self.refused(refusal)
        }
    }

    /// A request body decoded, or the response that refuses it.
    private enum Decoded<Message> {
        case message(Message)
        case rejected(Response)
    }

    private static func decode<Message: Decodable>(
        _ type: Message.Type,
        _ request: Request
    ) async throws -> Decoded<Message> {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: AgentAPI.maximumMessageBytes)
        } catch {
            return .rejected(
                self.error(.contentTooLarge, "the body is larger than \(AgentAPI.maximumMessageBytes) bytes"))
        }
        do throws(AgentProtocolError) {
            return .message(try AgentMessageCodec.decode(Message.self, from: Data(body.readableBytesView)))
        } catch {
            return .rejected(self.error(.badRequest, error.description))
        }
    }

    private static func refused(_ refusal: AgentSession.Refusal) -> Response {
        switch refusal {
        case .unauthorized(let message): self.error(.unauthorized, message)
        case .forbidden(let message): self.error(.forbidden, message)
        }
    }

    private static func message(_ refusal: AgentSession.Refusal) -> String {
        switch refusal {
        case .unauthorized(let message), .forbidden(let message): message
        }
    }

    // MARK: boot endpoints

    private static func ipxe(mac: String, _ context: OperatorContext) async -> Response {
        guard let grant = await context.sessions.pxeGrant(mac: mac) else {
            return self.error(.notFound, "no host with boot MAC \(mac) is waiting to boot the agent")
        }
        context.logger.info("serving iPXE script", metadata: ["host.key": "\(grant.host)"])
        let script = IPXEScript(
            bootServer: context.operatorURL, operatorURL: context.operatorURL, token: grant.token,
            bootMAC: grant.bootMAC)
        return self.text(script.render())
    }

    private static func iso(file: String, _ context: OperatorContext) async -> Response {
        guard file.hasSuffix(BootArtifacts.isoSuffix),
            let grant = await context.sessions.isoGrant(isoID: String(file.dropLast(BootArtifacts.isoSuffix.count)))
        else {
            return self.error(.notFound, "no agent ISO \(file)")
        }
        do {
            let bytes = try AgentISO.build(operatorURL: context.operatorURL, token: grant.token, bootMAC: grant.bootMAC)
            context.logger.info("serving agent ISO", metadata: ["host.key": "\(grant.host)"])
            var headers = HTTPFields()
            headers[.contentType] = "application/x-iso9660-image"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return self.error(.internalServerError, "cannot build the agent ISO: \(error)")
        }
    }

    // MARK: images

    private static func image(
        _ rest: String,
        request: Request,
        requestContext: BasicRequestContext,
        _ context: OperatorContext
    ) async throws -> Response {
        let path: String
        do {
            path = try await context.images.file(for: rest)
        } catch {
            return self.error(HTTPResponse.Status(code: error.status), error.description)
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.acceptRanges] = "bytes"
        let io = FileIO()
        if let rangeHeader = request.headers[.range] {
            guard let range = ByteRange.parse(rangeHeader, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            let body = try await io.loadFile(path: path, range: range, context: requestContext)
            return Response(status: .partialContent, headers: headers, body: body)
        }
        let body = try await io.loadFile(path: path, context: requestContext)
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: responses

    static func json(_ message: some Encodable) throws -> Response {
        let data = try AgentMessageCodec.encode(message)
        var headers = HTTPFields()
        headers[.contentType] = AgentAPI.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{"error": "..."}` with the status.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = AgentAPI.contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// A `Range: bytes=N-[M]` header against a file of `size` bytes.
enum ByteRange {
    static func parse(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else {
            return nil
        }
        let spec = header.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            return nil
        }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else {
                return nil
            }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = Int(first), start >= 0, start < size else {
            return nil
        }
        guard !last.isEmpty else {
            return start...(size - 1)
        }
        guard let end = Int(last), end >= start else {
            return nil
        }
        return start...min(end, size - 1)
    }
}
