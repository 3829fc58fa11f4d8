import IPMIWire
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Work the driver writes into the channel: the handler queues it and runs one item at a time.
enum IPMIClientOperation: Sendable {
    case command(IPMISessionStateMachine.Command, EventLoopPromise<IPMIResponse>)
    case close(EventLoopPromise<Void>)
}

/// The NIO shell around `IPMISessionStateMachine`: sends its datagrams, runs its retransmission
/// timer, serialises commands (one request in flight per BMC) and keeps an idle session alive.
final class IPMIClientHandler: ChannelDuplexHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundIn = IPMIClientOperation
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private var machine: IPMISessionStateMachine
    private let remote: SocketAddress
    private var retransmission: IPMIRetransmissionTimer
    private let keepaliveInterval: TimeAmount
    private var queue: [IPMIClientOperation] = []
    private var current: IPMIClientOperation?
    private var timer: Scheduled<Void>?
    private var timerGeneration = 0
    private var keepalive: RepeatedTask?
    private var lastActivity = NIODeadline.now()
    private var isClosed = false

    init(
        configuration: IPMISessionStateMachine.Configuration, remote: SocketAddress, attemptTimeout: TimeAmount,
        keepaliveInterval: TimeAmount
    ) {
        self.machine = IPMISessionStateMachine(configuration: configuration)
        self.remote = remote
        self.retransmission = IPMIRetransmissionTimer(limit: attemptTimeout)
        self.keepaliveInterval = keepaliveInterval
    }

    var negotiatedSuite: CipherSuite? { self.machine.negotiatedSuite }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        self.keepalive = context.eventLoop.scheduleRepeatedTask(
            initialDelay: self.keepaliveInterval, delay: self.keepaliveInterval
        ) { _ in
            handler.value.keepAliveIfIdle(context: loopBoundContext.value)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.keepalive?.cancel()
        self.timer?.cancel()
        self.failEverything(BMCError(.unreachable, "the IPMI channel closed"))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let operation = self.unwrapOutboundIn(data)
        promise?.succeed(())
        guard !self.isClosed else {
            Self.fail(operation, BMCError(.unsupported, "the IPMI session was closed; connect again"))
            return
        }
        self.queue.append(operation)
        self.startNext(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = self.unwrapInboundIn(data)
        self.lastActivity = .now()
        let action = self.machine.datagramReceived(envelope.data)
        switch action {
        case .send, .succeed, .fail, .closed:
            self.retransmission.answered(at: self.lastActivity)
        case .wait:
            break
        }
        self.run(action, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let description: String
        if let ioError = error as? IOError, ioError.errnoCode == ECONNREFUSED {
            description = "\(self.remote) refused the datagram (nothing listens on that port)"
        } else {
            description = "socket error talking to \(self.remote): \(error)"
        }
        self.run(self.machine.transportFailed(description), context: context)
    }

    // MARK: running the machine

    private func startNext(context: ChannelHandlerContext) {
        guard self.current == nil, !self.queue.isEmpty else {
            return
        }
        let operation = self.queue.removeFirst()
        self.current = operation
        switch operation {
        case .command(let command, _):
            self.run(self.machine.start(command), context: context)
        case .close:
            self.run(self.machine.close(), context: context)
        }
    }

    private func run(
        _ action: IPMISessionStateMachine.Action, context: ChannelHandlerContext
    ) {
        switch action {
        case .send(let datagram):
            self.lastActivity = .now()
            context.writeAndFlush(
                self.wrapOutboundOut(AddressedEnvelope(remoteAddress: self.remote, data: datagram)), promise: nil)
            let attempt = self.machine.outstandingAttempt
            let timeout = self.retransmission.sent(
                at: self.lastActivity, attempt: attempt.index, isFinal: attempt.isFinal)
            self.armTimer(timeout, context: context)
        case .succeed(let response):
            self.cancelTimer()
            if case .command(_, let promise) = self.current {
                promise.succeed(response)
            }
            self.current = nil
            self.startNext(context: context)
        case .fail(let error):
            self.cancelTimer()
            if let current = self.current {
                Self.fail(current, error)
            }
            self.current = nil
            self.startNext(context: context)
        case .wait:
            break
        case .closed:
            self.cancelTimer()
            self.isClosed = true
            if case .close(let promise) = self.current {
                promise.succeed(())
            }
            self.current = nil
            self.failEverything(BMCError(.unsupported, "the IPMI session was closed; connect again"))
        }
    }

    private func armTimer(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        self.timer?.cancel()
        self.timerGeneration += 1
        let generation = self.timerGeneration
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.timer = context.eventLoop.scheduleTask(in: timeout) {
            handler.value.timerFired(generation: generation, context: loopBoundContext.value)
        }
    }

    private func cancelTimer() {
        self.timer?.cancel()
        self.timer = nil
        self.timerGeneration += 1
    }

    private func timerFired(generation: Int, context: ChannelHandlerContext) {
        guard generation == self.timerGeneration else {
            return
        }
        self.timer = nil
        self.run(self.machine.timeoutFired(), context: context)
    }

    /// BMCs close sessions that stay quiet (often after 60 s); a cheap Get Device ID keeps ours open.
    private func keepAliveIfIdle(context: ChannelHandlerContext) {
        guard self.current == nil, self.queue.isEmpty, self.machine.isIdleWithSession,
            NIODeadline.now() - self.lastActivity >= self.keepaliveInterval
        else {
            return
        }
        let promise = context.eventLoop.makePromise(of: IPMIResponse.self)
        promise.futureResult.whenComplete { _ in }
        self.queue.append(.command(IPMISessionStateMachine.Command(command: .getDeviceID, data: []), promise))
        self.startNext(context: context)
    }

    private func failEverything(_ error: BMCError) {
        let pending = self.queue
        self.queue.removeAll()
        for operation in pending {
            Self.fail(operation, error)
        }
        if let current = self.current {
            self.current = nil
            Self.fail(current, error)
        }
    }

    private static func fail(_ operation: IPMIClientOperation, _ error: BMCError) {
        switch operation {
        case .command(_, let promise):
            promise.fail(error)
        case .close(let promise):
            promise.succeed(())
        }
    }
}

@available(*, unavailable)
extension IPMIClientHandler: Sendable {}
