import AgentProtocol
import Foundation
import HostAgent
import TestSupport

/// A test-only HTTP server on 127.0.0.1 standing in for the operator's boot endpoints and agent
/// API: iPXE scripts per MAC, agent ISOs by id, lookup and heartbeat (handing out a script of
/// commands). It is a fake: no store, no state machine, no token minting.
final class FakeBootServer: Sendable {
    let routes: Routes
    private let http: LoopbackHTTPServer

    private init(routes: Routes, http: LoopbackHTTPServer) {
        self.routes = routes
        self.http = http
    }

    static func start() async throws -> FakeBootServer {
        let routes = Routes()
        let http = try await LoopbackHTTPServer.start { request in await routes.answer(request) }
        return FakeBootServer(routes: routes, http: http)
    }

    /// `http://127.0.0.1:PORT`.
    var url: String {
        "http://127.0.0.1:\(self.http.port)"
    }

    func stop() async {
        await self.http.stop()
    }

    /// Serves an iPXE script for `mac` that boots the agent with `token`.
    func serveScript(mac: String, token: String) async {
        let script = IPXEScript(bootServer: self.url, operatorURL: self.url, token: token, bootMAC: mac)
        await self.routes.addScript(script.render(), mac: script.bootMAC, token: token)
    }

    /// Serves an agent ISO under `id`; returns its URL.
    func serveISO(id: String, mac: String, token: String) async throws -> String {
        let config = AgentBootConfig(operatorURL: self.url, token: token, bootMAC: mac)
        let file = ISO9660Image.File(path: BootArtifacts.agentConfigPath, contents: Array(try config.encoded()))
        let iso = try ISO9660Image(volumeIdentifier: BootArtifacts.isoVolumeLabel, files: [file], date: Date()).build()
        await self.routes.addISO(iso, id: id, token: token)
        return BootArtifacts.isoURL(operatorURL: self.url, isoID: id)
    }

    actor Routes {
        private(set) var requests: [String] = []
        private(set) var lookups: [LookupRequest] = []
        private(set) var heartbeats = 0
        private(set) var results: [String: CommandResult] = [:]
        private var scripts: [String: String] = [:]
        private var isos: [String: [UInt8]] = [:]
        private var bootTokens: Set<String> = []
        private var commands: [AgentCommand] = []
        private var handedOut = 0
        /// Extra routes (images) answered before the boot and agent ones.
        private var extra: [String: @Sendable () async -> LoopbackHTTPServer.Response] = [:]
        let agentToken = "agent-token-\(UUID().uuidString)"

        func addScript(_ script: String, mac: String, token: String) {
            self.scripts[mac] = script
            self.bootTokens.insert(token)
        }

        func addISO(_ iso: [UInt8], id: String, token: String) {
            self.isos[id] = iso
            self.bootTokens.insert(token)
        }

        func route(_ path: String, _ answer: @escaping @Sendable () async -> LoopbackHTTPServer.Response) {
            self.extra[path] = answer
        }

        func queue(_ commands: [AgentCommand]) {
            self.commands += commands
        }

        func answer(_ request: LoopbackHTTPServer.Request) async -> LoopbackHTTPServer.Response {
            self.requests.append("\(request.method) \(request.uri)")
            if let extra = self.extra[request.uri] {
                return await extra()
            }
            if request.uri.hasPrefix(BootArtifacts.ipxePathPrefix) {
                let mac = String(request.uri.dropFirst(BootArtifacts.ipxePathPrefix.count))
                guard let script = BootArtifacts.normalizedMAC(mac).flatMap({ self.scripts[$0] }) else {
                    return .text(404, "no host boots the agent with MAC \(mac)")
                }
                return .text(200, script)
            }
            if request.uri.hasPrefix(BootArtifacts.isoPathPrefix), request.uri.hasSuffix(BootArtifacts.isoSuffix) {
                let id = String(
                    request.uri.dropFirst(BootArtifacts.isoPathPrefix.count).dropLast(BootArtifacts.isoSuffix.count))
                guard let iso = self.isos[id] else {
                    return .text(404, "no such ISO")
                }
                return LoopbackHTTPServer.Response(
                    status: 200, headers: [("Content-Type", "application/octet-stream")], body: .bytes(iso))
            }
            do {
                switch request.uri {
                case AgentAPI.lookupPath: return try self.lookup(request)
                case AgentAPI.heartbeatPath: return try self.heartbeat(request)
                default: return .text(404, "no such path")
                }
            } catch {
                return .text(400, "\(error)")
            }
        }

        private func lookup(_ request: LoopbackHTTPServer.Request) throws -> LoopbackHTTPServer.Response {
            let lookup = try AgentMessageCodec.decode(LookupRequest.self, from: Data(request.body))
            self.lookups.append(lookup)
            // One-time, as the operator's: a second lookup with the same token is refused.
            guard self.bootTokens.remove(lookup.bootToken) != nil else {
                return .text(401, "unknown or used boot token")
            }
            return try Self.json(
                LookupResponse(hostID: "default/node-0", agentToken: self.agentToken, heartbeatIntervalSeconds: 0.02))
        }

        private func heartbeat(_ request: LoopbackHTTPServer.Request) throws -> LoopbackHTTPServer.Response {
            guard request.header(AgentAPI.tokenHeader) == self.agentToken else {
                return .text(401, "bad agent token")
            }
            let heartbeat = try AgentMessageCodec.decode(HeartbeatRequest.self, from: Data(request.body))
            self.heartbeats += 1
            if let result = heartbeat.lastResult {
                self.results[result.commandID] = result
            }
            var next = AgentCommand.none
            if heartbeat.state == .idle, let first = self.commands.first, self.results.count == self.handedOut {
                next = first
                self.commands.removeFirst()
                self.handedOut += 1
            }
            return try Self.json(HeartbeatResponse(command: next))
        }

        static func json(_ message: some Encodable) throws -> LoopbackHTTPServer.Response {
            LoopbackHTTPServer.Response(
                status: 200, headers: [("Content-Type", AgentAPI.contentType)],
                body: .bytes(Array(try AgentMessageCodec.encode(message))))
        }
    }
}
