import Foundation
import IPMIWire
import Simulator
import Synchronization
import TestSupport
import Testing

/// Every datagram the real tools send to the simulated BMC is captured and decoded again with the
/// codec: each must parse, and the session-setup messages must say what the tools are known to send.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct IPMICaptureTests {
    final class Capture: Sendable {
        private let datagrams = Mutex<[(received: Bool, bytes: [UInt8])]>([])

        func record(_ received: Bool, _ bytes: [UInt8]) {
            self.datagrams.withLock { $0.append((received, bytes)) }
        }

        var received: [[UInt8]] { self.datagrams.withLock { $0.filter(\.received).map(\.bytes) } }
    }

    static func capturingRig() async throws -> (IPMIInteropRig, Capture) {
        let capture = Capture()
        var options = IPMIEndpoint.Options()
        options.tap = { received, bytes in capture.record(received, bytes) }
        var config = ServerConfig(name: "capture", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        config.users = [
            SimUser(name: IPMIInteropRig.username, password: IPMIInteropRig.password, privilege: .administrator)
        ]
        let server = SimulatedServer(config: config)
        let endpoint = try await IPMIEndpoint.start(server: server, options: options)
        return (IPMIInteropRig(server: server, endpoint: endpoint), capture)
    }

    /// The session-setup messages among the captured datagrams.
    static func setupMessages(_ datagrams: [[UInt8]]) throws -> (opens: [OpenSessionRequest], rakp1s: [RAKPMessage1]) {
        var opens: [OpenSessionRequest] = []
        var rakp1s: [RAKPMessage1] = []
        for datagram in datagrams {
            guard case .rmcpPlus(let envelope) = try IPMIDatagram.decode(bytes: datagram) else {
                continue
            }
            switch envelope.payloadType {
            case .openSessionRequest: opens.append(try OpenSessionRequest.decode(bytes: envelope.rawPayload))
            case .rakp1: rakp1s.append(try RAKPMessage1.decode(bytes: envelope.rawPayload))
            default: continue
            }
        }
        return (opens, rakp1s)
    }

    @Test func ipmitoolDatagramsDecode() async throws {
        let (rig, capture) = try await Self.capturingRig()
        defer { Task { await rig.stop() } }
        let result = try await rig.ipmitool(["chassis", "power", "status"], cipherSuite: nil)
        #expect(result.status == 0, "\(result.combined)")
        let received = capture.received
        #expect(received.count >= 8)
        for datagram in received {
            #expect(throws: Never.self) { try IPMIDatagram.decode(bytes: datagram) }
        }
        // The first datagram is Get Channel Authentication Capabilities in IPMI 1.5 form, asking for v2.0 data.
        guard case .ipmi15(let first) = try IPMIDatagram.decode(bytes: received[0]) else {
            Issue.record("ipmitool did not start with an IPMI 1.5 packet")
            return
        }
        let request = try IPMIRequest.decode(bytes: first.message)
        #expect(request.ipmiCommand == .getChannelAuthenticationCapabilities)
        #expect(try GetChannelAuthenticationCapabilities.Request.decode(bytes: request.data).wantsIPMI20Data)
        let (opens, rakp1s) = try Self.setupMessages(received)
        #expect(opens.first?.proposedSuite == .suite17, "without -C, ipmitool picks 17 from the BMC's list")
        // ipmitool, like FreeIPMI, asks for "the highest level" at Open Session and names its level in RAKP 1.
        #expect(opens.first?.requestedPrivilege == .highest)
        #expect(rakp1s.first?.role == RAKPMessage1.nameOnlyLookup | PrivilegeLevel.administrator.rawValue)
        #expect(rakp1s.first?.usernameString == IPMIInteropRig.username)
    }

    @Test func freeIPMIDatagramsDecode() async throws {
        let (rig, capture) = try await Self.capturingRig()
        defer { Task { await rig.stop() } }
        let result = try await rig.freeipmi("ipmipower", ["--stat"], cipherSuite: 3)
        #expect(result.stdout.contains("127.0.0.1: off"), "\(result.combined)")
        let received = capture.received
        #expect(received.count >= 6)
        for datagram in received {
            #expect(throws: Never.self) { try IPMIDatagram.decode(bytes: datagram) }
        }
        let (opens, rakp1s) = try Self.setupMessages(received)
        // FreeIPMI asks for "the highest level" at Open Session and names its level in RAKP 1.
        #expect(opens.first?.requestedPrivilege == .highest)
        #expect(opens.first?.proposedSuite == .suite3)
        #expect(rakp1s.first?.role == RAKPMessage1.nameOnlyLookup | PrivilegeLevel.administrator.rawValue)
    }
}
