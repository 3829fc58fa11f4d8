import IPMIWire
import NIOCore
import Simulator

@testable import BMC

/// Runs the client state machine against the simulator's BMC core in memory, without sockets:
/// every datagram one side produces is handed to the other, with optional loss in either direction.
struct IPMISessionLoopback {
    var machine: IPMISessionStateMachine
    var core: IPMIBMCCore
    var random = SplitMix64(seed: 42)
    var power = false
    var executed: [IPMICommand] = []
    /// Datagrams to lose, counted from 0 in each direction.
    var dropToBMC: Set<Int> = []
    var dropToClient: Set<Int> = []
    var sentToBMC = 0
    var sentToClient = 0
    var now = ContinuousClock.now
    let peer: SocketAddress
    /// Keep a copy of every datagram each way (the fuzz corpus).
    var record = false
    var recordedToBMC: [[UInt8]] = []
    var recordedToClient: [[UInt8]] = []
    /// Runs before each datagram reaches the BMC, with its index (to move the clock, for instance).
    var onDeliverToBMC: ((inout IPMISessionLoopback, Int) -> Void)?

    init(
        users: [SimUser] = [SimUser(name: "admin", password: "password", privilege: .administrator)],
        username: String = "admin", password: String = "password", privilege: PrivilegeLevel = .administrator,
        suites: [CipherSuite] = CipherSuite.supported, refused: Set<UInt8> = [], maxAttempts: Int = 3
    ) throws {
        self.machine = IPMISessionStateMachine(
            configuration: .init(
                username: Array(username.utf8), password: Array(password.utf8), privilege: privilege,
                cipherSuites: suites, maxAttempts: maxAttempts),
            random: SplitMix64(seed: 7))
        var settings = IPMIBMCSettings(users: users, guid: Array(100..<116), port: 623)
        settings.refusedCipherSuites = refused
        self.core = IPMIBMCCore(settings: settings)
        self.peer = try SocketAddress(ipAddress: "127.0.0.1", port: 40000)
    }

    enum Result {
        case succeeded(IPMIResponse)
        case failed(BMCError)
        case closed
    }

    /// Starts a command and runs both sides until it completes; a lost datagram fires the client's timer.
    mutating func run(_ command: IPMICommand, _ data: [UInt8] = []) -> Result {
        self.drive(self.machine.start(.init(command: command, data: data)))
    }

    mutating func close() -> Result {
        self.drive(self.machine.close())
    }

    private mutating func drive(_ first: IPMISessionStateMachine.Action) -> Result {
        var pending = [first]
        for _ in 0..<500 {
            guard !pending.isEmpty else {
                // Nothing came back: the retransmission timer fires.
                pending.append(self.machine.timeoutFired())
                continue
            }
            switch pending.removeFirst() {
            case .send(let datagram):
                pending.append(contentsOf: self.deliverToBMC(datagram))
            case .succeed(let response):
                return .succeeded(response)
            case .fail(let error):
                return .failed(error)
            case .closed:
                return .closed
            case .wait:
                continue
            }
        }
        return .failed(BMCError(.timeout, "loopback did not settle"))
    }

    private mutating func deliverToBMC(_ datagram: ByteBuffer) -> [IPMISessionStateMachine.Action] {
        defer { self.sentToBMC += 1 }
        if let hook = self.onDeliverToBMC {
            hook(&self, self.sentToBMC)
        }
        if self.record {
            self.recordedToBMC.append(Array(datagram.readableBytesView))
        }
        guard !self.dropToBMC.contains(self.sentToBMC) else {
            return []
        }
        var outcome = self.core.receive(datagram, from: self.peer, now: self.now, random: &self.random)
        if let context = outcome.execute {
            let (code, data) = self.execute(context.request)
            if let reply = self.core.reply(to: context, completionCode: code, data: data, random: &self.random) {
                outcome.datagrams.append(reply)
            }
        }
        var actions: [IPMISessionStateMachine.Action] = []
        for reply in outcome.datagrams {
            defer { self.sentToClient += 1 }
            if self.record {
                self.recordedToClient.append(Array(reply.readableBytesView))
            }
            if !self.dropToClient.contains(self.sentToClient) {
                actions.append(self.machine.datagramReceived(reply))
            }
        }
        return actions
    }

    private mutating func execute(_ request: IPMIRequest) -> (CompletionCode, [UInt8]) {
        self.executed.append(request.ipmiCommand)
        switch request.ipmiCommand {
        case .getChassisStatus:
            return (.success, GetChassisStatus.Response(powerOn: self.power).encodedBytes)
        case .chassisControl:
            guard let control = try? ChassisControl.Request.decode(bytes: request.data) else {
                return (.invalidDataField, [])
            }
            self.power = control.action != .powerDown && control.action != .softShutdown
            return (.success, [])
        default:
            return (.invalidCommand, [])
        }
    }
}
