import Foundation
import FoundryModel

/// Builds BareMetalHosts in a given state for tests, as Metal3's tests do:
/// `HostBuilder.host(.available).online(true).image("http://127.0.0.1/os.raw").build()`.
///
/// A host in a state is what the operator would have stored on reaching it: finalizer, BMC
/// credentials proven (Secret resourceVersion `secretVersion`), hardware once inspected, the image
/// once written, timestamps at `FixedClock.start`.
public struct HostBuilder: Sendable {
    public static let secretVersion = "1"
    public static let defaultAddress = "redfish+http://127.0.0.1:8000/redfish/v1/Systems/1"
    public static let defaultImageURL = "http://127.0.0.1:8080/images/os.raw"

    public private(set) var host: BareMetalHost

    public static func host(
        _ state: ProvisioningState,
        name: String = "host-0",
        address: String = HostBuilder.defaultAddress
    ) -> HostBuilder {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.uid = "00000000-0000-4000-8000-\(String(repeating: "0", count: 12))"
        metadata.generation = 1
        metadata.finalizers = [BareMetalHost.finalizer]
        let spec = BareMetalHostSpec(
            online: true,
            bmc: BMCDetails(address: address, credentialsName: "\(name)-bmc-secret")
        )
        var builder = HostBuilder(host: BareMetalHost(metadata: metadata, spec: spec))
        builder.place(in: state)
        return builder
    }

    private mutating func place(in state: ProvisioningState) {
        guard state != .none else {
            return
        }
        var status = BareMetalHostStatus(operationalStatus: .ok)
        status.provisioning.state = state
        let reached = Self.rank(state)
        if state == .unmanaged {
            status.operationalStatus = .discovered
        }
        if reached > Self.rank(.registering) {
            let credentials = CredentialsStatus(
                credentials: SecretReference(name: self.host.spec.bmc?.credentialsName, namespace: "default"),
                credentialsVersion: Self.secretVersion
            )
            status.goodCredentials = credentials
            status.triedCredentials = credentials
            status.provisioning.bootMode = .uefi
        }
        if reached > Self.rank(.inspecting) {
            status.hardware = Self.sampleHardware
        }
        var history = OperationHistory()
        switch state {
        case .registering: history.register = OperationMetric(start: Timestamp(FixedClock.start))
        case .inspecting: history.inspect = OperationMetric(start: Timestamp(FixedClock.start))
        case .provisioning: history.provision = OperationMetric(start: Timestamp(FixedClock.start))
        case .deprovisioning: history.deprovision = OperationMetric(start: Timestamp(FixedClock.start))
        default: break
        }
        status.operationHistory = history
        let started = OperationStep(name: "boot-agent", started: Timestamp(FixedClock.start))
        switch state {
        case .inspecting, .deprovisioning:
            status.provisioning.step = started
        case .provisioning:
            self.host.spec.image = HostImage(url: Self.defaultImageURL, checksum: "0123abcd", checksumType: .sha256)
            status.lastAttemptedImage = self.host.spec.image
            status.provisioning.step = started
        case .provisioned:
            self.host.spec.image = HostImage(url: Self.defaultImageURL, checksum: "0123abcd", checksumType: .sha256)
            status.provisioning.image = self.host.spec.image
            status.lastAttemptedImage = self.host.spec.image
            status.poweredOn = true
        case .externallyProvisioned:
            self.host.spec.externallyProvisioned = true
            status.poweredOn = true
        case .poweringOffBeforeDelete, .deleting:
            self.host.metadata.deletionTimestamp = Timestamp(FixedClock.start)
        default:
            break
        }
        self.host.status = status
    }

    /// The states in the order a host reaches them.
    private static let order: [ProvisioningState] = [
        .none, .unmanaged, .registering, .inspecting, .matchProfile, .preparing, .ready, .available,
        .externallyProvisioned, .provisioning, .provisioned, .deprovisioning, .poweringOffBeforeDelete, .deleting,
    ]

    private static func rank(_ state: ProvisioningState) -> Int {
        Self.order.firstIndex(of: state) ?? 0
    }

    public static let sampleHardware = HardwareDetails(
        systemVendor: .init(manufacturer: "Foundry", productName: "Sim 1U", serialNumber: "SIM-0001"),
        ramMebibytes: 16384,
        nics: [.init(name: "eth0", mac: "52:54:00:00:00:01", speedGbps: 25, pxe: true)],
        storage: [.init(name: "/dev/sda", sizeBytes: 480_000_000_000, type: .ssd, rotational: false)],
        cpu: .init(arch: "x86_64", model: "Sim CPU", clockMegahertz: 2400, count: 16),
        hostname: "host-0"
    )

    public func build() -> BareMetalHost {
        self.host
    }

    /// Any other change.
    public func with(_ change: (inout BareMetalHost) -> Void) -> HostBuilder {
        var copy = self
        change(&copy.host)
        return copy
    }

    private func status(_ change: (inout BareMetalHostStatus) -> Void) -> HostBuilder {
        self.with { host in
            var status = host.status ?? BareMetalHostStatus(operationalStatus: .none)
            change(&status)
            host.status = status
        }
    }

    // MARK: spec

    public func online(_ online: Bool) -> HostBuilder {
        self.with { $0.spec.online = online }
    }

