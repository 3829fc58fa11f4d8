import IPMIWire
import NIOCore
import Testing

/// Every message encodes and decodes back to itself; truncations are reported by field.
struct RoundTripTests {
    static func roundTrip<T: IPMIWireCodable & Equatable>(_ value: T) throws {
        let decoded = try T.decode(bytes: value.encodedBytes)
        #expect(decoded == value)
        // Every strict prefix fails with an error instead of a crash or a wrong value.
        let bytes = value.encodedBytes
        for length in 0..<bytes.count {
            let prefix = Array(bytes.prefix(length))
            if let partial = try? T.decode(bytes: prefix) {
                #expect(partial.encodedBytes != bytes, "\(T.self) decoded from \(length) of \(bytes.count) bytes")
            }
        }
    }

    @Test func sessionSetupMessages() throws {
        try Self.roundTrip(
            OpenSessionRequest(messageTag: 9, requestedPrivilege: .highest, consoleSessionID: 77, suite: .suite3))
        try Self.roundTrip(
            OpenSessionResponse(
                messageTag: 9, status: .noErrors, maximumPrivilege: .operator, consoleSessionID: 77, bmcSessionID: 88,
                suite: .suite17))
        try Self.roundTrip(
            RAKPMessage1(messageTag: 1, bmcSessionID: 5, consoleRandom: Array(0..<16), role: 0x13, username: []))
        try Self.roundTrip(
            RAKPMessage2(
                messageTag: 2, status: .noErrors, consoleSessionID: 6, bmcRandom: Array(0..<16),
                bmcGUID: Array(16..<32),
                keyExchangeCode: Array(repeating: 0xEE, count: 32)))
        try Self.roundTrip(RAKPMessage2(messageTag: 2, status: .unauthorizedName, consoleSessionID: 6))
        try Self.roundTrip(
            RAKPMessage4(messageTag: 4, status: .noErrors, consoleSessionID: 6, integrityCheck: [1, 2, 3]))
    }

    @Test func commands() throws {
        try Self.roundTrip(GetChannelAuthenticationCapabilities.Request(privilege: .administrator))
        try Self.roundTrip(GetChannelAuthenticationCapabilities.Response(channel: 1, kgIsSet: true, oemID: 0x012345))
        try Self.roundTrip(GetChannelCipherSuites.Request(listIndex: 3))
        try Self.roundTrip(
            GetDeviceID.Response(
                firmwareMajor: 3, firmwareMinor: 47, manufacturerID: 674, productID: 0x0100,
                auxiliaryFirmware: [1, 2, 3, 4]))
        try Self.roundTrip(GetChassisStatus.Response(powerOn: true, restorePolicy: .previous, frontPanel: 0x0F))
        for action in ChassisControl.Action.allCases {
            try Self.roundTrip(ChassisControl.Request(action: action))
        }
        try Self.roundTrip(SystemBootOptions.SetRequest(parameter: 4, data: [1, 1]))
        try Self.roundTrip(SystemBootOptions.GetRequest(parameter: 5))
        try Self.roundTrip(SystemBootOptions.GetResponse(parameter: 5, invalid: true, data: [0x80, 0x08, 0, 0, 0]))
        try Self.roundTrip(SetSessionPrivilegeLevel.Request(privilege: .operator))
        try Self.roundTrip(SetSessionPrivilegeLevel.Response(privilege: .administrator))
        try Self.roundTrip(CloseSession.Request(sessionID: 0xDEAD_BEEF))
        try Self.roundTrip(ActivatePayload.Request(encrypt: true, authenticate: true))
        try Self.roundTrip(ActivatePayload.Response(inboundPayloadSize: 255, outboundPayloadSize: 255, port: 16230))
        try Self.roundTrip(GetPayloadActivationStatus.Response(capacity: 1, activeInstances: 1))
        try Self.roundTrip(GetChannelPayloadSupport.Response(standardPayloads: 3, sessionSetupPayloads: 0x3F))
        try Self.roundTrip(GetSOLConfigurationParameters.Request(parameter: 8))
        try Self.roundTrip(GetSOLConfigurationParameters.Response(data: [0x3E, 0x3F]))
        try Self.roundTrip(
            SOLPacket(sequence: 3, ackSequence: 2, acceptedCharacters: 5, status: 0, data: Array("boot".utf8)))
        for device in BootFlags.Device.allCases {
            try Self.roundTrip(BootFlags(persistent: true, efi: device.rawValue % 2 == 0, device: device))
        }
    }

    @Test func errorsNameTheField() {
        #expect(throws: IPMIWireError.truncated(field: "rakp1.console_random", needed: 16, available: 3)) {
            try RAKPMessage1.decode(bytes: [1, 0, 0, 0, 5, 0, 0, 0, 1, 2, 3])
        }
        #expect(throws: IPMIWireError.lengthOutOfRange(field: "rakp1.username_length", length: 17, limit: 16)) {
            try RAKPMessage1.decode(
                bytes: [1, 0, 0, 0, 5, 0, 0, 0] + Array(repeating: 0, count: 16) + [0x14, 0, 0, 17])
        }
        #expect(throws: IPMIWireError.invalidValue(field: "rmcp.version", value: 5, expected: "0x06 (RMCP 1.0)")) {
            try IPMIDatagram.decode(bytes: [5, 0, 0xFF, 7])
        }
        // A payload length past the end of the datagram is refused before anything is read.
        #expect(throws: IPMIWireError.lengthOutOfRange(field: "session.payload_length", length: 0xFFFF, limit: 0)) {
            try IPMIDatagram.decode(bytes: [6, 0, 0xFF, 7, 6, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0xFF, 0xFF])
        }
        #expect(throws: IPMIWireError.self) {
            try IPMIDatagram.decode(bytes: [UInt8](repeating: 6, count: IPMIDatagram.maxLength + 1))
        }
        #expect(throws: IPMIWireError.trailingBytes(field: "SetSessionPrivilegeLevel.Request", count: 1)) {
            try SetSessionPrivilegeLevel.Request.decode(bytes: [4, 4])
        }
    }
}
