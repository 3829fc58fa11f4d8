import NIOCore
import Testing

@testable import BMC

struct IPMIRetransmissionTimerTests {
    @Test func retransmissionsBackOffFromTheMeasuredRoundTrip() {
        var timer = IPMIRetransmissionTimer(limit: .seconds(2))
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        #expect(timer.sent(at: start, attempt: 0, isFinal: false) == .milliseconds(250))
        timer.answered(at: start + .milliseconds(10))
        // Four round trips, doubled per retransmission.
        #expect(timer.sent(at: start, attempt: 0, isFinal: false) == .milliseconds(40))
        #expect(timer.sent(at: start, attempt: 1, isFinal: false) == .milliseconds(80))
        #expect(timer.sent(at: start, attempt: 2, isFinal: false) == .milliseconds(160))
        #expect(timer.sent(at: start, attempt: 9, isFinal: false) == .seconds(2))
    }

    /// A loaded machine or a busy BMC can take far longer than the measured round trip: before giving up
    /// on a message, the client waits the whole configured request timeout.
    @Test func theLastAttemptWaitsTheFullLimit() {
        var timer = IPMIRetransmissionTimer(limit: .seconds(2))
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        _ = timer.sent(at: start, attempt: 0, isFinal: false)
        timer.answered(at: start + .milliseconds(1))
        #expect(timer.sent(at: start, attempt: 0, isFinal: false) == .milliseconds(20))
        #expect(timer.sent(at: start, attempt: 2, isFinal: true) == .seconds(2))
        #expect(timer.sent(at: start, attempt: 0, isFinal: true) == .seconds(2))
    }

    /// An answer to a message sent more than once is not a round-trip sample.
    @Test func answersToRetransmissionsAreNotTimed() {
        var timer = IPMIRetransmissionTimer(limit: .seconds(2))
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        _ = timer.sent(at: start, attempt: 1, isFinal: false)
        timer.answered(at: start + .milliseconds(900))
        #expect(timer.sent(at: start, attempt: 0, isFinal: false) == .milliseconds(250))
    }
}
