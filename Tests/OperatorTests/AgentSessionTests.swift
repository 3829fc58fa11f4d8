import AgentProtocol
import Controllers
import FoundryModel
import Testing

@testable import Operator

struct AgentSessionTests {
    static let host = HostKey(namespace: "default", name: "node-0")
    static let mac = "02:00:00:00:00:01"

    static func sessions() -> AgentSessions {
        AgentSessions(heartbeatInterval: .milliseconds(100), silence: .seconds(5))
    }

    @Test func aBootTokenWorksOnceAndOnlyForItsHost() async throws {
        let sessions = Self.sessions()
        let (token, _) = await sessions.mint(host: Self.host, bootMAC: Self.mac)
        #expect(await sessions.observation(of: Self.host) == .absent)

        let wrong = await sessions.lookup(LookupRequest(macAddresses: [Self.mac], bootToken: "not-it"))
        #expect(wrong.refusal == .unauthorized("unknown or already used boot token"))
        let otherMAC = await sessions.lookup(LookupRequest(macAddresses: ["02:00:00:00:00:99"], bootToken: token))
        #expect(otherMAC.refusal == .forbidden("the boot token was issued to a host with another boot MAC"))

        let first = await sessions.lookup(LookupRequest(macAddresses: ["02-00-00-00-00-01"], bootToken: token))
        let (host, response) = try #require(first.success)
        #expect(host == Self.host)
        #expect(response.hostID == "default/node-0")
        #expect(response.heartbeatIntervalSeconds == 0.1)
        #expect(await sessions.observation(of: Self.host) == .idle)

        let replay = await sessions.lookup(LookupRequest(macAddresses: [Self.mac], bootToken: token))
        #expect(replay.refusal == .unauthorized("unknown or already used boot token"))
    }

    @Test func heartbeatsNeedTheCurrentAgentToken() async throws {
        let sessions = Self.sessions()
        let (token, _) = await sessions.mint(host: Self.host, bootMAC: Self.mac)
        let (_, response) = try #require(
            await sessions.lookup(LookupRequest(macAddresses: [Self.mac], bootToken: token)).success)
        let beat = HeartbeatRequest(hostID: "default/node-0", state: .idle)

        #expect(
            await sessions.heartbeat(beat, token: nil).refusal == .unauthorized("missing X-Foundry-Agent-Token header"))
        #expect(
            await sessions.heartbeat(beat, token: "nope").refusal
                == .unauthorized("unknown, replaced or revoked agent token"))
        let foreign = HeartbeatRequest(hostID: "default/node-1", state: .idle)
        #expect(
            await sessions.heartbeat(foreign, token: response.agentToken).refusal
                == .forbidden("the agent token belongs to another host"))
        #expect(
            await sessions.heartbeat(beat, token: response.agentToken).success?.response.command == AgentCommand.none)

        // A new boot replaces the session: the old agent's token stops working.
        _ = await sessions.mint(host: Self.host, bootMAC: Self.mac)
        #expect(
            await sessions.heartbeat(beat, token: response.agentToken).refusal
                == .unauthorized("unknown, replaced or revoked agent token"))
        await sessions.revoke(host: Self.host)
        #expect(await sessions.observation(of: Self.host) == .absent)
    }

    @Test func aCommandRunsOnceAndItsResultBecomesTheObservation() async throws {
        let sessions = Self.sessions()
        let (token, _) = await sessions.mint(host: Self.host, bootMAC: nil)
        let (_, lookup) = try #require(
            await sessions.lookup(LookupRequest(macAddresses: [Self.mac], bootToken: token)).success)
        #expect(await sessions.issue(.inspect, action: .inspect, to: Self.host))
        #expect(await sessions.issue(.inspect, action: .inspect, to: Self.host))
        #expect(await sessions.observation(of: Self.host) == .running(.inspect, progress: nil))

        let idle = HeartbeatRequest(hostID: "default/node-0", state: .idle)
        let handed = try #require(await sessions.heartbeat(idle, token: lookup.agentToken).success)
        #expect(handed.response.command.kind == .inspect)
        let again = try #require(await sessions.heartbeat(idle, token: lookup.agentToken).success)
        #expect(again.response.command.id == handed.response.command.id)

        var result = CommandResult(commandID: handed.response.command.id, kind: .inspect, succeeded: true)
        result.inventory = HardwareDetails(ramMebibytes: 1024)
        let done = HeartbeatRequest(hostID: "default/node-0", state: .idle, lastResult: result)
        let answered = try #require(await sessions.heartbeat(done, token: lookup.agentToken).success)
        #expect(answered.result == result)
        #expect(answered.response.command == .none)
        #expect(
            await sessions.observation(of: Self.host) == .succeeded(.inspected(HardwareDetails(ramMebibytes: 1024))))
        // The result is not news twice.
        #expect(try #require(await sessions.heartbeat(done, token: lookup.agentToken).success).result == nil)
    }

    @Test func writeProgressAndFailuresAreReported() async throws {
        let sessions = Self.sessions()
        let (token, _) = await sessions.mint(host: Self.host, bootMAC: nil)
        let (_, lookup) = try #require(
            await sessions.lookup(LookupRequest(macAddresses: [], bootToken: token)).success)
        let deployment = ImageDeployment(
            image: HostImage(url: "http://images/os.img", checksum: "abc"), rootDeviceHints: nil, bootMode: .uefi,
            configDrive: ConfigDriveSource(hostname: "node-0"))
        let wire = WriteImageCommand(url: "http://operator/images/x/os.img", checksum: "abc")
        #expect(await sessions.issue(.writeImage(deployment), action: .writeImage(wire), to: Self.host))
        let handed = try #require(
            await sessions.heartbeat(HeartbeatRequest(hostID: "default/node-0", state: .idle), token: lookup.agentToken)
                .success)
        let id = handed.response.command.id
        let busy = HeartbeatRequest(
            hostID: "default/node-0", state: .busy,
            progress: CommandProgress(commandID: id, phase: "downloading", bytesDone: 512, bytesTotal: 2048))
        _ = await sessions.heartbeat(busy, token: lookup.agentToken)
        #expect(
            await sessions.observation(of: Self.host)
                == .running(.writeImage, progress: AgentProgress(done: 512, total: 2048)))
        #expect(await sessions.imageProgress()[Self.host]?.bytesDone == 512)

        let failed = HeartbeatRequest(
            hostID: "default/node-0", state: .idle,
            lastResult: CommandResult(commandID: id, kind: .writeImage, succeeded: false, message: "checksum mismatch"))
        _ = await sessions.heartbeat(failed, token: lookup.agentToken)
        #expect(await sessions.observation(of: Self.host) == .failed(.writeImage, message: "checksum mismatch"))
    }

    @Test func bootGrantsFollowTheUnspentToken() async throws {
        let sessions = Self.sessions()
        let (token, isoID) = await sessions.mint(host: Self.host, bootMAC: "02-00-00-00-00-01")
        #expect(await sessions.pxeGrant(mac: "02:00:00:00:00:01")?.token == token)
        #expect(await sessions.pxeGrant(mac: "02:00:00:00:00:02") == nil)
        #expect(await sessions.isoGrant(isoID: isoID)?.token == token)
        #expect(await sessions.isoGrant(isoID: "guess") == nil)
        #expect(token.count == 64 && isoID.count == 32)
        _ = await sessions.lookup(LookupRequest(macAddresses: [Self.mac], bootToken: token))
        #expect(await sessions.pxeGrant(mac: Self.mac) == nil)
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { value } else { nil }
    }

    var refusal: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
