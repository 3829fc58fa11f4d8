/// How far the running command is.
public struct CommandProgress: Codable, Sendable, Hashable {
    public var commandID: String
    /// `downloading`, `converting`, `configDrive`, `wiping`, ...
    public var phase: String
    public var bytesDone: Int64
    /// Unknown while the server has not said how large the image is.
    public var bytesTotal: Int64?

    public init(commandID: String, phase: String, bytesDone: Int64, bytesTotal: Int64? = nil) {
        self.commandID = commandID
        self.phase = phase
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }
}
