import Foundation
import TestSupport
import Testing

@testable import FoundryModel

/// The hand-written reader of `2026-11-22T02:55:42Z` agrees with Foundation's ISO 8601 parser.
struct TimestampTests {
    static func foundation(_ text: String) -> Int64? {
        (try? Date(text, strategy: .iso8601)).map { Int64($0.timeIntervalSince1970) }
    }

    @Test func agreesWithFoundationOnManyTimes() {
        var generator = SeededGenerator(seed: 0x7157)
        let edges: [Int64] = [0, -1, 86_399, 951_782_400, 4_107_542_400, 253_402_300_799, -2_208_988_800]
        let random = (0..<5_000).map { _ in Int64.random(in: -2_000_000_000...8_000_000_000, using: &generator) }
        for seconds in edges + random {
            let text = Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
            #expect(Timestamp.wholeSecondsUTC(text) == seconds, "\(text)")
            #expect(Timestamp.wholeSecondsUTC(text) == Self.foundation(text), "\(text)")
        }
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+01:00",
        "2026-01-01T00:00:00.5Z", "2026-1-01T00:00:00Z", "20260101T000000Z", "2026-01-01T00:00:0xZ",
        "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
    ])
    func otherFormsAreLeftToFoundation(_ text: String) {
        #expect(Timestamp.wholeSecondsUTC(text) == nil)
        let foundation =
            (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(Timestamp.parse(text) == foundation)
    }

    @Test func leapDaysAndOffsetsStillParse() throws {
        #expect(Timestamp.parse("2024-02-29T12:00:00Z") == Date(timeIntervalSince1970: 1_709_208_000))
        #expect(Timestamp.parse("2026-01-01T01:00:00+01:00") == Date(timeIntervalSince1970: 1_767_225_600))
    }
}