    public func image(_ url: String = HostBuilder.defaultImageURL, format: ImageFormat? = nil) -> HostBuilder {
        self.with { $0.spec.image = HostImage(url: url, checksum: "0123abcd", checksumType: .sha256, format: format) }
    }

    public func noImage() -> HostBuilder {
        self.with { $0.spec.image = nil }
    }

    public func bmc(_ address: String, credentials: String? = nil) -> HostBuilder {
        self.with { host in
            host.spec.bmc = BMCDetails(address: address, credentialsName: credentials ?? "\(host.name)-bmc-secret")
        }
    }

    public func noBMC() -> HostBuilder {
        self.with { $0.spec.bmc = nil }
    }

    public func bootMAC(_ mac: String) -> HostBuilder {
        self.with { $0.spec.bootMACAddress = mac }
    }

    public func externallyProvisioned(_ value: Bool = true) -> HostBuilder {
        self.with { $0.spec.externallyProvisioned = value }
    }

    public func cleaning(_ mode: AutomatedCleaningMode) -> HostBuilder {
        self.with { $0.spec.automatedCleaningMode = mode }
    }

    public func inspectionMode(_ mode: InspectionMode) -> HostBuilder {
        self.with { $0.spec.inspectionMode = mode }
    }

    public func disablePowerOff(_ value: Bool = true) -> HostBuilder {
        self.with { $0.spec.disablePowerOff = value }
    }

    public func rootDeviceHints(_ hints: RootDeviceHints?) -> HostBuilder {
        self.with { $0.spec.rootDeviceHints = hints }
    }

    public func userData(_ name: String) -> HostBuilder {
        self.with { $0.spec.userData = SecretReference(name: name) }
    }

    // MARK: metadata

    public func annotation(_ key: String, _ value: String = "") -> HostBuilder {
        self.with { host in
            var annotations = host.metadata.annotations ?? [:]
            annotations[key] = value
            host.metadata.annotations = annotations
        }
    }

    public func withoutFinalizer() -> HostBuilder {
        self.with { $0.metadata.finalizers = nil }
    }

    public func deleting(at time: Date = FixedClock.start) -> HostBuilder {
        self.with { $0.metadata.deletionTimestamp = Timestamp(time) }
    }

    // MARK: status

    public func noStatus() -> HostBuilder {
        self.with { $0.status = nil }
    }

    public func poweredOn(_ on: Bool) -> HostBuilder {
        self.status { $0.poweredOn = on }
    }

    public func operationalStatus(_ value: OperationalStatus) -> HostBuilder {
        self.status { $0.operationalStatus = value }
    }

    /// A recorded error; `failedAt` is when the attempt failed (the backoff counts from it).
    public func error(
        _ type: HostErrorType,
        _ message: String = "failed",
        count: Int = 1,
        failedAt: Date? = FixedClock.start
    ) -> HostBuilder {
        self.status { status in
            status.operationalStatus = .error
            status.errorType = type
            status.errorMessage = message
            status.errorCount = count
            if let failedAt {
                var step = status.provisioning.step ?? OperationStep(name: "register", started: Timestamp(failedAt))
                step.failed = Timestamp(failedAt)
                status.provisioning.step = step
            }
        }
    }

    public func errorCount(_ count: Int) -> HostBuilder {
        self.status { $0.errorCount = count }
    }

    /// The step in progress (`boot-agent`, `boot-instance`, `power-off`, ...), started at `started`.
    public func step(_ name: String?, started: Date = FixedClock.start) -> HostBuilder {
        self.status { status in
            status.provisioning.step = name.map { OperationStep(name: $0, started: Timestamp(started)) }
        }
    }

    /// The credentials last proven good and last tried (nil: none).
    public func credentials(good: String?, tried: String?) -> HostBuilder {
        self.status { status in
            let reference = SecretReference(name: self.host.spec.bmc?.credentialsName, namespace: "default")
            status.goodCredentials = good.map { CredentialsStatus(credentials: reference, credentialsVersion: $0) }
            status.triedCredentials = tried.map { CredentialsStatus(credentials: reference, credentialsVersion: $0) }
        }
    }

    public func provisioningFailCount(_ count: Int) -> HostBuilder {
        self.status { status in
            status.provisioningFailCount = count
            status.lastAttemptedImage = self.host.spec.image
        }
    }

    public func hardware(_ hardware: HardwareDetails?) -> HostBuilder {
        self.status { $0.hardware = hardware }
    }

    /// The image recorded as written to the disk.
    public func writtenImage(_ url: String? = HostBuilder.defaultImageURL) -> HostBuilder {
        self.status { status in
            status.provisioning.image = url.map { HostImage(url: $0, checksum: "0123abcd", checksumType: .sha256) }
        }
    }

    public func lastAttemptedImage(_ url: String?) -> HostBuilder {
        self.status { status in
            status.lastAttemptedImage = url.map { HostImage(url: $0, checksum: "0123abcd", checksumType: .sha256) }
        }
    }

    public func provisioningSettings(rootDeviceHints: RootDeviceHints?, bootMode: BootMode = .uefi) -> HostBuilder {
        self.status { status in
            status.provisioning.rootDeviceHints = rootDeviceHints
            status.provisioning.bootMode = bootMode
        }
    }
}
