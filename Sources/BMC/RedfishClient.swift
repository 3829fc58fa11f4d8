import Foundation
import FoundryModel
import Logging
import RedfishModel

/// The Redfish driver: power, boot override, virtual media and inventory of one system.
///
/// Every operation reads the resource it changes first (for its ETag and what it allows), so it
/// copes with the vendor differences the profiles describe: where virtual media hangs (system or
/// manager), actions or PATCH for media, which ResetType and boot values are allowed.
public final class RedfishClient: BMCDriver, VirtualMediaControl, HardwareInventoryReader {
    public struct Configuration: Sendable, Hashable {
        public var authMode: RedfishAuthMode
        /// How long a reset may take to show the expected PowerState.
        public var powerTimeout: Duration
        /// How long a task (firmware update, slow media insert) may run.
        public var taskTimeout: Duration
        public var pollInterval: Duration
        public var maxResponseBytes: Int
        public var retry: RedfishRetryPolicy

        public init(
            options: BMCConnectionOptions = BMCConnectionOptions(),
            authMode: RedfishAuthMode = .auto,
            powerTimeout: Duration = .seconds(120),
            taskTimeout: Duration = .seconds(900),
            pollInterval: Duration = .milliseconds(250),
            maxResponseBytes: Int = 4 << 20
        ) {
            self.authMode = authMode
            self.powerTimeout = powerTimeout
            self.taskTimeout = taskTimeout
            self.pollInterval = pollInterval
            self.maxResponseBytes = maxResponseBytes
            self.retry = RedfishRetryPolicy(maxAttempts: options.maxAttempts)
        }
    }

    public let address: BMCAddress
    public let connection: RedfishConnection
    public let serviceRoot: ServiceRoot
    /// `/redfish/v1/Systems/{id}`, from the address or found from the service root.
    public let systemPath: String
    private let configuration: Configuration
    private let logger: Logger

