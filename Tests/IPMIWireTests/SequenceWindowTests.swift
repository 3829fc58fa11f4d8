import IPMIWire
import Testing

struct SequenceWindowTests {
    /// Feeds `sequence` numbers to a window and returns which it accepted.
    static func accepted(_ sequence: [UInt32], startingAfter start: UInt32 = 0) -> [Bool] {
        var window = SequenceWindow(startingAfter: start)
        return sequence.map { window.accept($0) }
    }

    @Test func acceptsInOrderAndRejectsReplays() {
        #expect(Self.accepted([1, 2, 2, 1, 0]) == [true, true, false, false, false])
    }

    @Test func acceptsLateArrivalsOnceWithinTheWindow() {
        #expect(Self.accepted([10, 7, 7, 9, 11, 8, 8]) == [true, true, false, true, true, true, false])
    }

    @Test func rejectsNumbersOutsideTheWindow() {
        let ahead = SequenceWindow.defaultAhead
        let behind = SequenceWindow.defaultBehind
        let numbers: [UInt32] = [100 + ahead + 1, 100 + ahead, 100, 100 + ahead - behind, 100 + ahead - behind - 1]
        #expect(Self.accepted(numbers, startingAfter: 100) == [false, true, false, true, false])
    }

    @Test func wrapsAroundPastTheTopSkippingZero() {
        #expect(
            Self.accepted([UInt32.max, 1, 2, UInt32.max], startingAfter: UInt32.max - 1) == [true, true, true, false])
    }
}
