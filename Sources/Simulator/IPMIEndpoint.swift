import Foundation
import IPMIWire
import NIOCore
import NIOPosix
import Synchronization

/// A simulated server's BMC on UDP (IPMI v2.0 / RMCP+): the NIO shell around `IPMIBMCCore`.
/// It applies the server's injected faults, executes power and boot commands on the server,
/// and streams the server's console to Serial-over-LAN sessions.
public final class IPMIEndpoint: SimulatorEndpoint {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// Seeds packet-drop decisions and session IDs, so a fault run can be repeated.
        public var seed: UInt64
        public var idleTimeout: Duration
        public var solRetransmitInterval: Duration
        /// How many lines of console history a SOL console sees when it attaches.
        public var solBacklogLines: Int
        /// Sees every datagram received (`true`) and sent (`false`), before faults apply: a capture point.
        public var tap: (@Sendable (_ received: Bool, _ bytes: [UInt8]) -> Void)?

        public init(
            host: String = "127.0.0.1", port: Int = 0, seed: UInt64 = 0x1F2E_3D4C, idleTimeout: Duration = .seconds(60),
            solRetransmitInterval: Duration = .milliseconds(500), solBacklogLines: Int = 200
        ) {
            self.host = host
            self.port = port
            self.seed = seed
            self.idleTimeout = idleTimeout
            self.solRetransmitInterval = solRetransmitInterval
            self.solBacklogLines = solBacklogLines
        }
    }

    private struct State: Sendable {
        var core: IPMIBMCCore
        var random: SplitMix64
        var droppedByFault = 0
        var ticking = false
    }

    public let server: SimulatedServer
    public let port: Int
    public var kind: String { "ipmi" }
    public var address: String { "ipmi://127.0.0.1:\(self.port)" }

    private let channel: any Channel
    private let state: Mutex<State>
    private let commands: IPMIServerCommands
    private let options: Options
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let executor: EventLoopTaskExecutor

    private init(server: SimulatedServer, channel: any Channel, port: Int, options: Options, faults: FaultSettings) {
        self.server = server
        self.channel = channel
        self.port = port
        self.options = options
        self.commands = IPMIServerCommands(server: server)
        self.executor = EventLoopTaskExecutor(eventLoop: channel.eventLoop)
        var settings = IPMIBMCSettings.forServer(server.config, port: UInt16(truncatingIfNeeded: port), faults: faults)
        settings.idleTimeout = options.idleTimeout
        settings.solRetransmitInterval = options.solRetransmitInterval
        self.state = Mutex(State(core: IPMIBMCCore(settings: settings), random: SplitMix64(seed: options.seed)))
    }

    /// Binds the endpoint (only loopback addresses are accepted) and starts serving.
    public static func start(
        server: SimulatedServer, options: Options = Options(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> IPMIEndpoint {
        guard options.host.hasPrefix("127.") || options.host == "localhost" else {
            throw SimulatorError.invalidFleet("IPMI endpoints bind to 127.0.0.0/8 only (got \(options.host))")
        }
        let (stream, continuation) = AsyncStream<AddressedEnvelope<ByteBuffer>>.makeStream(
            bufferingPolicy: .bufferingNewest(1024))
        // No SO_REUSEADDR: on Linux it lets a UDP bind to port 0 be handed a port another BMC already
        // holds, and two simulated servers then share one address (the 500-host bench found it).
        let channel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramInbox(continuation: continuation))
                }
            }
            .bind(host: options.host, port: options.port).get()
        let port = channel.localAddress?.port ?? options.port
        let endpoint = IPMIEndpoint(
            server: server, channel: channel, port: port, options: options, faults: await server.faults)
        endpoint.spawn { await endpoint.serve(stream) }
        endpoint.spawn { await endpoint.streamConsole() }
        return endpoint
    }

    public func stop() async {
        for task in self.tasks.withLock({ $0 }) {
            task.cancel()
        }
        try? await self.channel.close()
    }

    /// Sessions the BMC holds (open, authenticating or active).
    public var sessionCount: Int { self.state.withLock { $0.core.sessionCount } }
    public var activeSessionIDs: [UInt32] { self.state.withLock { $0.core.activeSessionIDs } }
    public var solSessionIDs: [UInt32] { self.state.withLock { $0.core.solSessionIDs } }
    /// Datagrams thrown away by the drop-percentage fault.
    public var droppedByFault: Int { self.state.withLock { $0.droppedByFault } }

    private func spawn(_ work: @escaping @Sendable () async -> Void) {
        let task = Task(executorPreference: self.executor) { await work() }
        self.tasks.withLock { $0.append(task) }
    }

    // MARK: serving

    private func serve(_ stream: AsyncStream<AddressedEnvelope<ByteBuffer>>) async {
        for await envelope in stream {
            if Task.isCancelled {
                return
            }
            await self.handle(envelope)
        }
    }

    private func handle(_ envelope: AddressedEnvelope<ByteBuffer>) async {
        self.options.tap?(true, Array(envelope.data.readableBytesView))
        let faults = await self.server.faults
        let dropped: Bool = self.state.withLock { state in
            if faults.silent {
                return true
            }
            if faults.dropPercent > 0, Double.random(in: 0..<100, using: &state.random) < faults.dropPercent {
                state.droppedByFault += 1
                return true
            }
            state.core.settings.refusedCipherSuites = Set(faults.refusedCipherSuites.compactMap { UInt8(exactly: $0) })
            state.core.settings.rejectAllCredentials = faults.rejectAllCredentials
            state.core.settings.corruptIntegrity = faults.corruptIntegrity
            return false
        }
        if dropped {
            return
        }
        let now = ContinuousClock.now
        var outcome = self.state.withLock { state in
            state.core.receive(envelope.data, from: envelope.remoteAddress, now: now, random: &state.random)
        }
        if let context = outcome.execute {
            let deviceID = self.state.withLock { $0.core.settings.deviceID }
            let (code, data) = await self.commands.execute(context.request, deviceID: deviceID)
            let reply = self.state.withLock { state in
                state.core.reply(to: context, completionCode: code, data: data, random: &state.random)
            }
            if let reply {
                outcome.datagrams.append(reply)
            }
        }
        if faults.replyDelayMilliseconds > 0, !outcome.datagrams.isEmpty {
            try? await Task.sleep(for: .milliseconds(faults.replyDelayMilliseconds))
        }
        for datagram in outcome.datagrams {
            self.send(datagram, to: envelope.remoteAddress)
        }
        for event in outcome.events {
            self.react(to: event)
        }
    }

    private func react(to event: IPMIBMCCore.Event) {
        switch event {
        case .solActivated(let id):
            let backlog = self.server.console.lines.suffix(self.options.solBacklogLines)
            let bytes = Array(backlog.map { $0 + "\r\n" }.joined().utf8)
            let datagrams = self.state.withLock { state in
                state.core.consoleOutput(bytes, forSession: id, now: .now, random: &state.random)
            }
            for (peer, datagram) in datagrams {
                self.send(datagram, to: peer)
            }
            self.startTicking()
        case .sessionOpened, .sessionClosed, .solDeactivated, .solInput:
            break
        }
    }

    private func send(_ datagram: ByteBuffer, to peer: SocketAddress) {
        self.options.tap?(false, Array(datagram.readableBytesView))
        self.channel.writeAndFlush(AddressedEnvelope(remoteAddress: peer, data: datagram), promise: nil)
    }

    // MARK: Serial-over-LAN

    private func streamConsole() async {
        for await text in self.server.console.subscribe() {
            if Task.isCancelled {
                return
            }
            let datagrams = self.state.withLock { state in
                state.core.solSessionIDs.isEmpty
                    ? [] : state.core.consoleOutput(Array(text.utf8), now: .now, random: &state.random)
            }
            for (peer, datagram) in datagrams {
                self.send(datagram, to: peer)
            }
        }
    }

    /// Retransmits unacknowledged SOL packets while any SOL session is active.
    private func startTicking() {
        let start = self.state.withLock { state in
            defer { state.ticking = true }
            return !state.ticking
        }
        guard start else {
            return
        }
        let interval = self.options.solRetransmitInterval / 4
        self.spawn { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let (datagrams, active) = self.state.withLock { state in
                    let result = state.core.tick(now: .now, random: &state.random)
                    let active = !state.core.solSessionIDs.isEmpty
                    if !active {
                        state.ticking = false
                    }
                    return (result.datagrams, active)
                }
                for (peer, datagram) in datagrams {
                    self.send(datagram, to: peer)
                }
                if !active {
                    return
                }
            }
        }
    }
}

/// Hands every received datagram to the endpoint's serving task, in arrival order.
private final class DatagramInbox: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let continuation: AsyncStream<AddressedEnvelope<ByteBuffer>>.Continuation

    init(continuation: AsyncStream<AddressedEnvelope<ByteBuffer>>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.continuation.yield(self.unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors from a console that went away must not close the BMC's socket.
    }
}
