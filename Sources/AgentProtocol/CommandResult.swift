import FoundryModel

/// How a command ended. Sent with every heartbeat after it, until the operator hands out the next
/// command, so that a lost heartbeat loses no result.
public struct CommandResult: Codable, Sendable, Hashable {
    public var commandID: String
    public var kind: AgentCommand.Kind
    public var succeeded: Bool
    /// Why it failed, or a note on success.
    public var message: String?
    /// `inspect`: the host's hardware.
    public var inventory: HardwareDetails?
    /// `writeImage`: the disk written and how much.
    public var rootDevice: RootDeviceReport?
    public var bytesWritten: Int64?
    /// `clean`: the disks wiped.
    public var cleanedDevices: [String]?

    public init(commandID: String, kind: AgentCommand.Kind, succeeded: Bool, message: String? = nil) {
        self.commandID = commandID
        self.kind = kind
        self.succeeded = succeeded
        self.message = message
    }
}

/// The disk an image went to.
public struct RootDeviceReport: Codable, Sendable, Hashable {
    /// `/dev/sda`.
    public var name: String
    public var byPath: String?
    public var sizeBytes: Int64
    public var serialNumber: String?

    public init(name: String, byPath: String? = nil, sizeBytes: Int64, serialNumber: String? = nil) {
        self.name = name
        self.byPath = byPath
        self.sizeBytes = sizeBytes
        self.serialNumber = serialNumber
    }
}
