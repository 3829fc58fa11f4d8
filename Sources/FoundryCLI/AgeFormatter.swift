import Foundation

/// kubectl's short human durations for the AGE column: `45s`, `3m12s`, `17m`, `5h3m`, `20h`,
/// `3d4h`, `12d`, `400d`, `2y30d`.
public enum AgeFormatter {
    public static func age(since start: Date?, now: Date) -> String {
        guard let start else {
            return "<unknown>"
        }
        return self.format(now.timeIntervalSince(start))
    }

    public static func format(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.down))
        if seconds < 0 {
            return "0s"
        }
        let minutes = seconds / 60
        let hours = minutes / 60
        let days = hours / 24
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s"
        case ..<(3 * 3600): return "\(minutes)m"
        case ..<(8 * 3600): return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m"
        case ..<(48 * 3600): return "\(hours)h"
        case ..<(8 * 86400): return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h"
        case ..<(2 * 365 * 86400): return "\(days)d"
        case ..<(8 * 365 * 86400): return days % 365 == 0 ? "\(days / 365)y" : "\(days / 365)y\(days % 365)d"
        default: return "\(days / 365)y"
        }
    }
}
