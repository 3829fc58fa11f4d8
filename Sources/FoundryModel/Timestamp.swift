import Foundation

/// A point in time encoded as RFC 3339 (`2026-11-22T02:55:42Z`), as Kubernetes and Metal3 write it,
/// whatever date strategy the surrounding encoder uses.
public struct Timestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    /// The first whole second at or after `date`. Stored times keep whole seconds, so a time that
    /// must not read as earlier than it was (a failure a backoff counts from) is rounded up.
    public init(wholeSecondAtOrAfter date: Date) {
        self.date = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.up))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid RFC 3339 time \"\(text)\" (expected e.g. 2026-11-22T02:55:42Z)"
            )
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    public var description: String {
        // Whole seconds, as Kubernetes' metav1.Time does.
        Date(timeIntervalSince1970: self.date.timeIntervalSince1970.rounded(.down))
            .formatted(.iso8601)
    }

    public static func parse(_ text: String) -> Date? {
        if let seconds = Self.wholeSecondsUTC(text) {
            return Date(timeIntervalSince1970: Double(seconds))
        }
        if let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Seconds since 1970 for the form this project and Kubernetes write, `2026-11-22T02:55:42Z`
    /// from 1900 on; nil for anything else, which Foundation's parser then reads (it switches to
    /// the Julian calendar before 1582 and rolls days over, 02-30 being 03-02). Reading a list of 10,000
    /// hosts spent 8% of its time in that parser for this one form.
    static func wholeSecondsUTC(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { Self.wholeSecondsUTC(utf8: UnsafeRawBufferPointer($0)) }
    }

    static func wholeSecondsUTC(utf8 bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x5A
        else {
            return nil
        }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<start + count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else {
                    return nil
                }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            year >= 1900, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            hour < 24,
            minute < 60, second < 60
        else {
            return nil
        }
        return Self.daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60
            + second
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.date < rhs.date
    }
}
