import AgentProtocol
import AsyncHTTPClient
import Foundation
import FoundryModel
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import Operator

@Suite(.serialized)
struct OperatorEndpointTests {
    struct Reply {
        var status: UInt
        var body: String
        var headers: [(String, String)]

        func header(_ name: String) -> String? {
            self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    static func call(
        _ url: String, method: HTTPMethod = .GET, body: String? = nil, headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(
            status: response.status.code, body: String(buffer: bytes),
            headers: response.headers.map { ($0.name, $0.value) })
    }

    @Test func theAgentAPIRefusesWrongMissingAndReplayedTokensWithJSON() async throws {
        let harness = try await OperatorHarness(servers: 1)
        defer { Task { await harness.stop() } }
        let lookupURL = harness.url + AgentAPI.lookupPath
        let heartbeatURL = harness.url + AgentAPI.heartbeatPath

        let bad = try await Self.call(
            lookupURL, method: .POST, body: #"{"version":1,"macAddresses":[],"bootToken":"guess"}"#)
        #expect(bad.status == 401)
        #expect(bad.header("content-type") == "application/json")
        #expect(bad.body == #"{"error":"unknown or already used boot token"}"#)

        let malformed = try await Self.call(lookupURL, method: .POST, body: #"{"version":1,"macAddresses":[]}"#)
        #expect(malformed.status == 400)
        #expect(malformed.body.contains("bootToken: required field is missing"))

        let missing = try await Self.call(
            heartbeatURL, method: .POST, body: #"{"version":1,"hostID":"default/node-1","state":"idle"}"#)
        #expect(missing.status == 401)
        #expect(missing.body.contains("missing X-Foundry-Agent-Token"))

        let wrong = try await Self.call(
            heartbeatURL, method: .POST, body: #"{"version":1,"hostID":"default/node-1","state":"idle"}"#,
            headers: [(AgentAPI.tokenHeader, "forged")])
        #expect(wrong.status == 401)

        // A real boot: the token the iPXE script carries works once.
        await harness.server(1).setBootServer("http://127.0.0.1:1")
        try await harness.createHost(1)
        _ = try await harness.wait(for: 1, state: .inspecting)
        let mac = harness.server(1).mac
        var script: Reply?
        for _ in 0..<200 {
            script = try await Self.call(harness.url + "/boot/ipxe/" + mac.replacingOccurrences(of: ":", with: "-"))
            if script?.status == 200 {
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let text = try #require(script?.body)
        #expect(script?.status == 200)
        let parsed = try IPXEScript(parsing: text)
        #expect(parsed.operatorURL == harness.url)
        #expect(parsed.bootMAC == mac)
        let lookup = #"{"version":1,"macAddresses":["\#(mac)"],"bootToken":"\#(parsed.token)"}"#
        let first = try await Self.call(lookupURL, method: .POST, body: lookup)
        #expect(first.status == 200)
        let response = try AgentMessageCodec.decode(LookupResponse.self, from: Data(first.body.utf8))
        #expect(response.hostID == "default/node-1")
        let replay = try await Self.call(lookupURL, method: .POST, body: lookup)
        #expect(replay.status == 401)
        // The spent token is no longer in any script.
        #expect(try await Self.call(harness.url + "/boot/ipxe/" + mac).status == 404)

        let beat = try await Self.call(
            heartbeatURL, method: .POST, body: #"{"version":1,"hostID":"default/node-1","state":"idle"}"#,
            headers: [(AgentAPI.tokenHeader, response.agentToken)])
        #expect(beat.status == 200)
        let foreign = try await Self.call(
            heartbeatURL, method: .POST, body: #"{"version":1,"hostID":"default/node-2","state":"idle"}"#,
            headers: [(AgentAPI.tokenHeader, response.agentToken)])
        #expect(foreign.status == 403)
    }

    @Test func bootEndpointsAnswer404ForHostsThatDoNotWantTheAgent() async throws {
        let harness = try await OperatorHarness(servers: 1)
        defer { Task { await harness.stop() } }
        #expect(try await Self.call(harness.url + "/boot/ipxe/02:00:00:00:00:99").status == 404)
        #expect(try await Self.call(harness.url + "/boot/ipxe/not-a-mac").status == 404)
        #expect(try await Self.call(harness.url + "/boot/iso/0123456789abcdef.iso").status == 404)
        #expect(try await Self.call(harness.url + "/boot/agent/vmlinuz").status == 404)
    }

    @Test func healthReadinessAndMetrics() async throws {
        let harness = try await OperatorHarness(servers: 1)
        defer { Task { await harness.stop() } }
        #expect(try await Self.call(harness.url + "/healthz").status == 200)
        var ready = try await Self.call(harness.url + "/readyz")
        for _ in 0..<100 where ready.status != 200 {
            try await Task.sleep(for: .milliseconds(20))
            ready = try await Self.call(harness.url + "/readyz")
        }
        #expect(ready.status == 200)
        try await harness.createHost(1)
        _ = try await harness.wait(for: 1, state: .available, timeout: .seconds(60))
        let metrics = try await Self.call(harness.url + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"foundry_hosts{state="available"} 1"#))
        #expect(metrics.body.contains(#"foundry_hosts{state="provisioned"} 0"#))
        #expect(metrics.body.contains("foundry_reconcile_duration_seconds_count"))
        #expect(metrics.body.contains(#"foundry_bmc_call_duration_seconds_count{driver="ipmi",call="power-state"}"#))
    }

    @Test func imagesAreServedWholeAndInRanges() async throws {
        let images = try TemporaryDirectory(prefix: "foundry-images")
        defer { images.remove() }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        try Data(bytes).write(to: images.file("small.img"))
        let harness = try await OperatorHarness(servers: 1) { configuration in
            configuration.imageDirectory = images.path
        }
        defer { Task { await harness.stop() } }
        let whole = try await Self.call(harness.url + "/images/small.img")
        #expect(whole.status == 200)
        #expect(whole.header("content-length") == "10000")
        let part = try await Self.call(harness.url + "/images/small.img", headers: [("Range", "bytes=9000-")])
        #expect(part.status == 206)
        #expect(part.header("content-range") == "bytes 9000-9999/10000")
        #expect(part.header("content-length") == "1000")
        let beyond = try await Self.call(harness.url + "/images/small.img", headers: [("Range", "bytes=20000-")])
        #expect(beyond.status == 416)
        #expect(try await Self.call(harness.url + "/images/../etc/passwd").status == 404)
        #expect(try await Self.call(harness.url + "/images/missing.img").status == 404)
    }

    @Test func byteRanges() {
        #expect(ByteRange.parse("bytes=0-", size: 10) == 0...9)
        #expect(ByteRange.parse("bytes=2-4", size: 10) == 2...4)
        #expect(ByteRange.parse("bytes=2-400", size: 10) == 2...9)
        #expect(ByteRange.parse("bytes=-3", size: 10) == 7...9)
        #expect(ByteRange.parse("bytes=10-", size: 10) == nil)
        #expect(ByteRange.parse("bytes=4-2", size: 10) == nil)
        #expect(ByteRange.parse("bytes=0-1,4-5", size: 10) == nil)
        #expect(ByteRange.parse("items=0-1", size: 10) == nil)
    }
}
