import BMC
import Foundation
import FoundryModel
import Synchronization
import TestSupport
import Testing

/// Broken answers from a BMC over real HTTP on loopback, through the client's own transport
/// (AsyncHTTPClient): each ends in a typed error, or in a retry within its bound, never a crash,
/// and the client keeps working afterwards. Bounds are generous (the suite runs on a loaded
/// 2-core machine); what is checked is behaviour, not speed.
@Suite(.timeLimit(.minutes(2)))
struct RedfishTransportFaultTests {
    /// How the fake BMC answers the next `GET /redfish/v1/Systems/1`.
    enum Fault: Sendable {
        case truncatedJSON
        case html
        case huge(bytes: Int)
        case cut
        case busy(retryAfter: String)
        case slow(Duration)
    }

    /// The faults still to answer with, and how often the system was read; shared with the
    /// server's handler.
    final class FaultQueue: Sendable {
        private let state = Mutex<(faults: [Fault], systemGets: Int)>(([], 0))

        func append(_ faults: [Fault]) {
            self.state.withLock { $0.faults.append(contentsOf: faults) }
        }

        /// Counts a read of the system and returns the fault to answer it with, if any.
        func next() -> Fault? {
            self.state.withLock { state in
                state.systemGets += 1
                return state.faults.isEmpty ? nil : state.faults.removeFirst()
            }
        }

        /// How many times the system was read since the last call.
        func takeSystemGets() -> Int {
            self.state.withLock { state in
                defer { state.systemGets = 0 }
                return state.systemGets
            }
        }
    }

    /// A minimal Redfish service (a root without sessions, so Basic auth; one system) whose system
    /// answers from a queue of faults, then normally.
    struct FakeBMC {
        let server: LoopbackHTTPServer
        let faults: FaultQueue

        static func start() async throws -> FakeBMC {
            let faults = FaultQueue()
            let server = try await LoopbackHTTPServer.start { request in
                await Self.answer(request, faults: faults)
            }
            return FakeBMC(server: server, faults: faults)
        }

        var address: String {
            "redfish+http://127.0.0.1:\(self.server.port)"
        }

        func stop() async {
            await self.server.stop()
        }

        private static func answer(
            _ request: LoopbackHTTPServer.Request, faults: FaultQueue
        ) async
            -> LoopbackHTTPServer.Response
        {
            switch request.uri {
            case "/redfish/v1/", "/redfish/v1":
                return Self.json(
                    #"{"@odata.id": "/redfish/v1/", "Id": "RootService", "Name": "Root", "Systems": {"@odata.id": "/redfish/v1/Systems"}}"#
                )
            case "/redfish/v1/Systems":
                return Self.json(
                    #"{"@odata.id": "/redfish/v1/Systems", "Name": "Systems", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}]}"#
                )
            case "/redfish/v1/Systems/1":
                return await Self.system(faults.next())
            default:
                return Self.json(#"{"error": {"code": "Base.1.8.ResourceMissingAtURI", "message": "no"}}"#, status: 404)
            }
        }

        static func json(_ text: String, status: Int = 200) -> LoopbackHTTPServer.Response {
            LoopbackHTTPServer.Response(
                status: status, headers: [("Content-Type", "application/json")], body: .bytes(Array(text.utf8)))
        }

        private static func system(_ fault: Fault?) async -> LoopbackHTTPServer.Response {
            let good =
                ##"{"@odata.id": "/redfish/v1/Systems/1", "Id": "1", "Name": "s", "PowerState": "On", "Actions": {"#ComputerSystem.Reset": {"target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"}}}"##
            switch fault {
            case nil:
                return Self.json(good)
            case .truncatedJSON:
                return Self.json(String(good.prefix(40)))
            case .html:
                return LoopbackHTTPServer.Response(
                    status: 200, headers: [("Content-Type", "text/html")],
                    body: .bytes(Array("<html>login</html>".utf8)))
            case .huge(let bytes):
                var body = Array(#"{"Id": "1", "Name": ""#.utf8)
                body += [UInt8](repeating: UInt8(ascii: "a"), count: bytes)
                body += Array(#""}"#.utf8)
                return LoopbackHTTPServer.Response(
                    status: 200, headers: [("Content-Type", "application/json")], body: .bytes(body))
            case .cut:
                var response = Self.json(good)
                response.cutAfter = 20
                return response
            case .busy(let retryAfter):
                var response = Self.json(
                    #"{"error": {"code": "Base.1.8.ServiceTemporarilyUnavailable", "message": "busy"}}"#, status: 503)
                response.headers.append((name: "Retry-After", value: retryAfter))
                return response
            case .slow(let delay):
                try? await Task.sleep(for: delay)
                return Self.json(good)
            }
        }
    }

    /// A client of the fake BMC with a short per-request timeout and quick retries.
    static func connect(
        _ bmc: FakeBMC, attempts: Int = 3, timeout: Duration = .seconds(5),
        maxRetryAfter: Duration = .milliseconds(200)
    ) async throws -> RedfishClient {
        let options = BMCConnectionOptions(requestTimeout: timeout, maxAttempts: attempts)
        var configuration = RedfishClient.Configuration(options: options, authMode: .basic)
        configuration.retry = RedfishRetryPolicy(
            maxAttempts: attempts, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100),
            maxRetryAfter: maxRetryAfter)
        let client = try await RedfishClient.connect(
            try BMCAddress.parse(bmc.address), credentials: BMCCredentials(username: "admin", password: "password"),
            options: options, configuration: configuration)
        _ = bmc.faults.takeSystemGets()
        return client
    }

    /// Runs `body`, which must fail with a BMCError, and returns that error.
    static func failure(_ body: () async throws -> Void) async -> BMCError? {
        do {
            try await body()
            return nil
        } catch let error as BMCError {
            return error
        } catch {
            Issue.record("not a BMCError: \(error)")
            return nil
        }
    }

    @Test func malformedJSONIsAProtocolErrorAndNotRetried() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc)
        bmc.faults.append([.truncatedJSON])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .protocolError, "\(String(describing: error))")
        #expect(error?.message.contains("/redfish/v1/Systems/1") == true, "\(String(describing: error))")
        #expect(bmc.faults.takeSystemGets() == 1)
        #expect(try await client.powerState() == .on, "the client works after a bad answer")
        await bmc.stop()
    }

