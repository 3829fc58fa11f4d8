import Foundation
import IPMIWire
import NIOCore
import Simulator
import Testing

@testable import BMC

/// Robustness: a million seeded random and mutated datagrams through the BMC core (the simulator's
/// decoder) and the client state machine (the client's decoder). Nothing may crash or hang, the BMC's
/// session table stays bounded, and memory does not grow.
struct IPMIFuzzTests {
    static let datagramsPerSide = 500_000
    /// Of the datagrams to the BMC, how many carry hostile plaintext under a valid integrity code.
    static let sealedDatagrams = 5_000

    /// Runs on its own low-priority thread: seconds of CPU work must neither hold one of the few threads of
    /// Swift's cooperative pool nor take the CPU from the tests around it whose sockets have timeouts.
    @Test(.timeLimit(.minutes(3))) func aMillionHostileDatagrams() async throws {
        let result: Result<Summary, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                // Linux applies nice values per thread (who 0 is the calling thread): this one gets the CPU others leave.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                continuation.resume(returning: Result { try Self.fuzz() })
            }
        }
        let summary = try result.get()
        print(summary)
        #expect(summary.largestSessionTable <= summary.maxSessions)
        // Resident memory is the whole test process's, other suites included: this only catches a runaway leak
        // (a few hundred bytes kept per datagram would pass it). The session table bound above is the precise check.
        #expect(summary.memoryGrowth < 512 * 1024 * 1024)
        #expect(summary.bmcAnswered > 0 && summary.bmcAnsweredSealed > 0)
    }

    struct NoSession: Error {}

    struct Summary: CustomStringConvertible {
        var datagrams: Int
        var elapsed: Duration
        var cpuSeconds: Double
        var bmcAnswered: Int
        var bmcAnsweredSealed: Int
        var clientAccepted: Int
        var largestSessionTable: Int
        var maxSessions: Int
        var memoryGrowth: Int

        var description: String {
            "fuzz: \(self.datagrams) datagrams in \(self.elapsed) (\(Int(self.cpuSeconds * 1000)) ms of CPU); "
                + "BMC answered \(self.bmcAnswered) unsealed and \(self.bmcAnsweredSealed) sealed, client accepted "
                + "\(self.clientAccepted), largest session table \(self.largestSessionTable), resident memory grew "
                + "\(self.memoryGrowth / 1024) KiB"
        }
    }

    static func fuzz() throws -> Summary {
        var random = SplitMix64(seed: 0x00F0_0D00_1234_5678)
        var loop = try IPMISessionLoopback()
        guard case .succeeded = loop.run(.getChassisStatus) else {
            throw NoSession()
        }
        let corpus = try Self.corpus(loop: &loop)
        let coreSnapshot = loop.core
        guard let sessionID = coreSnapshot.activeSessionIDs.first else {
            throw NoSession()
        }
        let clientSnapshots = Self.clientSnapshots(loop: loop)
        let residentBefore = Self.residentBytes()
        let cpuBefore = Self.cpuSeconds()
        let start = ContinuousClock.now

        var core = coreSnapshot
        var coreRandom = SplitMix64(seed: 1)
        var answered = 0
        var largestSessionTable = 0
        var datagram: [UInt8] = []
        for index in 0..<(Self.datagramsPerSide - Self.sealedDatagrams) {
            if index % 4096 == 0 {
                core = coreSnapshot
            }
            Self.hostile(into: &datagram, from: corpus, random: &random)
            let outcome = core.receive(bytes: datagram, from: loop.peer, now: loop.now, random: &coreRandom)
            answered += outcome.datagrams.isEmpty ? 0 : 1
            if let context = outcome.execute {
                _ = core.reply(to: context, completionCode: .success, data: [], random: &coreRandom)
            }
            largestSessionTable = max(largestSessionTable, core.sessionCount)
        }
        // Hostile plaintext sealed with the session's keys reaches the command decoders behind the integrity check.
        var sealer = SessionSealer(core: coreSnapshot, sessionID: sessionID, loop: loop)
        var sealedAnswers = 0
        for _ in 0..<Self.sealedDatagrams {
            datagram = corpus.plaintextRequests[Int(random.next() % UInt64(corpus.plaintextRequests.count))]
            Self.mutate(&datagram, random: &random)
            sealedAnswers += sealer.deliver(datagram, random: &random)
        }

        var clientAnswers = 0
        for index in 0..<Self.datagramsPerSide {
            var machine = clientSnapshots[index % clientSnapshots.count]
            Self.hostile(into: &datagram, from: corpus, random: &random)
            if case .succeed = machine.datagramReceived(bytes: datagram) {
                clientAnswers += 1
            }
        }
        let elapsed = start.duration(to: .now)
        let cpu = Self.cpuSeconds() - cpuBefore
        let growth = Self.residentBytes() - residentBefore
        return Summary(
            datagrams: 2 * Self.datagramsPerSide, elapsed: elapsed, cpuSeconds: cpu, bmcAnswered: answered,
            bmcAnsweredSealed: sealedAnswers, clientAccepted: clientAnswers, largestSessionTable: largestSessionTable,
            maxSessions: coreSnapshot.settings.maxSessions, memoryGrowth: growth)
    }

    struct Corpus {
        var toBMC: [[UInt8]] = []
        var toClient: [[UInt8]] = []
        var plaintextRequests: [[UInt8]] = []
        var all: [[UInt8]] = []
    }

    /// Valid datagrams of every kind, recorded from a real in-memory exchange.
    static func corpus(loop: inout IPMISessionLoopback) throws -> Corpus {
        var corpus = Corpus()
        var recorder = try IPMISessionLoopback(suites: [.suite3])
        recorder.record = true
        _ = recorder.run(.getChassisStatus)
        _ = recorder.run(.chassisControl, [0x01])
        _ = recorder.run(.getSystemBootOptions, [0x05, 0, 0])
        corpus.toBMC = recorder.recordedToBMC
        corpus.toClient = recorder.recordedToClient
        _ = loop.run(.getDeviceID)
        var ping = ByteBuffer()
        IPMIDatagram.encode(ASFMessage(type: .presencePing, tag: 1), into: &ping)
        corpus.toBMC.append(Array(ping.readableBytesView))
        corpus.all = corpus.toBMC + corpus.toClient
        let commands: [(IPMICommand, [UInt8])] = [
            (.getChannelCipherSuites, [0x0E, 0, 0x80]), (.setSessionPrivilegeLevel, [4]),
            (.closeSession, [1, 2, 3, 4]),
            (.activatePayload, [1, 1, 0xC0, 0, 0, 0]), (.deactivatePayload, [1, 1, 0, 0, 0, 0]),
            (.getPayloadActivationStatus, [1]), (.getChannelPayloadSupport, [0x0E]),
            (.getSOLConfigurationParameters, [0x0E, 8, 0, 0]), (.setSystemBootOptions, [5, 0xE0, 4, 0, 0, 0]),
            (.chassisControl, [2]), (.getChannelAuthenticationCapabilities, [0x8E, 4]),
        ]
        corpus.plaintextRequests = commands.enumerated().map { index, command in
            IPMIRequest(command.0, sequence: UInt8(index), data: command.1).encodedBytes
        }
        return corpus
    }

    /// Client machines waiting at each step: for each handshake answer and for an in-session response.
    static func clientSnapshots(loop: IPMISessionLoopback) -> [IPMISessionStateMachine] {
        var snapshots: [IPMISessionStateMachine] = []
        var fresh = loop.machine
        _ = fresh.start(.init(command: .getChassisStatus, data: []))
        snapshots.append(fresh)
        var established = loop.machine
        _ = established.start(.init(command: .getDeviceID, data: []))
        snapshots.append(established)
        return snapshots
    }

    /// Replaces `datagram` with the next hostile input: random bytes, random bytes behind a valid
    /// RMCP+ header, or a mutated copy of a valid datagram.
    static func hostile(into datagram: inout [UInt8], from corpus: Corpus, random: inout SplitMix64) {
        datagram.removeAll(keepingCapacity: true)
        switch random.next() % 8 {
        case 0:
            Self.appendRandom(Int(random.next() % 96), to: &datagram, random: &random)
        case 1:
            datagram.append(contentsOf: [6, 0, 0xFF, 7, 6, UInt8(truncatingIfNeeded: random.next())])
            Self.appendRandom(Int(random.next() % 80), to: &datagram, random: &random)
        default:
            datagram.append(contentsOf: corpus.all[Int(random.next() % UInt64(corpus.all.count))])
            Self.mutate(&datagram, random: &random)
        }
    }

    static func appendRandom(_ count: Int, to bytes: inout [UInt8], random: inout SplitMix64) {
        var word: UInt64 = 0
        for index in 0..<count {
            if index % 8 == 0 {
                word = random.next()
            }
            bytes.append(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
    }

    static func mutate(_ bytes: inout [UInt8], random: inout SplitMix64) {
        let edits = 1 + Int(random.next() % 4)
        for _ in 0..<edits {
            let choice = random.next()
            switch choice % 6 {
            case 0 where !bytes.isEmpty:
                bytes[Int((choice >> 8) % UInt64(bytes.count))] ^= UInt8(1) << UInt8((choice >> 40) % 8)
            case 1 where !bytes.isEmpty:
                bytes[Int((choice >> 8) % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: choice >> 48)
            case 2:
                bytes.removeLast(Int((choice >> 8) % UInt64(bytes.count + 1)))
            case 3:
                Self.appendRandom(Int((choice >> 8) % 24), to: &bytes, random: &random)
            case 4 where bytes.count > 2:
                // Length fields are where decoders go wrong: set one of the first bytes to an extreme.
                bytes[Int((choice >> 8) % UInt64(min(bytes.count, 20)))] = (choice >> 32) % 2 == 0 ? 0xFF : 0x00
            default:
                // Two bytes trade places (fields swapped, lengths moved).
                if bytes.count > 1 {
                    bytes.swapAt(Int((choice >> 8) % UInt64(bytes.count)), Int((choice >> 24) % UInt64(bytes.count)))
                }
            }
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else {
            return 0
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// Seals arbitrary plaintext into the fuzz session with its real keys, as a console that knows the
/// keys but sends hostile requests would.
struct SessionSealer {
    let snapshot: IPMIBMCCore
    var core: IPMIBMCCore
    let sessionID: UInt32
    let loop: IPMISessionLoopback
    var sequence: UInt32 = 0

    init(core: IPMIBMCCore, sessionID: UInt32, loop: IPMISessionLoopback) {
        self.snapshot = core
        self.core = core
        self.sessionID = sessionID
        self.loop = loop
    }

    mutating func deliver(_ payload: [UInt8], random: inout SplitMix64) -> Int {
        guard let security = self.loop.machine.sessionSecurity else {
            return 0
        }
        // Start over from the snapshot now and then: hostile requests may close the session, and the
        // sequence numbers must stay inside the BMC's window.
        if self.sequence % 16 == 0 {
            self.core = self.snapshot
            self.sequence = 10
        }
        self.sequence += 1
        let packet = RMCPPlusPacket(
            payloadType: .ipmi, sessionID: self.sessionID, sequenceNumber: self.sequence, payload: payload)
        var buffer = ByteBuffer()
        guard (try? packet.encode(into: &buffer, security: security, iv: Array(repeating: 9, count: 16))) != nil else {
            return 0
        }
        var coreRandom = random
        let outcome = self.core.receive(buffer, from: self.loop.peer, now: self.loop.now, random: &coreRandom)
        random = coreRandom
        return outcome.datagrams.count
    }
}
