/// `metal3.io/v1alpha1` `BareMetalHost`, with Metal3's field names and shapes so that Metal3
/// manifests round-trip unchanged.
public struct BareMetalHost: Resource {
    public static let resourceKind = ResourceKind.bareMetalHost
    public static let finalizer = "baremetalhost.metal3.io"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: BareMetalHostSpec
    /// Absent in manifests; the operator fills it in.
    public var status: BareMetalHostStatus?

    public init(metadata: ObjectMeta, spec: BareMetalHostSpec, status: BareMetalHostStatus? = nil) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var anyResource: AnyResource { .bareMetalHost(self) }
}

public struct BareMetalHostSpec: Codable, Sendable, Hashable {
    public var online: Bool
    public var bmc: BMCDetails?
    public var bootMACAddress: String?
    public var bootMode: BootMode?
    public var rootDeviceHints: RootDeviceHints?
    public var image: HostImage?
    public var userData: SecretReference?
    public var networkData: SecretReference?
    public var metaData: SecretReference?
    public var preprovisioningNetworkDataName: String?
    public var consumerRef: ObjectReference?
    public var externallyProvisioned: Bool?
    public var automatedCleaningMode: AutomatedCleaningMode?
    public var description: String?
    public var architecture: String?
    public var raid: RAIDConfig?
    public var firmware: FirmwareConfig?
    public var customDeploy: CustomDeploy?
    public var disablePowerOff: Bool?
    public var hardwareProfile: String?
    public var inspectionMode: InspectionMode?
    /// Deprecated in Metal3 and never implemented there either; kept so manifests round-trip.
    public var taints: [Taint]?
    /// The host's NICs and where they are cabled (Metal3 main, for network configuration).
    public var networkInterfaces: [HostNetworkInterface]?

    public init(online: Bool, bmc: BMCDetails? = nil, bootMACAddress: String? = nil) {
        self.online = online
        self.bmc = bmc
        self.bootMACAddress = bootMACAddress
    }
}

/// One NIC of a host and its switch port, as Metal3's (unreleased) `spec.networkInterfaces`.
public struct HostNetworkInterface: Codable, Sendable, Hashable {
    public struct NetworkAttachment: Codable, Sendable, Hashable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    public struct SwitchPort: Codable, Sendable, Hashable {
        /// The switch's chassis MAC address.
        public var switchID: String?
        public var portID: String?

        public init(switchID: String? = nil, portID: String? = nil) {
            self.switchID = switchID
            self.portID = portID
        }
    }

    /// The interface's name; give this or `macAddress`.
    public var name: String?
    public var macAddress: String?
    public var hostNetworkAttachment: NetworkAttachment?
    public var switchPort: SwitchPort?

    public init(name: String? = nil, macAddress: String? = nil) {
        self.name = name
        self.macAddress = macAddress
    }
}

