import IPMIWire
import NIOCore
import Testing

/// Byte layouts from the IPMI v2.0 specification and from captures of real tools.
struct GoldenBytesTests {
    @Test func presencePingAndPong() throws {
        // ASF 2.0 section 3.2.4: RMCP header (class 6), IANA 4542, type 0x80, tag, reserved, length 0.
        let ping = hex("0600ff06 000011be 80 2a 00 00")
        guard case .asf(let message) = try IPMIDatagram.decode(bytes: ping) else {
            Issue.record("not decoded as ASF")
            return
        }
        #expect(message.type == .presencePing)
        #expect(message.tag == 0x2A)
        var buffer = ByteBuffer()
        IPMIDatagram.encode(ASFMessage.pong(answering: message), into: &buffer)
        #expect(bytes(of: buffer) == hex("0600ff06 000011be 40 2a 00 10 000011be 00000000 81 00 000000000000"))
        #expect(ASFMessage.pong(answering: message).announcesIPMI)
    }

    /// Captured from FreeIPMI's `--debug` output (a Get Channel Authentication Capabilities request
    /// sent as IPMI 1.5, auth type none, rqSeq 0x25, channel 0x0E with the v2.0 bit, privilege OPERATOR).
    @Test func getChannelAuthenticationCapabilitiesFromFreeIPMI() throws {
        let datagram = hex("0600ff07 00 00000000 00000000 09 2018c8 81 94 38 8e03 22")
        guard case .ipmi15(let packet) = try IPMIDatagram.decode(bytes: datagram) else {
            Issue.record("not decoded as IPMI 1.5")
            return
        }
        #expect(packet.authenticationType == 0 && packet.sessionID == 0 && packet.sequenceNumber == 0)
        let request = try IPMIRequest.decode(bytes: packet.message)
        #expect(request.ipmiCommand == .getChannelAuthenticationCapabilities)
        #expect(request.sequence == 0x25)
        #expect(request.responderAddress == 0x20 && request.requesterAddress == 0x81)
        let body = try GetChannelAuthenticationCapabilities.Request.decode(bytes: request.data)
        #expect(body == .init(channel: 0x0E, wantsIPMI20Data: true, privilege: .operator))
        // Encoding the same request gives the same bytes.
        let rebuilt = IPMIRequest(.getChannelAuthenticationCapabilities, sequence: 0x25, data: body.encodedBytes)
        var buffer = ByteBuffer()
        IPMIDatagram.encode(IPMI15Packet(message: rebuilt.encodedBytes), into: &buffer)
        #expect(bytes(of: buffer) == datagram)
    }

    @Test func authenticationCapabilitiesResponseBits() throws {
        // IPMI 2.0 table 22-15: channel 1, byte 2 bit 7 (v2.0 data), byte 3 bit 2 (non-null user names),
        // byte 4 bit 1 (IPMI 2.0 connections), OEM ID 0, OEM aux 0.
        let response = GetChannelAuthenticationCapabilities.Response(channel: 1)
        #expect(response.encodedBytes == hex("01 80 04 02 000000 00"))
        #expect(try GetChannelAuthenticationCapabilities.Response.decode(bytes: response.encodedBytes) == response)
    }

