import IPMIWire
import NIOCore
import Simulator
import Testing

/// The simulated BMC's protocol core, driven step by step by a console written against the codec.
struct IPMIBMCCoreTests {
    @Test func answersPresencePing() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings())
        var ping = ByteBuffer()
        IPMIDatagram.encode(ASFMessage(type: .presencePing, tag: 9), into: &ping)
        let reply = try #require(console.send(ping).datagrams.first)
        guard case .asf(let pong) = try IPMIDatagram.decode(bytes: Array(reply.readableBytesView)) else {
            Issue.record("no pong")
            return
        }
        #expect(pong.type == .presencePong && pong.tag == 9 && pong.announcesIPMI)
    }

    @Test func sessionlessCommandsInBothFormats() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings())
        // IPMI 1.5 form, as ipmitool and FreeIPMI send Get Channel Authentication Capabilities.
        let caps = IPMIRequest(
            .getChannelAuthenticationCapabilities, sequence: 1,
            data: GetChannelAuthenticationCapabilities.Request(privilege: .administrator).encodedBytes)
        var buffer = ByteBuffer()
        IPMIDatagram.encode(IPMI15Packet(message: caps.encodedBytes), into: &buffer)
        let reply = try #require(console.send(buffer).datagrams.first)
        guard case .ipmi15(let packet) = try IPMIDatagram.decode(bytes: Array(reply.readableBytesView)) else {
            Issue.record("reply not in IPMI 1.5 form")
            return
        }
        let response = try IPMIResponse.decode(bytes: packet.message)
        #expect(response.answers(caps) && response.completionCode == .success)
        let capabilities = try GetChannelAuthenticationCapabilities.Response.decode(bytes: response.data)
        #expect(capabilities.supportsIPMI20 && capabilities.extendedCapabilitiesAvailable && !capabilities.kgIsSet)
        #expect(capabilities.nonNullUsernamesEnabled)

        // RMCP+ form, session 0, as ipmitool sends Get Channel Cipher Suites: the list ends in a short chunk.
        var listed: [UInt8] = []
        for index in 0..<4 {
            let request = IPMIRequest(
                .getChannelCipherSuites, sequence: UInt8(2 + index),
                data: GetChannelCipherSuites.Request(listIndex: UInt8(index)).encodedBytes)
            let envelope = try console.sendSetup(.ipmi, request.encodedBytes)
            let chunk = try GetChannelCipherSuites.Response.decode(
                bytes: try IPMIResponse.decode(bytes: envelope.rawPayload).data)
            listed += chunk.recordData
            if chunk.recordData.count < GetChannelCipherSuites.bytesPerCall {
                break
            }
        }
        #expect(try GetChannelCipherSuites.suiteIDs(in: listed) == [3, 17])

        // Anything else needs a session.
        let envelope = try console.sendSetup(.ipmi, IPMIRequest(.chassisControl, sequence: 9, data: [1]).encodedBytes)
        #expect(try IPMIResponse.decode(bytes: envelope.rawPayload).completionCode == .insufficientPrivilege)
    }

    @Test func sessionStartsAtUserAndRisesOnRequest() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings())
        try console.open()
        let (control, _) = try console.request(.chassisControl, [1])
        #expect(control?.completionCode == .insufficientPrivilege)
        let (raised, _) = try console.request(.setSessionPrivilegeLevel, [PrivilegeLevel.administrator.rawValue])
        #expect(raised?.data == [PrivilegeLevel.administrator.rawValue])
        let (_, outcome) = try console.request(.chassisControl, [1])
        #expect(outcome.execute?.request.ipmiCommand == .chassisControl)
        let (oem, _) = try console.request(.setSessionPrivilegeLevel, [PrivilegeLevel.oem.rawValue])
        #expect(oem?.completionCode == .privilegeNotAvailable)
    }

    @Test func replayedPacketsAreDropped() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings())
        try console.open()
        let request = IPMIRequest(.getChannelPayloadSupport, sequence: 1, data: [0x0E])
        let packet = try console.seal(.ipmi, request.encodedBytes)
        #expect(console.send(packet).datagrams.count == 1)
        let replay = console.send(packet)
        #expect(replay.datagrams.isEmpty)
        #expect(replay.dropReason?.description.contains("replayed") == true)
    }

    @Test func wrongPasswordGetsInvalidIntegrityCheckValue() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings())
        #expect(throws: IPMIWireError.securityMismatch("RAKP 4: invalid integrity check value")) {
            try console.open(password: "nope")
        }
        #expect(console.core.sessionCount == 0)
    }

    @Test func idleSessionsExpire() throws {
        var settings = IPMITestConsole.settings()
        settings.idleTimeout = .seconds(30)
        var console = try IPMITestConsole(settings: settings)
        try console.open()
        #expect(console.core.activeSessionIDs.count == 1)
        console.now = console.now.advanced(by: .seconds(31))
        let (response, outcome) = try console.request(.getDeviceID)
        #expect(response == nil)
        #expect(outcome.events.contains(.sessionClosed(console.bmcSessionID)))
        #expect(console.core.sessionCount == 0)
    }

    @Test func sessionTableIsBounded() throws {
        var settings = IPMITestConsole.settings()
        settings.maxSessions = 3
        var console = try IPMITestConsole(settings: settings)
        for index in 0..<3 {
            let open = OpenSessionRequest(
                messageTag: 1, requestedPrivilege: .administrator, consoleSessionID: UInt32(100 + index), suite: .suite3
            )
            let reply = try OpenSessionResponse.decode(
                bytes: try console.sendSetup(.openSessionRequest, open.encodedBytes).rawPayload)
            #expect(reply.status == .noErrors)
        }
        let open = OpenSessionRequest(
            messageTag: 1, requestedPrivilege: .administrator, consoleSessionID: 999, suite: .suite3)
        let reply = try OpenSessionResponse.decode(
            bytes: try console.sendSetup(.openSessionRequest, open.encodedBytes).rawPayload)
        #expect(reply.status == .insufficientResources)
        #expect(console.core.sessionCount == 3)
    }

    @Test func serialOverLANStreamsAcknowledgesAndRetransmits() throws {
        var console = try IPMITestConsole(settings: IPMITestConsole.settings(port: 16230))
        try console.open()
        _ = try console.request(.setSessionPrivilegeLevel, [PrivilegeLevel.administrator.rawValue])
        let (activated, outcome) = try console.request(
            .activatePayload, ActivatePayload.Request(encrypt: true, authenticate: true).encodedBytes)
        let response = try ActivatePayload.Response.decode(bytes: try #require(activated).data)
        #expect(response.port == 16230 && response.inboundPayloadSize == 255)
        #expect(outcome.events.contains(.solActivated(console.bmcSessionID)))

        // 600 characters of console output go out 251 at a time, each waiting for its acknowledgement.
        let text = [UInt8](repeating: UInt8(ascii: "x"), count: 600)
        let first = console.core.consoleOutput(text, now: console.now, random: &console.random)
        #expect(first.count == 1)
        let packet = try SOLPacket.decode(bytes: try console.openReply(first[0].1).payload)
        #expect(packet.sequence == 1 && packet.data.count == 251)

        // Unacknowledged: sent again after the retransmit interval, with the same SOL sequence.
        console.now = console.now.advanced(by: .seconds(1))
        let again = console.core.tick(now: console.now, random: &console.random).datagrams
        #expect(try SOLPacket.decode(bytes: try console.openReply(try #require(again.first).1).payload) == packet)

        // Acknowledge it while typing a key: the BMC acks the key and sends the next chunk.
        let ack = SOLPacket(sequence: 1, ackSequence: 1, acceptedCharacters: 251, data: Array("k".utf8))
        let replies = console.send(try console.seal(.sol, ack.encodedBytes))
        #expect(replies.events.contains(.solInput(console.bmcSessionID, Array("k".utf8))))
        let decoded = try replies.datagrams.map { try SOLPacket.decode(bytes: try console.openReply($0).payload) }
        #expect(decoded.contains { $0.sequence == 0 && $0.ackSequence == 1 && $0.acceptedCharacters == 1 })
        #expect(decoded.contains { $0.sequence == 2 && $0.data.count == 251 })

        let (deactivated, ended) = try console.request(.deactivatePayload, DeactivatePayload.Request().encodedBytes)
        #expect(deactivated?.completionCode == .success)
        #expect(ended.events.contains(.solDeactivated(console.bmcSessionID)))
        #expect(console.core.solSessionIDs.isEmpty)
    }
}