/// A Kubernetes node taint, as Metal3's deprecated `spec.taints` holds.
public struct Taint: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?
    public var effect: String
    public var timeAdded: Timestamp?

    public init(key: String, value: String? = nil, effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

public struct BMCDetails: Codable, Sendable, Hashable {
    public var address: String
    public var credentialsName: String
    public var disableCertificateVerification: Bool?

    public init(address: String, credentialsName: String, disableCertificateVerification: Bool? = nil) {
        self.address = address
        self.credentialsName = credentialsName
        self.disableCertificateVerification = disableCertificateVerification
    }
}

public enum BootMode: String, Codable, Sendable, Hashable, CaseIterable {
    case uefi = "UEFI"
    case uefiSecureBoot = "UEFISecureBoot"
    case legacy = "legacy"
}

public enum AutomatedCleaningMode: String, Codable, Sendable, Hashable, CaseIterable {
    case metadata
    case disabled
}

public enum InspectionMode: String, Codable, Sendable, Hashable, CaseIterable {
    case disabled
    case agent
    case fast
}

/// Ironic's root device hints: every hint given must match the chosen disk.
public struct RootDeviceHints: Codable, Sendable, Hashable {
    public var deviceName: String?
    public var hctl: String?
    public var model: String?
    public var vendor: String?
    public var serialNumber: String?
    public var minSizeGigabytes: Int?
    public var wwn: String?
    public var wwnWithExtension: String?
    public var wwnVendorExtension: String?
    public var rotational: Bool?

    public init(
        deviceName: String? = nil,
        hctl: String? = nil,
        model: String? = nil,
        vendor: String? = nil,
        serialNumber: String? = nil,
        minSizeGigabytes: Int? = nil,
        wwn: String? = nil,
        wwnWithExtension: String? = nil,
        wwnVendorExtension: String? = nil,
        rotational: Bool? = nil
    ) {
        self.deviceName = deviceName
        self.hctl = hctl
        self.model = model
        self.vendor = vendor
        self.serialNumber = serialNumber
        self.minSizeGigabytes = minSizeGigabytes
        self.wwn = wwn
        self.wwnWithExtension = wwnWithExtension
        self.wwnVendorExtension = wwnVendorExtension
        self.rotational = rotational
    }
}

public struct HostImage: Codable, Sendable, Hashable {
    public var url: String
    public var checksum: String?
    public var checksumType: ChecksumType?
    public var format: ImageFormat?
    /// The registry credentials Secret for an `oci://` image (Metal3 main).
    public var ociAuthSecretName: String?

    public init(url: String, checksum: String? = nil, checksumType: ChecksumType? = nil, format: ImageFormat? = nil) {
        self.url = url
        self.checksum = checksum
        self.checksumType = checksumType
        self.format = format
    }
}

public enum ChecksumType: String, Codable, Sendable, Hashable, CaseIterable {
    case md5
    case sha256
    case sha512
    case auto
}

public enum ImageFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case raw
    case qcow2
    case vdi
    case vmdk
    case liveISO = "live-iso"
}

public struct CustomDeploy: Codable, Sendable, Hashable {
    public var method: String

    public init(method: String) {
        self.method = method
    }
}

public struct FirmwareConfig: Codable, Sendable, Hashable {
    public var virtualizationEnabled: Bool?
    public var simultaneousMultithreadingEnabled: Bool?
    public var sriovEnabled: Bool?

    public init(
        virtualizationEnabled: Bool? = nil,
        simultaneousMultithreadingEnabled: Bool? = nil,
        sriovEnabled: Bool? = nil
    ) {
        self.virtualizationEnabled = virtualizationEnabled
        self.simultaneousMultithreadingEnabled = simultaneousMultithreadingEnabled
        self.sriovEnabled = sriovEnabled
    }
}

public struct RAIDConfig: Codable, Sendable, Hashable {
    public var hardwareRAIDVolumes: [HardwareRAIDVolume]?
    public var softwareRAIDVolumes: [SoftwareRAIDVolume]?

    public init(hardwareRAIDVolumes: [HardwareRAIDVolume]? = nil, softwareRAIDVolumes: [SoftwareRAIDVolume]? = nil) {
        self.hardwareRAIDVolumes = hardwareRAIDVolumes
        self.softwareRAIDVolumes = softwareRAIDVolumes
    }
}

public struct HardwareRAIDVolume: Codable, Sendable, Hashable {
    public var sizeGibibytes: Int?
    public var level: String
    public var name: String?
    public var rotational: Bool?
    public var numberOfPhysicalDisks: Int?
    public var controller: String?
    public var physicalDisks: [String]?

    public init(level: String, sizeGibibytes: Int? = nil, name: String? = nil, numberOfPhysicalDisks: Int? = nil) {
        self.level = level
        self.sizeGibibytes = sizeGibibytes
        self.name = name
        self.numberOfPhysicalDisks = numberOfPhysicalDisks
    }
}

public struct SoftwareRAIDVolume: Codable, Sendable, Hashable {
    public var sizeGibibytes: Int?
    public var level: String
    public var physicalDisks: [RootDeviceHints]?
    public var rootVolume: Bool?

    public init(
        level: String, sizeGibibytes: Int? = nil, physicalDisks: [RootDeviceHints]? = nil, rootVolume: Bool? = nil
    ) {
        self.level = level
        self.sizeGibibytes = sizeGibibytes
        self.physicalDisks = physicalDisks
        self.rootVolume = rootVolume
    }
}