    private init(
        address: BMCAddress, connection: RedfishConnection, serviceRoot: ServiceRoot, systemPath: String,
        configuration: Configuration, logger: Logger
    ) {
        self.address = address
        self.connection = connection
        self.serviceRoot = serviceRoot
        self.systemPath = systemPath
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads the service root, logs in, and finds the system; fails early on a wrong password.
    public static func connect(
        _ address: BMCAddress,
        credentials: BMCCredentials,
        options: BMCConnectionOptions = BMCConnectionOptions(),
        configuration: Configuration? = nil,
        transport: (any RedfishTransport)? = nil,
        logger: Logger = Logger(label: "foundry.bmc.redfish")
    ) async throws(BMCError) -> RedfishClient {
        guard address.driver.isRedfish, let scheme = address.transport else {
            throw BMCError(.invalidAddress, "\(address) is not a Redfish address")
        }
        let configuration = configuration ?? Configuration(options: options)
        let endpoint = RedfishEndpointURL(
            scheme: scheme.rawValue, host: address.host, port: address.port,
            disableCertificateVerification: options.disableCertificateVerification)
        let connection = RedfishConnection(
            endpoint: endpoint,
            credentials: credentials,
            transport: transport
                ?? RedfishHTTPClientTransport(
                    requestTimeout: options.requestTimeout, maxResponseBytes: configuration.maxResponseBytes),
            policy: configuration.retry,
            authMode: configuration.authMode,
            logger: logger
        )
        do {
            let root = try await connection.get(ServiceRoot.self, "/redfish/v1/", authenticated: false).value
            var sessionsPath = root.links?.sessions?.id
            if sessionsPath == nil, root.sessionService != nil {
                sessionsPath = "/redfish/v1/SessionService/Sessions"
            }
            try await connection.authenticate(sessionsPath: sessionsPath)
            let systemPath = try await Self.findSystem(address: address, root: root, connection: connection)
            // Reading the system proves the credentials work for Basic auth too.
            _ = try await connection.get(ComputerSystem.self, systemPath)
            return RedfishClient(
                address: address, connection: connection, serviceRoot: root, systemPath: systemPath,
                configuration: configuration, logger: logger)
        } catch {
            await connection.logout()
            throw error
        }
    }

    private static func findSystem(
        address: BMCAddress, root: ServiceRoot, connection: RedfishConnection
    )
        async throws(BMCError) -> String
    {
        if let path = address.redfishSystemPath {
            return path
        }
        guard let systems = root.systems else {
            throw BMCError(.protocolError, "the service root at \(connection.endpoint) lists no Systems")
        }
        let members = try await connection.get(ResourceCollection.self, systems.id).value.members
        guard members.count == 1, let only = members.first else {
            let ids = members.map(\.id).joined(separator: ", ")
            throw BMCError(
                .invalidAddress,
                "\(connection.endpoint) has \(members.count) systems (\(ids)); put the system path in the address")
        }
        return only.id
    }

    public func close() async {
        await self.connection.logout()
    }

    // MARK: power

    public func system() async throws(BMCError) -> RedfishResource<ComputerSystem> {
        try await self.connection.get(ComputerSystem.self, self.systemPath)
    }

    public func powerState() async throws(BMCError) -> PowerState {
        try RedfishResetPlan.powerState(try await self.system().value.powerState)
    }

    /// Carries out a power action and waits until the system shows its outcome.
    public func setPower(_ action: PowerAction) async throws(BMCError) {
        let system = try await self.system().value
        let allowed = system.resetAction?.allowableValues["ResetType"]?.map(ComputerSystem.ResetType.init(rawValue:))
        let steps = try RedfishResetPlan.steps(for: action, current: system.powerState, allowed: allowed)
        let target = system.resetAction?.target ?? self.systemPath + "/Actions/ComputerSystem.Reset"
        for step in steps {
            // A restart sent twice restarts twice; only state-setting resets are resent after a drop.
            let idempotent = Self.stateSettingResets.contains(step.resetType)
            let response = try await self.connection.post(
                target, ComputerSystem.ResetRequest(resetType: step.resetType), idempotent: idempotent)
            try await self.followTask(response)
            try await self.waitForPower(step.expect)
        }
    }

    private static let stateSettingResets: Set<ComputerSystem.ResetType> = [
        .on, .forceOn, .forceOff, .gracefulShutdown,
    ]

    private func waitForPower(_ expected: ComputerSystem.PowerState) async throws(BMCError) {
        let deadline = ContinuousClock.now.advanced(by: self.configuration.powerTimeout)
        var last: ComputerSystem.PowerState?
        while true {
            last = try await self.system().value.powerState
            if last == expected {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw BMCError(
                    .timeout,
                    "\(self.systemPath): PowerState is still \(last?.rawValue ?? "unknown") after "
                        + "\(self.configuration.powerTimeout), expected \(expected.rawValue)")
            }
            try? await Task.sleep(for: self.configuration.pollInterval)
        }
    }

    // MARK: boot

    public func setBootDevice(_ override: BootOverride) async throws(BMCError) {
        var resource = try await self.system()
        for attempt in 1...2 {
            let boot = try RedfishBootPlan.patch(for: override, current: resource.value.boot)
            do {
                _ = try await self.connection.patch(
                    self.systemPath, ComputerSystem.BootPatch(boot: boot), etag: resource.etag)
                break
            } catch let error where error.bmcCode == 412 && attempt == 1 {
                // Someone changed the system between our read and our write: read again, once.
                resource = try await self.system()
            }
        }
        let shown = RedfishBootPlan.override(from: try await self.system().value.boot)
        guard shown?.device == override.device, shown?.persistent == override.persistent else {
            throw BMCError(
                .commandFailed,
                "\(self.systemPath): the BMC accepted the boot override but shows "
                    + "\(shown.map { "\($0.device.rawValue) persistent=\($0.persistent)" } ?? "none")")
        }
    }

    public func bootDevice() async throws(BMCError) -> BootOverride? {
        RedfishBootPlan.override(from: try await self.system().value.boot)
    }

    // MARK: virtual media

    /// Every virtual media device of the system: its own (newer firmware) or its managers'.
    public func mediaDevices() async throws(BMCError) -> [RedfishResource<VirtualMedia>] {
        let system = try await self.system().value
        var collections: [String] = []
        if let own = system.virtualMedia {
            collections.append(own.id)
        } else {
            var managers = system.links?.managedBy ?? []
            if managers.isEmpty, let all = self.serviceRoot.managers {
                managers = try await self.connection.get(ResourceCollection.self, all.id).value.members
            }
            for manager in managers {
                if let media = try await self.connection.get(Manager.self, manager.id).value.virtualMedia {
                    collections.append(media.id)
                }
            }
        }
        var devices: [RedfishResource<VirtualMedia>] = []
        for collection in collections {
            for member in try await self.connection.get(ResourceCollection.self, collection).value.members {
                devices.append(try await self.connection.get(VirtualMedia.self, member.id))
            }
        }
        return devices
    }

    /// The device ISOs go to.
    public func cdDevice() async throws(BMCError) -> RedfishResource<VirtualMedia> {
        let devices = try await self.mediaDevices()
        let chosen = try RedfishMediaPlan.chooseDevice(devices.map(\.value))
        guard let resource = devices.first(where: { $0.value.odataID == chosen.odataID }) else {
            throw BMCError(.protocolError, "virtual media \(chosen.odataID) vanished")
        }
        return resource
    }

    public func insertMedia(url: String) async throws(BMCError) {
        var device = try await self.cdDevice()
        if RedfishMediaPlan.isInserted(url, in: device.value) {
            return
        }
        if device.value.inserted == true {
            try await self.eject(device)
            device = try await self.connection.get(VirtualMedia.self, device.value.odataID)
        }
        switch try RedfishMediaPlan.style(of: device.value, allowsPatch: device.allowedMethods.contains("PATCH")) {
        case .action(let insert, _):
            try await self.postInsert(insert, url: url)
        case .patch:
            let response = try await self.connection.patch(
                device.value.odataID, VirtualMedia.MediaPatch(image: url, inserted: true, writeProtected: true),
                etag: device.etag)
            try await self.followTask(response)
        }
        let shown = try await self.connection.get(VirtualMedia.self, device.value.odataID).value
        guard RedfishMediaPlan.isInserted(url, in: shown) else {
            throw BMCError(
                .commandFailed,
                "\(shown.odataID): the BMC accepted the image but shows inserted=\(shown.inserted ?? false) "
                    + "image=\(shown.image ?? "none")")
        }
    }

    private func postInsert(_ target: String, url: String) async throws(BMCError) {
        // Image alone: Inserted and WriteProtected default to true, and some firmware (Supermicro)
        // refuses them when sent.
        var request = VirtualMedia.InsertMediaRequest(image: url)
        do {
            try await self.followTask(try await self.connection.post(target, request, idempotent: true))
        } catch let error where error.bmcCode == 400 && error.message.contains("TransferProtocolType") {
            // Firmware that insists on TransferProtocolType names it in its error; say it and retry.
            request.transferProtocolType = url.lowercased().hasPrefix("https:") ? "HTTPS" : "HTTP"
            try await self.followTask(try await self.connection.post(target, request, idempotent: true))
        }
    }

    public func ejectMedia() async throws(BMCError) {
        let device = try await self.cdDevice()
        guard device.value.inserted == true || device.value.image?.isEmpty == false else {
            return
        }
        try await self.eject(device)
    }

    private func eject(_ device: RedfishResource<VirtualMedia>) async throws(BMCError) {
        switch try RedfishMediaPlan.style(of: device.value, allowsPatch: device.allowedMethods.contains("PATCH")) {
        case .action(_, let eject):
            let target = eject ?? device.value.odataID + "/Actions/VirtualMedia.EjectMedia"
            try await self.followTask(try await self.connection.post(target, EmptyBody(), idempotent: true))
        case .patch:
            let response = try await self.connection.patch(
                device.value.odataID, VirtualMedia.MediaPatch(image: nil, inserted: false), etag: device.etag)
            try await self.followTask(response)
        }
    }

    public func mediaStatus() async throws(BMCError) -> VirtualMediaStatus {
        let device = try await self.cdDevice().value
        return VirtualMediaStatus(
            inserted: device.inserted ?? false,
            image: device.image?.isEmpty == false ? device.image : nil,
            deviceID: device.odataID)
    }

    // MARK: inventory

    public func info() async throws(BMCError) -> BMCInfo {
        let system = try await self.system().value
        var info = BMCInfo(
            manufacturer: system.manufacturer, model: system.model, serialNumber: system.serialNumber)
        info.extra["system"] = self.systemPath
        if let uuid = system.uuid { info.extra["uuid"] = uuid }
        if let bios = system.biosVersion { info.extra["biosVersion"] = bios }
        if let power = system.powerState { info.extra["powerState"] = power.rawValue }
        if let managerLink = system.links?.managedBy?.first {
            let manager = try await self.connection.get(Manager.self, managerLink.id).value
            info.firmwareVersion = manager.firmwareVersion
            info.extra["manager"] = manager.odataID
            if let model = manager.model { info.extra["bmcModel"] = model }
        }
        if let version = self.serviceRoot.redfishVersion { info.extra["redfishVersion"] = version }
        return info
    }

    public func hardwareInventory() async throws(BMCError) -> HardwareInventory {
        let system = try await self.system().value
        var inventory = HardwareInventory()
        for processor in try await self.members(Processor.self, of: system.processors) {
            inventory.cpus.append(
                HardwareInventory.CPU(
                    socket: processor.socket ?? processor.id, model: processor.model,
                    architecture: processor.instructionSet ?? processor.processorArchitecture,
                    cores: processor.totalCores, threads: processor.totalThreads, speedMHz: processor.maxSpeedMHz))
        }
        for dimm in try await self.members(Memory.self, of: system.memory) {
            inventory.memory.append(
                HardwareInventory.DIMM(
                    name: dimm.deviceLocator ?? dimm.id, sizeMebibytes: dimm.capacityMiB ?? 0,
                    speedMHz: dimm.operatingSpeedMhz, type: dimm.memoryDeviceType))
        }
        for nic in try await self.members(EthernetInterface.self, of: system.ethernetInterfaces) {
            inventory.nics.append(
                HardwareInventory.NIC(
                    name: nic.id, macAddress: nic.macAddress ?? nic.permanentMACAddress, speedMbps: nic.speedMbps,
                    linkUp: nic.linkStatus.map { $0 == "LinkUp" }))
        }
        for storage in try await self.members(Storage.self, of: system.storage) {
            for link in storage.drives ?? [] {
                let drive = try await self.connection.get(Drive.self, link.id).value
                inventory.disks.append(
                    HardwareInventory.Disk(
                        name: drive.id, sizeBytes: drive.capacityBytes, mediaType: drive.mediaType, model: drive.model,
                        serialNumber: drive.serialNumber))
            }
        }
        if inventory.disks.isEmpty {
            // Older firmware has only SimpleStorage.
            for controller in try await self.members(SimpleStorage.self, of: system.simpleStorage) {
                for device in controller.devices ?? [] {
                    inventory.disks.append(
                        HardwareInventory.Disk(name: device.name, sizeBytes: device.capacityBytes, model: device.model))
                }
            }
        }
        return inventory
    }

    private func members<T: Decodable & Sendable>(
        _ type: T.Type, of collection: RedfishLink?
    ) async throws(BMCError)
        -> [T]
    {
        guard let collection else {
            return []
        }
        var values: [T] = []
        for member in try await self.connection.get(ResourceCollection.self, collection.id).value.members {
            values.append(try await self.connection.get(type, member.id).value)
        }
        return values
    }

    // MARK: firmware and tasks

    /// Starts `#UpdateService.SimpleUpdate` and waits for its task to finish.
    public func simpleUpdate(imageURI: String) async throws(BMCError) {
        guard let service = self.serviceRoot.updateService else {
            throw BMCError(.unsupported, "\(self.connection.endpoint) has no UpdateService")
        }
        let update = try await self.connection.get(UpdateService.self, service.id).value
        guard let action = update.simpleUpdateAction else {
            throw BMCError(.unsupported, "\(service.id) has no SimpleUpdate action")
        }
        let response = try await self.connection.post(
            action.target, UpdateService.SimpleUpdateRequest(imageURI: imageURI), idempotent: false)
        try await self.followTask(response)
    }

    /// Waits for the task a `202 Accepted` points to; other answers need no waiting.
    func followTask(_ response: RedfishHTTPResponse) async throws(BMCError) {
        guard response.status == 202, let location = response.headers["location"] else {
            return
        }
        try await self.waitForTask(RedfishConnection.path(of: location))
    }

    /// Polls a task (or task monitor) until it finishes; a task that ends badly is a `commandFailed`
    /// carrying its messages.
    public func waitForTask(_ path: String) async throws(BMCError) {
        let deadline = ContinuousClock.now.advanced(by: self.configuration.taskTimeout)
        let request = RedfishHTTPRequest(.get, path)
        while true {
            let response = try await self.connection.exchange(request)
            guard response.isSuccess else {
                throw RedfishResponseReader.error(for: response, request: request)
            }
            if let task = try? RedfishJSON.decode(RedfishTask.self, from: response.body), let state = task.taskState {
                if state.isFailure {
                    let messages = (task.messages ?? []).compactMap(\.message).joined(separator: " ")
                    throw BMCError(.commandFailed, "task \(task.odataID) ended \(state.rawValue): \(messages)")
                }
                if state.isFinished {
                    return
                }
            } else if response.status != 202 {
                // A task monitor answers with the operation's own result once it is done.
                return
            }
            guard ContinuousClock.now < deadline else {
                throw BMCError(.timeout, "task \(path) still running after \(self.configuration.taskTimeout)")
            }
            try? await Task.sleep(for: self.configuration.pollInterval)
        }
    }
}

/// `{}`: the body of actions without parameters.
struct EmptyBody: Encodable {}
