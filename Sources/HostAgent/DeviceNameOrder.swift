/// Orders kernel device names as people read them: `sdb` before `sdaa`, `nvme2n1` before
/// `nvme10n1`, `eno2` before `eno10`. Runs of digits compare as numbers.
public enum DeviceNameOrder {
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = self.chunks(lhs)
        let right = self.chunks(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.text(let x), .text(let y)):
                // In one family of names a shorter run of letters comes first (`sdb` < `sdaa`).
                let sameFamily = x.first == y.first
                return sameFamily && x.count != y.count ? x.count < y.count : x < y
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return left.count < right.count
    }

    private enum Chunk: Equatable {
        case text(String)
        case number(UInt64)
    }

    private static func chunks(_ name: String) -> [Chunk] {
        var result: [Chunk] = []
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            if inDigits, let value = UInt64(current) {
                result.append(.number(value))
            } else {
                result.append(.text(current))
            }
            current = ""
        }
        for character in name {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != inDigits {
                flush()
                inDigits = isDigit
            }
            current.append(character)
        }
        flush()
        return result
    }
}
