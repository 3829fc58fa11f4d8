import IPMIWire

/// Feeds one input to every IPMIWire decoder the simulator's BMC and the client use: the datagram
/// decoder, the session-setup messages, IPMI requests and responses, the command data decoders, SOL
/// packets and AES-CBC-128 payload decryption with both cipher suites' keys. Errors are the expected
/// outcome; a crash, a trap or a hang is a bug libFuzzer reports.
enum IPMIWireFuzzer {
    static let securities = [
        SessionSecurity(suite: .suite3, sik: Array(repeating: 0x5A, count: 20)),
        SessionSecurity(suite: .suite17, sik: Array(repeating: 0xA5, count: 32)),
    ]

    static func run(_ bytes: [UInt8]) {
        Self.datagram(bytes)
        guard let selector = bytes.first else {
            return
        }
        // The first byte picks a message decoder for the rest, so each gets inputs of its own.
        Self.message(Array(bytes.dropFirst()), selector: selector)
    }

    static func datagram(_ bytes: [UInt8]) {
        guard case .rmcpPlus(let envelope) = try? IPMIDatagram.decode(bytes: bytes) else {
            return
        }
        _ = try? envelope.open(security: nil)
        for security in Self.securities {
            _ = try? envelope.open(security: security)
            _ = try? security.decrypt(envelope.rawPayload)
        }
    }

    static func message(_ data: [UInt8], selector: UInt8) {
        switch selector % 34 {
        case 0: _ = try? IPMIRequest.decode(bytes: data)
        case 1: _ = try? IPMIResponse.decode(bytes: data)
        case 2: _ = try? OpenSessionRequest.decode(bytes: data)
        case 3: _ = try? OpenSessionResponse.decode(bytes: data)
        case 4: _ = try? RAKPMessage1.decode(bytes: data)
        case 5: _ = try? RAKPMessage2.decode(bytes: data)
        case 6: _ = try? RAKPMessage3.decode(bytes: data)
        case 7: _ = try? RAKPMessage4.decode(bytes: data)
        case 8: _ = try? SOLPacket.decode(bytes: data)
        case 9: _ = try? BootFlags.decode(bytes: data)
        case 10: _ = try? SystemBootOptions.SetRequest.decode(bytes: data)
        case 11: _ = try? SystemBootOptions.GetRequest.decode(bytes: data)
        case 12: _ = try? SystemBootOptions.GetResponse.decode(bytes: data)
        case 13: _ = try? GetChannelAuthenticationCapabilities.Request.decode(bytes: data)
        case 14: _ = try? GetChannelAuthenticationCapabilities.Response.decode(bytes: data)
        case 15: _ = try? GetChannelCipherSuites.Request.decode(bytes: data)
        case 16: _ = try? GetChannelCipherSuites.Response.decode(bytes: data)
        case 17: _ = try? GetChassisStatus.Response.decode(bytes: data)
        case 18: _ = try? GetDeviceID.Response.decode(bytes: data)
        case 19: _ = try? ChassisControl.Request.decode(bytes: data)
        case 20: _ = try? GetSOLConfigurationParameters.Request.decode(bytes: data)
        case 21: _ = try? GetSOLConfigurationParameters.Response.decode(bytes: data)
        case 22: _ = try? ASFMessage.decode(bytes: data)
        case 23: _ = try? ActivatePayload.Request.decode(bytes: data)
        case 24: _ = try? ActivatePayload.Response.decode(bytes: data)
        case 25: _ = try? DeactivatePayload.Request.decode(bytes: data)
        case 26: _ = try? GetPayloadActivationStatus.Request.decode(bytes: data)
        case 27: _ = try? GetPayloadActivationStatus.Response.decode(bytes: data)
        case 28: _ = try? GetChannelPayloadSupport.Request.decode(bytes: data)
        case 29: _ = try? GetChannelPayloadSupport.Response.decode(bytes: data)
        case 30: _ = try? GetChannelPayloadVersion.Request.decode(bytes: data)
        case 31: _ = try? SetSessionPrivilegeLevel.Request.decode(bytes: data)
        case 32: _ = try? SetSessionPrivilegeLevel.Response.decode(bytes: data)
        default: _ = try? IPMI15Packet.decode(bytes: data)
        }
    }
}
