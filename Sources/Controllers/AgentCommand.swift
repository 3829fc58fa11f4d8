import FoundryModel

/// A command for the host's agent (the answer to one of its heartbeats).
public enum AgentCommand: Sendable, Hashable {
    /// Collect the inventory (Metal3's `status.hardware`).
    case inspect
    /// Stream the image to the root device chosen by the hints, then write the config drive.
    case writeImage(ImageDeployment)
    /// Erase the disks' metadata (`metadata`) or leave them (`disabled`).
    case clean(AutomatedCleaningMode)
    /// Flush the disks and power the host off.
    case powerOff

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case inspect
        case writeImage
        case clean
        case powerOff
    }

    public var kind: Kind {
        switch self {
        case .inspect: .inspect
        case .writeImage: .writeImage
        case .clean: .clean
        case .powerOff: .powerOff
        }
    }
}

/// Everything the agent needs to deploy an image.
public struct ImageDeployment: Sendable, Hashable {
    public var image: HostImage
    public var rootDeviceHints: RootDeviceHints?
    public var bootMode: BootMode
    public var configDrive: ConfigDriveSource

    public init(image: HostImage, rootDeviceHints: RootDeviceHints?, bootMode: BootMode, configDrive: ConfigDriveSource)
    {
        self.image = image
        self.rootDeviceHints = rootDeviceHints
        self.bootMode = bootMode
        self.configDrive = configDrive
    }
}

/// Where the config drive's contents come from; the runtime reads the Secrets (never the controller,
/// so secrets never pass through a decision).
public struct ConfigDriveSource: Sendable, Hashable {
    /// `openstack/latest/user_data`, from the Secret's `userData` (or `value`) key.
    public var userData: SecretReference?
    public var networkData: SecretReference?
    public var metaData: SecretReference?
    /// `meta_data.json`'s `name` and `hostname`.
    public var hostname: String
    /// `meta_data.json`'s `uuid`: the host's uid.
    public var uuid: String?

    public init(
        userData: SecretReference? = nil,
        networkData: SecretReference? = nil,
        metaData: SecretReference? = nil,
        hostname: String,
        uuid: String? = nil
    ) {
        self.userData = userData
        self.networkData = networkData
        self.metaData = metaData
        self.hostname = hostname
        self.uuid = uuid
    }
}
