import AgentProtocol
import AsyncHTTPClient
import Foundation
import NIOCore

/// The agent's side of the agent API: lookup and heartbeat, JSON over HTTP(S).
struct OperatorClient: Sendable {
    let baseURL: String
    let http: AgentHTTPClient
    var timeout: TimeAmount = .seconds(30)

    func lookup(_ request: LookupRequest) async throws(OperatorCallError) -> LookupResponse {
        try await self.post(AgentAPI.lookupPath, request, token: nil, answer: LookupResponse.self)
    }

    func heartbeat(_ request: HeartbeatRequest, token: String) async throws(OperatorCallError) -> HeartbeatResponse {
        try await self.post(AgentAPI.heartbeatPath, request, token: token, answer: HeartbeatResponse.self)
    }

    private func post<Answer: Decodable>(
        _ path: String, _ message: some Encodable, token: String?, answer: Answer.Type
    ) async throws(OperatorCallError) -> Answer {
        let call = path.split(separator: "/").last.map(String.init) ?? path
        let body: Data
        do {
            body = try AgentMessageCodec.encode(message)
        } catch {
            throw OperatorCallError(call: call, status: nil, reason: error.description, retryable: false)
        }
        var request = HTTPClientRequest(url: self.baseURL.trimmingSuffix("/") + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: AgentAPI.contentType)
        if let token {
            request.headers.add(name: AgentAPI.tokenHeader, value: token)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: UInt
        var bytes = ByteBuffer()
        do {
            let response = try await self.http.client.execute(request, timeout: self.timeout)
            status = response.status.code
            bytes = try await response.body.collect(upTo: AgentAPI.maximumMessageBytes)
        } catch {
            throw OperatorCallError(call: call, status: nil, reason: "\(error)", retryable: true)
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            let text = String(decoding: data.prefix(300), as: UTF8.self)
            throw OperatorCallError(
                call: call, status: Int(status), reason: text,
                retryable: status >= 500 || status == 429 || status == 408)
        }
        do {
            return try AgentMessageCodec.decode(Answer.self, from: data)
        } catch {
            throw OperatorCallError(call: call, status: Int(status), reason: error.description, retryable: false)
        }
    }
}

/// A lookup or heartbeat that failed.
public struct OperatorCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public var call: String
    public var status: Int?
    public var reason: String
    public var retryable: Bool

    public var description: String {
        "\(self.call) failed" + (self.status.map { " with HTTP \($0)" } ?? "") + ": \(self.reason)"
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        self.hasSuffix(suffix) ? String(self.dropLast(suffix.count)) : self
    }
}
