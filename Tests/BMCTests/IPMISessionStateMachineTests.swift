import IPMIWire
import Simulator
import Testing

@testable import BMC

/// The client state machine against the simulator's BMC core, in memory: every step of the
/// handshake, retransmission and re-establishment, with no sockets and no clock.
struct IPMISessionStateMachineTests {
    @Test(arguments: [CipherSuite.suite17, .suite3]) func opensASessionAndRunsCommands(_ suite: CipherSuite) throws {
        var loop = try IPMISessionLoopback(suites: [suite])
        guard case .succeeded(let response) = loop.run(.getChassisStatus) else {
            Issue.record("Get Chassis Status failed")
            return
        }
        #expect(response.completionCode == .success)
        #expect(try GetChassisStatus.Response.decode(bytes: response.data).powerOn == false)
        #expect(loop.machine.negotiatedSuite == suite)
        #expect(loop.core.activeSessionIDs.count == 1)
        let session = try #require(loop.core.activeSessionIDs.first)
        #expect(loop.core.privilege(ofSession: session) == .administrator)

        guard
            case .succeeded(let control) = loop.run(
                .chassisControl, ChassisControl.Request(action: .powerUp).encodedBytes)
        else {
            Issue.record("Chassis Control failed")
            return
        }
        #expect(control.completionCode == .success)
        #expect(loop.power)
        guard case .closed = loop.close() else {
            Issue.record("close did not finish")
            return
        }
        #expect(loop.core.sessionCount == 0)
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() throws {
        var loop = try IPMISessionLoopback(password: "not-the-password")
        guard case .failed(let error) = loop.run(.getChassisStatus) else {
            Issue.record("a wrong password opened a session")
            return
        }
        #expect(error.code == .authenticationFailed)
        #expect(loop.executed.isEmpty)
    }

    @Test func unknownUserIsAnAuthenticationFailure() throws {
        var loop = try IPMISessionLoopback(username: "mallory")
        guard case .failed(let error) = loop.run(.getChassisStatus) else {
            Issue.record("an unknown user opened a session")
            return
        }
        #expect(error.code == .authenticationFailed)
        #expect(error.message.contains("mallory"))
    }

    @Test func privilegeAboveTheUsersIsRefused() throws {
        var loop = try IPMISessionLoopback(users: [SimUser(name: "admin", password: "password", privilege: .operator)])
        guard case .failed(let error) = loop.run(.getChassisStatus) else {
            Issue.record("an operator got an administrator session")
            return
        }
        #expect(error.code == .insufficientPrivilege)
    }

    @Test func userSessionCannotControlPower() throws {
        var loop = try IPMISessionLoopback(
            users: [SimUser(name: "admin", password: "password", privilege: .user)], privilege: .user)
        guard case .succeeded(let status) = loop.run(.getChassisStatus) else {
            Issue.record("USER could not read power")
            return
        }
        #expect(status.completionCode == .success)
        guard case .succeeded(let control) = loop.run(.chassisControl, [0x01]) else {
            Issue.record("no answer to Chassis Control")
            return
        }
        #expect(control.completionCode == .insufficientPrivilege)
        #expect(!loop.executed.contains(.chassisControl))
    }

    @Test func refusedSuiteFallsBackToTheNext() throws {
        var loop = try IPMISessionLoopback(refused: [17])
        guard case .succeeded = loop.run(.getChassisStatus) else {
            Issue.record("no session with suite 3")
            return
        }
        #expect(loop.machine.negotiatedSuite == .suite3)
    }

    @Test func noCommonSuiteIsUnsupported() throws {
        var loop = try IPMISessionLoopback(suites: [.suite17], refused: [17])
        guard case .failed(let error) = loop.run(.getChassisStatus) else {
            Issue.record("a refused suite opened a session")
            return
        }
        #expect(error.code == .unsupported)
    }

    @Test func lostHandshakeMessagesAreResent() throws {
        var loop = try IPMISessionLoopback(maxAttempts: 3)
        // Lose the first Open Session request and the first two RAKP 2 replies.
        loop.dropToBMC = [1]
        loop.dropToClient = [2, 3]
        guard case .succeeded = loop.run(.getChassisStatus) else {
            Issue.record("handshake did not survive the losses")
            return
        }
        #expect(loop.core.activeSessionIDs.count == 1)
    }

    @Test func aLostResponseIsAnsweredAgainNotExecutedTwice() throws {
        var loop = try IPMISessionLoopback()
        guard case .succeeded = loop.run(.getChassisStatus) else {
            Issue.record("no session")
            return
        }
        loop.dropToClient = [loop.sentToClient]
        guard case .succeeded(let response) = loop.run(.chassisControl, [0x02]) else {
            Issue.record("power cycle failed")
            return
        }
        #expect(response.completionCode == .success)
        #expect(loop.executed.filter { $0 == .chassisControl }.count == 1)
    }

    @Test func silenceIsUnreachable() throws {
        var loop = try IPMISessionLoopback(maxAttempts: 3)
        loop.dropToBMC = Set(0..<10)
        guard case .failed(let error) = loop.run(.getChassisStatus) else {
            Issue.record("succeeded without a BMC")
            return
        }
        #expect(error.code == .unreachable)
    }

    @Test func aDroppedSessionIsOpenedAgain() throws {
        var loop = try IPMISessionLoopback()
        guard case .succeeded = loop.run(.getChassisStatus) else {
            Issue.record("no session")
            return
        }
        let first = loop.core.activeSessionIDs
        // The BMC forgets the session (its idle timer ran out while the host was quiet).
        loop.now = loop.now.advanced(by: .seconds(120))
        guard case .succeeded(let response) = loop.run(.getChassisStatus) else {
            Issue.record("not re-established")
            return
        }
        #expect(response.completionCode == .success)
        #expect(loop.core.activeSessionIDs.count == 1)
        #expect(loop.core.activeSessionIDs != first)
    }
}

extension IPMISessionStateMachineTests {
    @Test func aForgottenHalfOpenSessionStartsOver() throws {
        var loop = try IPMISessionLoopback()
        // The BMC expires half-open sessions too: RAKP 1 arrives after the idle timeout.
        loop.core.settings.idleTimeout = .seconds(30)
        loop.onDeliverToBMC = { loop, index in
            if index == 2 {
                loop.now = loop.now.advanced(by: .seconds(31))
            }
        }
        guard case .succeeded(let response) = loop.run(.getChassisStatus) else {
            Issue.record("the handshake did not start over")
            return
        }
        #expect(response.completionCode == .success)
        #expect(loop.core.activeSessionIDs.count == 1)
    }
}