// MARK: - Status

public struct BareMetalHostStatus: Codable, Sendable, Hashable {
    public var operationalStatus: OperationalStatus
    public var errorType: HostErrorType?
    public var errorMessage: String
    public var errorCount: Int
    public var lastUpdated: Timestamp?
    public var poweredOn: Bool
    public var hardware: HardwareDetails?
    public var hardwareProfile: String?
    public var provisioning: ProvisionStatus
    public var goodCredentials: CredentialsStatus?
    public var triedCredentials: CredentialsStatus?
    public var operationHistory: OperationHistory?
    public var conditions: [Condition]?
    /// Consecutive provisioning failures for the current image (Metal3's retry limit).
    public var provisioningFailCount: Int?
    public var lastAttemptedImage: HostImage?

    public init(
        operationalStatus: OperationalStatus = .discovered,
        errorMessage: String = "",
        errorCount: Int = 0,
        poweredOn: Bool = false,
        provisioning: ProvisionStatus = ProvisionStatus()
    ) {
        self.operationalStatus = operationalStatus
        self.errorMessage = errorMessage
        self.errorCount = errorCount
        self.poweredOn = poweredOn
        self.provisioning = provisioning
    }
}

public enum OperationalStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case none = ""
    case ok = "OK"
    case discovered
    case error
    case delayed
    case detached
    case servicing
}

public enum HostErrorType: String, Codable, Sendable, Hashable, CaseIterable {
    case provisionedRegistrationError = "provisioned registration error"
    case registrationError = "registration error"
    case inspectionError = "inspection error"
    case preparationError = "preparation error"
    case provisioningError = "provisioning error"
    case powerManagementError = "power management error"
    case servicingError = "servicing error"
    case detachError = "detach error"
}

public enum ProvisioningState: String, Codable, Sendable, Hashable, CaseIterable {
    case none = ""
    case unmanaged
    case registering
    case matchProfile = "match profile"
    case preparing
    case ready
    case available
    case provisioning
    case provisioned
    case externallyProvisioned = "externally provisioned"
    case deprovisioning
    case inspecting
    case poweringOffBeforeDelete = "powering off before delete"
    case deleting
}

public struct ProvisionStatus: Codable, Sendable, Hashable {
    public var state: ProvisioningState
    public var ID: String
    public var image: HostImage?
    public var rootDeviceHints: RootDeviceHints?
    public var bootMode: BootMode?
    public var raid: RAIDConfig?
    public var firmware: FirmwareConfig?
    public var customDeploy: CustomDeploy?
    /// Foundry's own record (not in Metal3, where Ironic keeps it) of the step of the current state
    /// that the operator has started, so that a restarted operator resumes it instead of repeating it.
    public var step: OperationStep?

    public init(state: ProvisioningState = .none, ID: String = "") {
        self.state = state
        self.ID = ID
    }
}

/// A step of a provisioning state that the operator has started (`status.provisioning.step`).
public struct OperationStep: Codable, Sendable, Hashable {
    /// What was started; the Controllers module names the steps (`boot-agent`, `power-off`, ...).
    public var name: String
    /// When it was last started.
    public var started: Timestamp
    /// When its last attempt failed; set while the operator waits to retry it.
    public var failed: Timestamp?

    public init(name: String, started: Timestamp, failed: Timestamp? = nil) {
        self.name = name
        self.started = started
        self.failed = failed
    }
}

public struct CredentialsStatus: Codable, Sendable, Hashable {
    public var credentials: SecretReference?
    public var credentialsVersion: String?

    public init(credentials: SecretReference? = nil, credentialsVersion: String? = nil) {
        self.credentials = credentials
        self.credentialsVersion = credentialsVersion
    }
}

public struct OperationMetric: Codable, Sendable, Hashable {
    public var start: Timestamp?
    public var end: Timestamp?

    public init(start: Timestamp? = nil, end: Timestamp? = nil) {
        self.start = start
        self.end = end
    }
}

public struct OperationHistory: Codable, Sendable, Hashable {
    public var register: OperationMetric?
    public var inspect: OperationMetric?
    public var provision: OperationMetric?
    public var deprovision: OperationMetric?

    public init() {}
}
