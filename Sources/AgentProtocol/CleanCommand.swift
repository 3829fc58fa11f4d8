import FoundryModel

/// Clean the host's disks: `metadata` wipes partition tables and signatures, `disabled` does nothing.
public struct CleanCommand: Codable, Sendable, Hashable {
    public var mode: AutomatedCleaningMode

    public init(mode: AutomatedCleaningMode) {
        self.mode = mode
    }
}
