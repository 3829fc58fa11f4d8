import NIOCore

/// How long to wait for an answer before sending again: a smoothed round-trip estimate times four,
/// doubled on every retransmission of the same message (as TCP's retransmission timer works), never
/// above the configured per-attempt limit; the last attempt always waits the full limit. A lost
/// datagram on a fast link then costs milliseconds, while a BMC that stalls (or a loaded machine that
/// delays its answer) still gets the full limit before the attempts run out.
struct IPMIRetransmissionTimer {
    static let floor: Int64 = 20_000_000
    static let initial: Int64 = 250_000_000

    /// The most one attempt may wait (the connection's request timeout).
    let limit: Int64
    private var smoothedRTT: Int64?
    private var lastSend: NIODeadline?
    private var lastSendWasRetransmission = false

    init(limit: TimeAmount) {
        self.limit = max(limit.nanoseconds, 1_000_000)
    }

    /// Records a send (`attempt` 0 is a message's first send); returns how long to wait for its answer.
    mutating func sent(at now: NIODeadline, attempt: Int, isFinal: Bool) -> TimeAmount {
        self.lastSend = now
        self.lastSendWasRetransmission = attempt > 0
        if isFinal {
            return .nanoseconds(self.limit)
        }
        var timeout = self.smoothedRTT.map { max($0 * 4, Self.floor) } ?? Self.initial
        for _ in 0..<attempt where timeout < self.limit {
            timeout *= 2
        }
        return .nanoseconds(min(timeout, self.limit))
    }

    /// An answer arrived: it times the round trip unless the message had been sent more than once
    /// (then it is unknown which send it answers).
    mutating func answered(at now: NIODeadline) {
        guard let lastSend = self.lastSend, !self.lastSendWasRetransmission else {
            return
        }
        let sample = (now - lastSend).nanoseconds
        guard sample >= 0 else {
            return
        }
        self.smoothedRTT = self.smoothedRTT.map { ($0 * 7 + sample) / 8 } ?? sample
        self.lastSend = nil
    }
}
