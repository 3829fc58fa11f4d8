import Foundation

/// What `/proc/cpuinfo` says: one stanza of `key : value` lines per logical CPU.
public struct CPUInfo: Sendable, Hashable {
    public var processorCount: Int
    public var modelName: String?
    public var megahertz: Double?
    public var flags: [String]
    /// Whether the CPU lists 64-bit long mode (x86) or is described in ARM terms.
    public var looksLikeARM: Bool
    public var hasLongMode: Bool

    public init(parsing text: String) {
        var count = 0
        var model: String?
        var megahertz: Double?
        var flags: [String]?
        var arm = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "processor": count += 1
            case "model name", "Model name": model = model ?? value
            case "cpu MHz": megahertz = megahertz ?? Double(value)
            case "flags": flags = flags ?? value.split(separator: " ").map(String.init)
            case "Features":
                flags = flags ?? value.split(separator: " ").map(String.init)
                arm = true
            case "CPU implementer": arm = true
            default: break
            }
        }
        self.processorCount = count
        self.modelName = model
        self.megahertz = megahertz
        self.flags = Array(Set(flags ?? [])).sorted()
        self.looksLikeARM = arm
        self.hasLongMode = self.flags.contains("lm")
    }
}