    @Test func openSessionRequestLayout() throws {
        // IPMI 2.0 table 13-9: tag, privilege, 2 reserved, console session ID, three 8-byte algorithm payloads.
        let request = OpenSessionRequest(
            messageTag: 0x07, requestedPrivilege: .administrator, consoleSessionID: 0xA0A1_A2A3, suite: .suite17)
        #expect(
            request.encodedBytes
                == hex("07 04 0000 a3a2a1a0 00000008 03000000 01000008 04000000 02000008 01000000"))
        #expect(try OpenSessionRequest.decode(bytes: request.encodedBytes) == request)
        #expect(request.proposedSuite == .suite17)
    }

    @Test func openSessionResponseLayoutAndErrorForm() throws {
        let ok = OpenSessionResponse(
            messageTag: 0x07, status: .noErrors, maximumPrivilege: .administrator, consoleSessionID: 0xA0A1_A2A3,
            bmcSessionID: 0x0102_0304, suite: .suite3)
        #expect(
            ok.encodedBytes
                == hex("07 00 04 00 a3a2a1a0 04030201 00000008 01000000 01000008 01000000 02000008 01000000"))
        #expect(try OpenSessionResponse.decode(bytes: ok.encodedBytes) == ok)
        // On an error status only the first eight bytes go out (table 13-10).
        let refused = OpenSessionResponse(
            messageTag: 0x07, status: .noCipherSuiteMatch, maximumPrivilege: .highest, consoleSessionID: 0xA0A1_A2A3)
        #expect(refused.encodedBytes == hex("07 11 00 00 a3a2a1a0"))
        #expect(try OpenSessionResponse.decode(bytes: refused.encodedBytes).status == .noCipherSuiteMatch)
    }

    @Test func rakpMessageLayouts() throws {
        let rakp1 = RAKPMessage1(
            messageTag: 1, bmcSessionID: 0x5566_7788, consoleRandom: Array(0..<16), role: 0x14,
            username: Array("admin".utf8))
        #expect(
            rakp1.encodedBytes
                == hex("01 000000 88776655 000102030405060708090a0b0c0d0e0f 14 0000 05 61646d696e"))
        #expect(try RAKPMessage1.decode(bytes: rakp1.encodedBytes) == rakp1)
        let rakp3 = RAKPMessage3(
            messageTag: 2, status: .noErrors, bmcSessionID: 0x5566_7788, keyExchangeCode: [0xAA, 0xBB])
        #expect(rakp3.encodedBytes == hex("02 00 0000 88776655 aabb"))
        let rakp4Error = RAKPMessage4(messageTag: 3, status: .invalidIntegrityCheckValue, consoleSessionID: 0x1122_3344)
        #expect(rakp4Error.encodedBytes == hex("03 0f 0000 44332211"))
    }

    @Test func ipmiMessageChecksums() throws {
        // Get Chassis Status, rqSeq 5: checksum 1 covers rsAddr and NetFn/LUN, checksum 2 the rest.
        let request = IPMIRequest(.getChassisStatus, sequence: 5)
        #expect(request.encodedBytes == hex("20 00 e0 81 14 01 6a"))
        var corrupt = request.encodedBytes
        corrupt[6] ^= 0x01
        #expect(throws: IPMIWireError.badChecksum(field: "ipmi request.checksum2", expected: 0x6A, actual: 0x6B)) {
            try IPMIRequest.decode(bytes: corrupt)
        }
        let response = IPMIResponse(answering: request, data: [0x01, 0x00, 0x00])
        #expect(response.encodedBytes == hex("81 04 7b 20 14 01 00 010000 ca"))
        #expect(response.answers(request))
    }

    @Test func bootFlagsAsIpmitoolSetsThem() throws {
        // `ipmitool chassis bootdev pxe options=efiboot,persistent`: valid, persistent, EFI; device 0001b.
        let flags = BootFlags(valid: true, persistent: true, efi: true, device: .pxe)
        #expect(flags.encodedBytes == hex("e0 04 000000"))
        #expect(try BootFlags.decode(bytes: hex("80 14 000000")) == BootFlags(device: .cdrom))
        #expect(try BootFlags.decode(bytes: hex("a0 08 000000")) == BootFlags(efi: true, device: .disk))
        let set = SystemBootOptions.SetRequest.bootFlags(flags)
        #expect(set.encodedBytes == hex("05 e0 04 000000"))
    }

    @Test func cipherSuiteRecords() throws {
        // IPMI 2.0 table 22-19: start of record 0xC0, suite ID, then tagged algorithm numbers.
        let records = GetChannelCipherSuites.records(for: [.suite3, .suite17])
        #expect(records == hex("c0 03 01 41 81 c0 11 03 44 81"))
        #expect(try GetChannelCipherSuites.suiteIDs(in: records) == [3, 17])
        let first = GetChannelCipherSuites.Response.chunk(of: records, index: 0, channel: 1)
        #expect(first.encodedBytes.count == 11)
        let past = GetChannelCipherSuites.Response.chunk(of: records, index: 1, channel: 1)
        #expect(past.encodedBytes == [0x01])
    }

    /// Captured from ipmitool 1.8.19 (`-I lanplus`, no `-C`) talking to the simulator: the first four datagrams.
    static let ipmitoolCapture = [
        "0600ff07 00 00000000 00000000 09 2018c8 81 00 38 8e04 b5",
        "0600ff07 06 00 00000000 00000000 0a00 2018c8 81 04 54 0e0080 99",
        "0600ff07 06 10 00000000 00000000 2000 00000000 a4a3a2a0 0000000803000000 0100000804000000 0200000801000000",
        "0600ff07 06 12 00000000 00000000 2100 00000000 9e85ba3a 3ba31c2f69c672af8a78d634b9fb6632 14 0000 05 61646d696e",
    ]

    @Test func ipmitoolCaptureDecodesAndReencodes() throws {
        let datagrams = Self.ipmitoolCapture.map(hex)
        guard case .ipmi15(let caps) = try IPMIDatagram.decode(bytes: datagrams[0]) else {
            Issue.record("first datagram is not IPMI 1.5")
            return
        }
        let capsRequest = try IPMIRequest.decode(bytes: caps.message)
        #expect(
            try GetChannelAuthenticationCapabilities.Request.decode(bytes: capsRequest.data).privilege == .administrator
        )

        // Get Channel Cipher Suites goes out as an RMCP+ packet with session ID 0, before any session.
        guard case .rmcpPlus(let suites) = try IPMIDatagram.decode(bytes: datagrams[1]) else {
            Issue.record("second datagram is not RMCP+")
            return
        }
        #expect(suites.payloadType == .ipmi && suites.sessionID == 0 && !suites.isAuthenticated)
        let suitesRequest = try IPMIRequest.decode(bytes: suites.rawPayload)
        #expect(suitesRequest.ipmiCommand == .getChannelCipherSuites)
        #expect(try GetChannelCipherSuites.Request.decode(bytes: suitesRequest.data) == .init(listIndex: 0))
        var rebuilt = ByteBuffer()
        try RMCPPlusPacket.sessionless(.ipmi, payload: suitesRequest.encodedBytes).encode(into: &rebuilt, security: nil)
        #expect(bytes(of: rebuilt) == datagrams[1])

        guard case .rmcpPlus(let open) = try IPMIDatagram.decode(bytes: datagrams[2]),
            case .rmcpPlus(let rakp) = try IPMIDatagram.decode(bytes: datagrams[3])
        else {
            Issue.record("setup datagrams are not RMCP+")
            return
        }
        let openRequest = try OpenSessionRequest.decode(bytes: open.rawPayload)
        #expect(openRequest.proposedSuite == .suite17 && openRequest.consoleSessionID == 0xA0A2_A3A4)
        #expect(openRequest.encodedBytes == open.rawPayload)
        let rakp1 = try RAKPMessage1.decode(bytes: rakp.rawPayload)
        #expect(rakp1.bmcSessionID == 0x3ABA_859E && rakp1.role == 0x14 && rakp1.usernameString == "admin")
        #expect(rakp1.encodedBytes == rakp.rawPayload)
    }
}
