import BMC
import Foundation
import FoundryModel
import RedfishModel
import Testing

/// The client's behaviour exchange by exchange, against a scripted transport.
struct RedfishClientTests {
    let credentials = BMCCredentials(username: "admin", password: "secret")

    func connect(_ transport: RedfishScriptedTransport, attempts: Int = 3) async throws -> RedfishClient {
        var configuration = RedfishClient.Configuration(
            options: BMCConnectionOptions(maxAttempts: attempts), pollInterval: .milliseconds(5))
        configuration.retry = RedfishRetryPolicy(
            maxAttempts: attempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20),
            maxRetryAfter: .milliseconds(50))
        return try await RedfishClient.connect(
            try BMCAddress.parse("redfish://127.0.0.1:8443"), credentials: self.credentials,
            configuration: configuration, transport: transport)
    }

    @Test func connectFindsTheOnlySystemAndUsesASession() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport)
        #expect(client.systemPath == "/redfish/v1/Systems/1")
        #expect(try await client.powerState() == .off)
        let systemGets = transport.sent.filter { $0.path == "/redfish/v1/Systems/1" }
        #expect(systemGets.allSatisfy { $0.headers["x-auth-token"] == "token-1" && $0.headers["authorization"] == nil })
        // The service root is read without credentials.
        #expect(transport.sent.first?.headers["authorization"] == nil)
        let login = try #require(transport.sent.first { $0.method == .post })
        let body = try JSONDecoder().decode([String: String].self, from: login.body ?? Data())
        #expect(body == ["UserName": "admin", "Password": "secret"])
        await client.close()
        #expect(transport.count("DELETE /redfish/v1/SessionService/Sessions/1") == 1)
    }

    @Test func wrongPasswordIsAuthenticationFailed() async throws {
        let transport = RedfishScriptedTransport.service()
        transport.always(
            "POST /redfish/v1/SessionService/Sessions",
            RedfishScriptedTransport.json(401, #"{"error": {"code": "Base.1.22.GeneralError", "message": "bad"}}"#))
        do {
            _ = try await self.connect(transport)
            Issue.record("login should fail")
        } catch let error as BMCError {
            #expect(error.code == .authenticationFailed)
            #expect(error.bmcCode == 401)
        }
    }

    @Test func expiredTokenLogsInAgainOnce() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport)
        transport.queue("GET /redfish/v1/Systems/1", RedfishScriptedTransport.json(401, "{}"))
        #expect(try await client.powerState() == .off)
        #expect(transport.count("POST /redfish/v1/SessionService/Sessions") == 2)
        // A second 401 right after logging in again is a real refusal.
        transport.queue(
            "GET /redfish/v1/Systems/1", RedfishScriptedTransport.json(401, "{}"),
            RedfishScriptedTransport.json(401, "{}"))
        await #expect(throws: BMCError.self) { try await client.powerState() }
    }

    @Test func serviceUnavailableIsRetriedWithinTheBound() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport, attempts: 3)
        let busy = RedfishScriptedTransport.json(503, "{}", headers: ["retry-after": "0"])
        transport.queue("GET /redfish/v1/Systems/1", busy, busy)
        #expect(try await client.powerState() == .off)
        transport.queue("GET /redfish/v1/Systems/1", busy, busy, busy)
        do {
            _ = try await client.powerState()
            Issue.record("three 503s exhaust three attempts")
        } catch {
            #expect(error.code == .commandFailed)
            #expect(error.bmcCode == 503)
        }
    }

    @Test func droppedConnectionsAreRetriedForReadsNotRestarts() async throws {
        let transport = RedfishScriptedTransport.service(power: "On")
        let client = try await self.connect(transport)
        let drop = RedfishScriptedTransport.Answer.failure(RedfishTransportError(.connectionDropped, "closed"))
        transport.queue("GET /redfish/v1/Systems/1", drop, drop)
        #expect(try await client.powerState() == .on)
        transport.queue("POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset", drop)
        do {
            try await client.setPower(.reset)
            Issue.record("a dropped restart must not be resent blindly")
        } catch {
            #expect(error.code == .unreachable)
        }
        #expect(transport.count("POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset") == 1)
    }

    @Test func malformedJSONIsAProtocolError() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport)
        transport.queue(
            "GET /redfish/v1/Systems/1",
            RedfishScriptedTransport.json(200, #"{"@odata.id": "/redfish/v1/Systems/1", "Id": 1,"#))
        do {
            _ = try await client.powerState()
            Issue.record("truncated JSON must fail")
        } catch {
            #expect(error.code == .protocolError)
            #expect(error.message.contains("GET /redfish/v1/Systems/1"))
        }
        transport.queue(
            "GET /redfish/v1/Systems/1",
            RedfishScriptedTransport.json(200, #"{"@odata.id": "/s", "Id": 1, "Name": "s"}"#))
        do {
            _ = try await client.powerState()
            Issue.record("a number for Id must fail")
        } catch {
            #expect(error.code == .protocolError)
            #expect(error.message.contains("Id"))
        }
    }

    @Test func wrongContentTypeIsAProtocolError() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport)
        transport.queue(
            "GET /redfish/v1/Systems/1",
            .success(
                RedfishHTTPResponse(
                    status: 200, headers: ["content-type": "text/html"], body: Data("<html>login</html>".utf8))))
        do {
            _ = try await client.powerState()
            Issue.record("HTML must not be read as JSON")
        } catch {
            #expect(error.code == .protocolError)
            #expect(error.message.contains("text/html"))
        }
    }

    @Test func hugeBodyIsATypedError() async throws {
        let transport = RedfishScriptedTransport.service()
        let client = try await self.connect(transport)
        transport.queue(
            "GET /redfish/v1/Systems/1", .failure(RedfishTransportError(.bodyTooLarge, "larger than 4194304 bytes")))
        do {
            _ = try await client.powerState()
            Issue.record("an oversized body must fail")
        } catch {
            #expect(error.code == .protocolError)
            #expect(error.message.contains("larger than"))
        }
        // An oversized answer will be as large next time: not retried.
        #expect(transport.count("GET /redfish/v1/Systems/1") == 2)
    }

    @Test func severalSystemsNeedAPathInTheAddress() async throws {
        let transport = RedfishScriptedTransport.service()
        transport.always(
            "GET /redfish/v1/Systems",
            RedfishScriptedTransport.json(
                200,
                #"{"@odata.id": "/redfish/v1/Systems", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}, {"@odata.id": "/redfish/v1/Systems/2"}]}"#
            ))
        do {
            _ = try await self.connect(transport)
            Issue.record("two systems and no path must fail")
        } catch let error as BMCError {
            #expect(error.code == .invalidAddress)
            #expect(error.message.contains("/redfish/v1/Systems/2"))
        }
    }

    @Test func taskFailureCarriesItsMessages() async throws {
        let transport = RedfishScriptedTransport.service()
        transport.always(
            "GET /redfish/v1/",
            RedfishScriptedTransport.json(
                200,
                #"{"@odata.id": "/redfish/v1/", "Id": "RootService", "Name": "Root", "Systems": {"@odata.id": "/redfish/v1/Systems"}, "UpdateService": {"@odata.id": "/redfish/v1/UpdateService"}}"#
            ))
        transport.always(
            "GET /redfish/v1/UpdateService",
            RedfishScriptedTransport.json(
                200,
                ##"{"@odata.id": "/redfish/v1/UpdateService", "Id": "UpdateService", "Name": "U", "Actions": {"#UpdateService.SimpleUpdate": {"target": "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate"}}}"##
            ))
        transport.always(
            "POST /redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
            RedfishScriptedTransport.json(
                202, "{}", headers: ["location": "https://127.0.0.1:8443/redfish/v1/TaskService/Tasks/9"]))
        let running = RedfishScriptedTransport.json(
            200, #"{"@odata.id": "/redfish/v1/TaskService/Tasks/9", "Id": "9", "Name": "t", "TaskState": "Running"}"#)
        transport.queue("GET /redfish/v1/TaskService/Tasks/9", running, running)
        transport.always(
            "GET /redfish/v1/TaskService/Tasks/9",
            RedfishScriptedTransport.json(
                200,
                #"{"@odata.id": "/redfish/v1/TaskService/Tasks/9", "Id": "9", "Name": "t", "TaskState": "Exception", "Messages": [{"MessageId": "Update.1.0.ImageNotFound", "Message": "The image was not found."}]}"#
            ))
        let client = try await self.connect(transport)
        do {
            try await client.simpleUpdate(imageURI: "http://127.0.0.1/firmware.bin")
            Issue.record("the task ended in Exception")
        } catch {
            #expect(error.code == .commandFailed)
            #expect(error.message.contains("The image was not found."))
        }
        #expect(transport.count("GET /redfish/v1/TaskService/Tasks/9") == 3)
    }

    @Test func basicAuthWhenNoSessionsAreOffered() async throws {
        let transport = RedfishScriptedTransport.service()
        transport.always(
            "GET /redfish/v1/",
            RedfishScriptedTransport.json(
                200,
                #"{"@odata.id": "/redfish/v1/", "Id": "RootService", "Name": "Root", "Systems": {"@odata.id": "/redfish/v1/Systems"}}"#
            ))
        let client = try await self.connect(transport)
        _ = try await client.powerState()
        let expected = "Basic " + Data("admin:secret".utf8).base64EncodedString()
        #expect(transport.sent.last?.headers["authorization"] == expected)
        #expect(transport.count("POST /redfish/v1/SessionService/Sessions") == 0)
    }

    @Test func absoluteLocationsBecomePaths() {
        #expect(RedfishConnection.path(of: "https://10.0.0.1/redfish/v1/Sessions/4") == "/redfish/v1/Sessions/4")
        #expect(RedfishConnection.path(of: "/redfish/v1/Sessions/4") == "/redfish/v1/Sessions/4")
    }
}
