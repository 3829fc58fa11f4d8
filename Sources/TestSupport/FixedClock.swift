import Foundation

/// A fixed point in time for tests, so that no test reads the real clock.
public enum FixedClock {
    /// 2026-01-01T00:00:00Z.
    public static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// `start` plus some seconds.
    public static func at(_ seconds: Double) -> Date {
        self.start.addingTimeInterval(seconds)
    }
}
