import FoundryModel

/// Write an OS image to the root device, then (optionally) a config drive after it.
public struct WriteImageCommand: Codable, Sendable, Hashable {
    /// `http://`, `https://` or `file://`.
    public var url: String
    /// A hex digest, or the URL of a checksum file with `HASH  NAME` lines.
    public var checksum: String
    /// md5, sha256, sha512, or auto (from the digest's length).
    public var checksumType: ChecksumType?
    /// raw (default) or qcow2.
    public var format: ImageFormat?
    public var rootDeviceHints: RootDeviceHints?
    public var configDrive: ConfigDriveContents?

    public init(
        url: String,
        checksum: String,
        checksumType: ChecksumType? = nil,
        format: ImageFormat? = nil,
        rootDeviceHints: RootDeviceHints? = nil,
        configDrive: ConfigDriveContents? = nil
    ) {
        self.url = url
        self.checksum = checksum
        self.checksumType = checksumType
        self.format = format
        self.rootDeviceHints = rootDeviceHints
        self.configDrive = configDrive
    }
}
