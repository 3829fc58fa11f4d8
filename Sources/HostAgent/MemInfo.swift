/// The lines of `/proc/meminfo` the agent uses.
public struct MemInfo: Sendable, Hashable {
    /// `MemTotal`, in KiB.
    public var totalKibibytes: Int?

    public init(parsing text: String) {
        var total: Int?
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let fields = line.dropFirst("MemTotal:".count).split(separator: " ")
            if let number = fields.first.flatMap({ Int($0) }) {
                // The kernel always writes kB; be explicit should a unit ever differ.
                let unit = fields.dropFirst().first ?? "kB"
                total = unit == "kB" ? number : nil
            }
        }
        self.totalKibibytes = total
    }

    public var mebibytes: Int? {
        self.totalKibibytes.map { $0 / 1024 }
    }
}
