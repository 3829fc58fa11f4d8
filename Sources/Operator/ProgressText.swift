import Controllers

/// How image-write progress reads in Events, logs and the demo.
public enum ProgressText {
    public static func describe(_ progress: AgentProgress) -> String {
        self.describe(done: progress.done, total: progress.total)
    }

    public static func describe(done: Int64, total: Int64?) -> String {
        guard let total, total > 0 else {
            return "writing image: \(self.size(done)) written"
        }
        let percent = min(100, Int(done * 100 / total))
        return "writing image: \(percent)% (\(self.size(done)) of \(self.size(total)))"
    }

    /// Bytes in the largest binary unit that keeps a whole number in front.
    public static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 {
            return "\(bytes) B"
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
