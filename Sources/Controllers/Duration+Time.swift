import Foundation

extension Duration {
    /// The duration in seconds, as Foundation's dates count.
    var timeInterval: TimeInterval {
        let parts = self.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }

    init(timeInterval: TimeInterval) {
        self = .nanoseconds(Int64((timeInterval * 1e9).rounded()))
    }
}

extension Date {
    func adding(_ duration: Duration) -> Date {
        self.addingTimeInterval(duration.timeInterval)
    }

    /// How long from `self` until `later` (zero when `later` has passed).
    func remaining(until later: Date) -> Duration {
        Duration(timeInterval: max(0, later.timeIntervalSince(self)))
    }
}

extension Duration {
    /// `15m`, `90s`, `1.5s`, `250ms`: for messages.
    var text: String {
        let milliseconds = Int64((self.timeInterval * 1000).rounded())
        if milliseconds < 1000 {
            return "\(milliseconds)ms"
        }
        if milliseconds % 60_000 == 0 {
            return milliseconds % 3_600_000 == 0 ? "\(milliseconds / 3_600_000)h" : "\(milliseconds / 60_000)m"
        }
        if milliseconds % 1000 == 0 {
            return "\(milliseconds / 1000)s"
        }
        return "\(Double(milliseconds) / 1000)s"
    }
}
