/// The receiver's replay guard for RMCP+ session sequence numbers (IPMI 2.0 section 6.12.13):
/// numbers up to `ahead` past the highest seen are accepted, and numbers up to `behind` below it
/// when not seen before. Zero is never valid inside a session.
public struct SequenceWindow: Sendable, Hashable {
    public static let defaultAhead: UInt32 = 32
    public static let defaultBehind: UInt32 = 16

    public private(set) var highest: UInt32
    /// Bit n set: `highest - 1 - n` was seen.
    private var seenBelow: UInt32 = 0
    private let ahead: UInt32
    private let behind: UInt32

    public init(startingAfter highest: UInt32 = 0, ahead: UInt32 = defaultAhead, behind: UInt32 = defaultBehind) {
        self.highest = highest
        self.ahead = ahead
        self.behind = min(behind, 32)
    }

    /// Records `sequence` and returns whether it is fresh; a replayed or out-of-window number returns false.
    public mutating func accept(_ sequence: UInt32) -> Bool {
        guard sequence != 0 else {
            return false
        }
        let forward = sequence &- self.highest
        if forward != 0, forward <= self.ahead {
            self.seenBelow = forward >= 32 ? 0 : (self.seenBelow << forward)
            if forward <= 32 {
                self.seenBelow |= 1 << (forward - 1)
            }
            self.highest = sequence
            return true
        }
        let backward = self.highest &- sequence
        guard backward != 0, backward <= self.behind else {
            return false
        }
        let bit: UInt32 = 1 << (backward - 1)
        guard self.seenBelow & bit == 0 else {
            return false
        }
        self.seenBelow |= bit
        return true
    }
}
