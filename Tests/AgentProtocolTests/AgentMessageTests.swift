import AgentProtocol
import Foundation
import FoundryModel
import Testing

struct AgentMessageTests {
    static let writeImage = AgentCommand(
        id: "c-7",
        action: .writeImage(
            WriteImageCommand(
                url: "https://images.example/ubuntu.qcow2", checksum: "http://images.example/SHA256SUMS",
                checksumType: .sha256, format: .qcow2, rootDeviceHints: RootDeviceHints(minSizeGigabytes: 100),
                configDrive: ConfigDriveContents(
                    metaData: .init(
                        uuid: "0d2a0f5e-0000-4000-8000-000000000001", name: "node-0", hostname: "node-0",
                        publicKeys: ["default": "ssh-ed25519 AAAA test"]),
                    userData: Data([0x1f, 0x8b, 0x00, 0xff]), networkData: "{\"links\":[]}"))))

    static let commands: [AgentCommand] = [
        .none,
        AgentCommand(id: "c-1", action: .inspect),
        writeImage,
        AgentCommand(id: "c-2", action: .clean(CleanCommand(mode: .metadata))),
        AgentCommand(id: "c-3", action: .reboot),
        AgentCommand(id: "c-4", action: .powerOff),
    ]

    @Test(arguments: Self.commands)
    func commandsRoundTrip(_ command: AgentCommand) throws {
        let response = HeartbeatResponse(command: command, heartbeatIntervalSeconds: 5)
        let data = try AgentMessageCodec.encode(response)
        #expect(try AgentMessageCodec.decode(HeartbeatResponse.self, from: data) == response)
    }

    @Test func wireShapeOfACommand() throws {
        let data = try AgentMessageCodec.encode(AgentCommand(id: "c-2", action: .clean(CleanCommand(mode: .metadata))))
        #expect(String(decoding: data, as: UTF8.self) == #"{"clean":{"mode":"metadata"},"id":"c-2","kind":"clean"}"#)
    }

    @Test func lookupAndHeartbeatRoundTrip() throws {
        let lookup = LookupRequest(macAddresses: ["02:00:00:00:00:01"], bootToken: "t0k", agentVersion: "0.1.0")
        #expect(try AgentMessageCodec.decode(LookupRequest.self, from: AgentMessageCodec.encode(lookup)) == lookup)
        var result = CommandResult(commandID: "c-1", kind: .inspect, succeeded: true)
        result.inventory = HardwareDetails(ramMebibytes: 1024, cpu: .init(arch: "x86_64", count: 2))
        let heartbeat = HeartbeatRequest(
            hostID: "default/node-0", state: .busy,
            progress: CommandProgress(commandID: "c-2", phase: "downloading", bytesDone: 10, bytesTotal: 100),
            lastResult: result)
        #expect(
            try AgentMessageCodec.decode(HeartbeatRequest.self, from: AgentMessageCodec.encode(heartbeat)) == heartbeat)
    }

    @Test func unknownCommandIsNamed() {
        let body = Data(#"{"version":1,"command":{"id":"x","kind":"formatEverything"}}"#.utf8)
        let error = #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(HeartbeatResponse.self, from: body)
        }
        #expect(error?.reason.contains("command.kind: unknown command \"formatEverything\"") == true)
    }

    @Test func missingFieldIsNamedWithItsPath() {
        let body = Data(#"{"version":1,"command":{"id":"x","kind":"writeImage","writeImage":{"checksum":"ab"}}}"#.utf8)
        let error = #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(HeartbeatResponse.self, from: body)
        }
        #expect(error?.reason.contains("command.writeImage.url: required field is missing") == true)
    }

    @Test func wrongTypeIsNamed() {
        let body = Data(#"{"version":1,"macAddresses":"02:00:00:00:00:01","bootToken":"t"}"#.utf8)
        let error = #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(LookupRequest.self, from: body)
        }
        #expect(error?.reason.contains("macAddresses: expected Array") == true)
    }

    @Test func otherVersionIsRefusedPlainly() {
        let body = Data(#"{"version":2,"command":{"kind":"teleport"}}"#.utf8)
        let error = #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(HeartbeatResponse.self, from: body)
        }
        #expect(error?.reason == "HeartbeatResponse has protocol version 2; this side speaks version 1")
    }

    @Test func commandsOtherThanNoneNeedAnID() {
        let body = Data(#"{"version":1,"command":{"kind":"reboot"}}"#.utf8)
        #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(HeartbeatResponse.self, from: body)
        }
    }

    @Test func garbageAndOversizeAreErrors() {
        #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(LookupRequest.self, from: Data("not json".utf8))
        }
        #expect(throws: AgentProtocolError.self) {
            try AgentMessageCodec.decode(LookupRequest.self, from: Data(count: AgentAPI.maximumMessageBytes + 1))
        }
    }
}