    @Test func wrongContentTypeIsAProtocolError() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc)
        bmc.faults.append([.html])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .protocolError, "\(String(describing: error))")
        #expect(error?.message.contains("text/html") == true, "\(String(describing: error))")
        #expect(try await client.powerState() == .on)
        await bmc.stop()
    }

    @Test func hugeBodyIsATypedErrorNotRead() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc)
        // Twice the client's 4 MiB limit.
        bmc.faults.append([.huge(bytes: 8 << 20)])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .protocolError, "\(String(describing: error))")
        #expect(error?.message.contains("larger than") == true, "\(String(describing: error))")
        #expect(bmc.faults.takeSystemGets() == 1, "an oversized answer is not asked for again")
        #expect(try await client.powerState() == .on)
        await bmc.stop()
    }

    @Test func droppedConnectionsAreRetriedWithinTheBound() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc, attempts: 3)
        bmc.faults.append([.cut, .cut])
        #expect(try await client.powerState() == .on)
        #expect(bmc.faults.takeSystemGets() == 3)
        bmc.faults.append([.cut, .cut, .cut, .cut])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .unreachable, "\(String(describing: error))")
        #expect(bmc.faults.takeSystemGets() == 3, "three attempts, no more")
        await bmc.stop()
    }

    @Test func serviceUnavailableWaitsForRetryAfter() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc, attempts: 3, maxRetryAfter: .seconds(5))
        bmc.faults.append([.busy(retryAfter: "1")])
        let start = ContinuousClock.now
        #expect(try await client.powerState() == .on)
        #expect(ContinuousClock.now - start >= .seconds(1), "the client waited as Retry-After asked")
        #expect(bmc.faults.takeSystemGets() == 2)
        bmc.faults.append([
            .busy(retryAfter: "0"), .busy(retryAfter: "0"), .busy(retryAfter: "0"), .busy(retryAfter: "0"),
        ])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .commandFailed && error?.bmcCode == 503, "\(String(describing: error))")
        #expect(bmc.faults.takeSystemGets() == 3, "three attempts, no more")
        await bmc.stop()
    }

    @Test func slowRepliesWithinTheTimeoutAreWaitedForAndSlowerOnesTimeOut() async throws {
        let bmc = try await FakeBMC.start()
        let client = try await Self.connect(bmc, attempts: 2, timeout: .seconds(2))
        bmc.faults.append([.slow(.milliseconds(300))])
        #expect(try await client.powerState() == .on)
        #expect(bmc.faults.takeSystemGets() == 1)
        bmc.faults.append([.slow(.seconds(6)), .slow(.seconds(6))])
        let error = await Self.failure { _ = try await client.powerState() }
        #expect(error?.code == .timeout, "\(String(describing: error))")
        #expect(bmc.faults.takeSystemGets() == 2, "two attempts, no more")
        await bmc.stop()
    }
}
