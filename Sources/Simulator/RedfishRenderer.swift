import Foundation
import RedfishModel

/// Builds the Redfish resources of one simulated server from its profiles and a state snapshot.
/// Pure: the same inputs give the same JSON (and so the same ETag).
public struct RedfishRenderer: Sendable {
    public var config: ServerConfig
    public var vendor: VendorProfile
    public var hardware: HardwareProfile
    public var ids: RedfishIDs
    public var snapshot: RedfishSnapshot

    public init(
        config: ServerConfig, vendor: VendorProfile, hardware: HardwareProfile, snapshot: RedfishSnapshot
    ) {
        self.config = config
        self.vendor = vendor
        self.hardware = hardware
        self.ids = RedfishIDs(vendor: vendor, config: config)
        self.snapshot = snapshot
    }

    private var mediaOnSystem: Bool { self.vendor.redfish.virtualMedia.location == .system }

    public var virtualMediaPath: String {
        (self.mediaOnSystem ? self.ids.systemPath : self.ids.managerPath) + "/VirtualMedia"
    }

    // MARK: service

    public func serviceRoot() -> ServiceRoot {
        var root = ServiceRoot(redfishVersion: self.vendor.redfish.redfishVersion ?? "1.17.0")
        root.uuid = self.config.bmcUUID
        root.product = self.vendor.redfish.product
        root.vendor = self.vendor.manufacturer
        root.systems = "/redfish/v1/Systems"
        root.managers = "/redfish/v1/Managers"
        root.chassis = "/redfish/v1/Chassis"
        root.taskService = "/redfish/v1/TaskService"
        root.accountService = "/redfish/v1/AccountService"
        root.updateService = "/redfish/v1/UpdateService"
        if self.vendor.redfish.sessions ?? true {
            root.sessionService = "/redfish/v1/SessionService"
            root.links = ServiceRoot.Links(sessions: "/redfish/v1/SessionService/Sessions")
        }
        root.protocolFeaturesSupported = ServiceRoot.ProtocolFeatures()
        return root
    }

    public func collection(_ route: RedfishRoute, sessions: [String] = [], tasks: [String] = []) -> ResourceCollection?
    {
        let system = self.ids.systemPath
        switch route {
        case .systems:
            return ResourceCollection(
                id: "/redfish/v1/Systems", type: "ComputerSystemCollection", name: "Computer System Collection",
                members: [RedfishLink(system)])
        case .managers:
            return ResourceCollection(
                id: "/redfish/v1/Managers", type: "ManagerCollection", name: "Manager Collection",
                members: [RedfishLink(self.ids.managerPath)])
        case .chassisCollection:
            return ResourceCollection(
                id: "/redfish/v1/Chassis", type: "ChassisCollection", name: "Chassis Collection",
                members: [RedfishLink(self.ids.chassisPath)])
        case .processors:
            return self.members(
                "\(system)/Processors", "ProcessorCollection", "Processors Collection", self.processorIDs)
        case .memoryCollection:
            return self.members("\(system)/Memory", "MemoryCollection", "Memory Collection", self.dimmIDs)
        case .ethernetInterfaces:
            return self.members(
                "\(system)/EthernetInterfaces", "EthernetInterfaceCollection", "Ethernet Interface Collection",
                self.hardware.nics.map(\.name))
        case .simpleStorageCollection:
            return self.members(
                "\(system)/SimpleStorage", "SimpleStorageCollection", "Simple Storage Collection", ["1"])
        case .storageCollection:
            return self.members("\(system)/Storage", "StorageCollection", "Storage Collection", ["1"])
        case .virtualMediaCollection:
            return self.members(
                self.virtualMediaPath, "VirtualMediaCollection", "Virtual Media Services",
                self.snapshot.virtualMedia.map(\.id))
        case .sessions:
            return self.members(
                "/redfish/v1/SessionService/Sessions", "SessionCollection", "Session Collection", sessions)
        case .tasks:
            return self.members("/redfish/v1/TaskService/Tasks", "TaskCollection", "Task Collection", tasks)
        case .accounts:
            return self.members(
                "/redfish/v1/AccountService/Accounts", "ManagerAccountCollection", "Accounts Collection",
                self.config.users.indices.map { String($0 + 1) })
        case .roles:
            return self.members(
                "/redfish/v1/AccountService/Roles", "RoleCollection", "Roles Collection", Self.roles.map(\.id))
        default:
            return nil
        }
    }

    private func members(_ path: String, _ type: String, _ name: String, _ ids: [String]) -> ResourceCollection {
        ResourceCollection(id: path, type: type, name: name, members: ids.map { RedfishLink("\(path)/\($0)") })
    }

    // MARK: system

    public func system() -> ComputerSystem {
        let path = self.ids.systemPath
        var system = ComputerSystem(odataID: path, id: self.ids.system, name: self.config.name)
        system.systemType = "Physical"
        system.manufacturer = self.hardware.system.manufacturer
        system.model = self.hardware.system.productName
        system.serialNumber = self.systemSerialNumber
        system.uuid = self.config.systemUUID
        system.biosVersion = self.hardware.bios.version
        system.powerState = self.snapshot.powerState
        system.status = RedfishStatus(state: "Enabled", health: "OK", healthRollup: "OK")
        system.boot = self.boot()
        system.processorSummary = ComputerSystem.ProcessorSummary(
            count: self.hardware.cpu.sockets, logicalProcessorCount: self.hardware.cpu.count,
            model: self.hardware.cpu.model)
        system.memorySummary = ComputerSystem.MemorySummary(
            totalSystemMemoryGiB: Double(self.hardware.memory.ramMebibytes) / 1024)
        system.processors = RedfishLink("\(path)/Processors")
        system.memory = RedfishLink("\(path)/Memory")
        system.ethernetInterfaces = RedfishLink("\(path)/EthernetInterfaces")
        system.simpleStorage = RedfishLink("\(path)/SimpleStorage")
        system.storage = RedfishLink("\(path)/Storage")
        system.bios = RedfishLink("\(path)/Bios")
        if self.mediaOnSystem {
            system.virtualMedia = RedfishLink(self.virtualMediaPath)
        }
        system.links = ComputerSystem.Links(
            chassis: [RedfishLink(self.ids.chassisPath)], managedBy: [RedfishLink(self.ids.managerPath)])
        system.actions = RedfishActions([
            ComputerSystem.resetAction: RedfishAction(
                target: "\(path)/Actions/ComputerSystem.Reset",
                allowableValues: ["ResetType": self.vendor.redfish.resetTypes])
        ])
        return system
    }

    func boot() -> ComputerSystem.Boot {
        let override = self.snapshot.bootOverride
        var boot = ComputerSystem.Boot()
        if let override, override.device != .none {
            boot.bootSourceOverrideTarget = Self.bootSource(override.device)
            boot.bootSourceOverrideEnabled = override.persistent ? .continuous : .once
        } else {
            boot.bootSourceOverrideTarget = ComputerSystem.BootSource.none
            boot.bootSourceOverrideEnabled = .disabled
        }
        boot.bootSourceOverrideTargetAllowableValues = self.vendor.redfish.bootTargets.map(
            ComputerSystem.BootSource.init(rawValue:))
        boot.bootSourceOverrideEnabledAllowableValues = [.disabled, .once, .continuous]
        if self.vendor.redfish.bootModeOverride ?? true {
            let mode = override?.mode ?? self.config.defaultBootMode
            boot.bootSourceOverrideMode = mode == .uefi ? .uefi : .legacy
            boot.bootSourceOverrideModeAllowableValues = [.legacy, .uefi]
        }
        return boot
    }

    static func bootSource(_ device: SimBootDevice) -> ComputerSystem.BootSource {
        switch device {
        case .none: .none
        case .pxe: .pxe
        case .disk: .hdd
        case .cdrom: .cd
        case .biosSetup: .biosSetup
        }
    }

    /// The device a Redfish boot target means; nil for targets the simulation has no device for.
    static func bootDevice(_ source: ComputerSystem.BootSource) -> SimBootDevice? {
        switch source.rawValue {
        case "None": SimBootDevice.none
        case "Pxe", "UefiHttp": .pxe
        case "Hdd", "UefiTarget", "RemoteDrive", "SDCard": .disk
        case "Cd", "UsbCd", "Usb", "Floppy": .cdrom
        case "BiosSetup", "Utilities", "Diags", "UefiShell": .biosSetup
        default: nil
        }
    }

    // MARK: inventory

    var processorIDs: [String] {
        (0..<max(1, self.hardware.cpu.sockets)).map { "CPU\($0 + 1)" }
    }

    public func processor(_ id: String) -> Processor? {
        guard let index = self.processorIDs.firstIndex(of: id) else {
            return nil
        }
        let cpu = self.hardware.cpu
        var processor = Processor(
            odataID: "\(self.ids.systemPath)/Processors/\(id)", id: id, name: "Processor \(index + 1)")
        processor.socket = "CPU \(index + 1)"
        processor.processorType = "CPU"
        let arm = cpu.arch.hasPrefix("aarch64") || cpu.arch.hasPrefix("arm")
        processor.processorArchitecture = arm ? "ARM" : "x86"
        processor.instructionSet = arm ? "ARM-A64" : "x86-64"
        processor.manufacturer = Self.cpuManufacturer(cpu.model)
        processor.model = cpu.model
        processor.maxSpeedMHz = Int(cpu.clockMegahertz.rounded())
        processor.totalCores = cpu.coresPerSocket
        processor.totalThreads = cpu.count / max(1, cpu.sockets)
        processor.status = .ok
        return processor
    }

    private static func cpuManufacturer(_ model: String) -> String? {
        let lower = model.lowercased()
        if lower.contains("intel") { return "Intel(R) Corporation" }
        if lower.contains("amd") { return "Advanced Micro Devices, Inc." }
        if lower.contains("ampere") { return "Ampere(R)" }
        return nil
    }

    /// One id per DIMM, the profile's groups expanded.
    var dimms: [(id: String, dimm: HardwareProfile.DIMM)] {
        var result: [(String, HardwareProfile.DIMM)] = []
        for group in self.hardware.memory.dimms {
            for _ in 0..<max(0, group.count) {
                result.append(("DIMM\(result.count + 1)", group))
            }
        }
        return result
    }

    var dimmIDs: [String] { self.dimms.map(\.id) }

    private static let memoryDeviceTypes: Set<String> = [
        "DDR", "DDR2", "DDR3", "DDR4", "DDR5", "DDR4_SDRAM", "DDR3_SDRAM", "LPDDR4_SDRAM", "LPDDR5_SDRAM", "HBM",
        "HBM2", "HBM3",
    ]

    public func memory(_ id: String) -> Memory? {
        guard let entry = self.dimms.first(where: { $0.id == id }) else {
            return nil
        }
        var memory = Memory(odataID: "\(self.ids.systemPath)/Memory/\(id)", id: id, name: "Memory \(id)")
        memory.capacityMiB = entry.dimm.sizeMebibytes
        memory.memoryType = "DRAM"
        if let type = entry.dimm.type, Self.memoryDeviceTypes.contains(type) {
            memory.memoryDeviceType = type
        }
        memory.operatingSpeedMhz = entry.dimm.speedMHz
        memory.manufacturer = entry.dimm.manufacturer
        memory.status = .ok
        return memory
    }

    public func ethernetInterface(_ id: String) -> EthernetInterface? {
        guard let index = self.hardware.nics.firstIndex(where: { $0.name == id }) else {
            return nil
        }
        let nic = self.hardware.nics[index]
        var interface = EthernetInterface(
            odataID: "\(self.ids.systemPath)/EthernetInterfaces/\(id)", id: id, name: "Ethernet Interface \(id)")
        interface.description = nic.model
        let mac = self.config.macAddress(nic: index).uppercased()
        interface.macAddress = mac
        interface.permanentMACAddress = mac
        interface.speedMbps = nic.carrier ? nic.speedGbps * 1000 : nil
        interface.linkStatus = nic.carrier ? "LinkUp" : "LinkDown"
        interface.interfaceEnabled = true
        interface.status = .ok
        return interface
    }

    public func simpleStorage(_ id: String) -> SimpleStorage? {
        guard id == "1" else {
            return nil
        }
        var storage = SimpleStorage(
            odataID: "\(self.ids.systemPath)/SimpleStorage/1", id: "1", name: "Storage Controller 1")
        storage.devices = self.hardware.disks.map { disk in
            SimpleStorage.Device(
                name: disk.name, manufacturer: disk.vendor, model: disk.model, capacityBytes: disk.sizeBytes)
        }
        storage.status = .ok
        return storage
    }

    public func storage(_ id: String) -> Storage? {
        guard id == "1" else {
            return nil
        }
        let path = "\(self.ids.systemPath)/Storage/1"
        var storage = Storage(odataID: path, id: "1", name: "Storage Subsystem 1")
        storage.drives = self.hardware.disks.map { RedfishLink("\(path)/Drives/\($0.name)") }
        storage.drivesCount = self.hardware.disks.count
        storage.status = .ok
        return storage
    }

    public func drive(storage: String, id: String) -> Drive? {
        guard storage == "1", let disk = self.hardware.disks.first(where: { $0.name == id }) else {
            return nil
        }
        var drive = Drive(odataID: "\(self.ids.systemPath)/Storage/1/Drives/\(id)", id: id, name: "Drive \(id)")
        drive.capacityBytes = disk.sizeBytes
        drive.mediaType = disk.type.uppercased() == "HDD" ? "HDD" : "SSD"
        drive.protocol = disk.name.hasPrefix("nvme") || disk.type.uppercased() == "NVME" ? "NVMe" : "SATA"
        drive.manufacturer = disk.vendor
        drive.model = disk.model
        drive.serialNumber = self.serialNumber(of: disk)
        drive.rotationSpeedRPM = disk.rotational ? 7200 : nil
        drive.status = .ok
        return drive
    }

    // MARK: BIOS

    /// The attributes a freshly reset BIOS has: from the hardware profile and the vendor.
    public func defaultBiosAttributes() -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [
            "BootMode": .string(self.config.defaultBootMode == .uefi ? "Uefi" : "Bios"),
            "ProcVirtualization": .string(
                self.hardware.cpu.flags.contains("vmx") || self.hardware.cpu.flags.contains("svm")
                    ? "Enabled" : "Disabled"),
            "LogicalProc": .string(
                self.hardware.cpu.count > self.hardware.cpu.sockets * self.hardware.cpu.coresPerSocket
                    ? "Enabled" : "Disabled"),
            "PxeDevice1EnDis": .string("Enabled"),
            "SerialNumber": .string(self.systemSerialNumber ?? ""),
        ]
        for (name, value) in self.vendor.redfish.biosAttributes ?? [:] {
            attributes[name] = .string(value)
        }
        return attributes
    }

    public func bios() -> Bios {
        let path = "\(self.ids.systemPath)/Bios"
        var bios = Bios(odataID: path, id: "Bios", name: "BIOS Configuration Current Settings")
        bios.attributeRegistry = "BiosAttributeRegistry.v1_0_0"
        bios.attributes = self.snapshot.biosAttributes
        bios.settings = Bios.Settings(settingsObject: RedfishLink("\(path)/Settings"))
        bios.actions = RedfishActions([Bios.resetBiosAction: RedfishAction(target: "\(path)/Actions/Bios.ResetBios")])
        return bios
    }

    public func biosSettings() -> Bios {
        let path = "\(self.ids.systemPath)/Bios/Settings"
        var bios = Bios(odataID: path, id: "Settings", name: "BIOS Configuration Pending Settings")
        bios.attributeRegistry = "BiosAttributeRegistry.v1_0_0"
        bios.attributes = self.snapshot.pendingBiosAttributes
        return bios
    }

    // MARK: manager, media, chassis

    public func manager() -> Manager {
        var manager = Manager(odataID: self.ids.managerPath, id: self.ids.manager, name: "Manager")
        manager.managerType = "BMC"
        manager.manufacturer = self.vendor.manufacturer
        manager.model = self.vendor.bmc.model
        manager.firmwareVersion = self.vendor.bmc.firmwareVersion
        manager.uuid = self.config.bmcUUID
        manager.powerState = .on
        manager.status = .ok
        if !self.mediaOnSystem {
            manager.virtualMedia = RedfishLink(self.virtualMediaPath)
        }
        manager.links = Manager.Links(
            managerForServers: [RedfishLink(self.ids.systemPath)],
            managerForChassis: [RedfishLink(self.ids.chassisPath)])
        manager.actions = RedfishActions([
            Manager.resetAction: RedfishAction(
                target: "\(self.ids.managerPath)/Actions/Manager.Reset",
                allowableValues: ["ResetType": ["GracefulRestart", "ForceRestart"]])
        ])
        return manager
    }

    public func virtualMedia(_ id: String) -> VirtualMedia? {
        guard let slot = self.snapshot.virtualMedia.first(where: { $0.id == id }) else {
            return nil
        }
        let path = "\(self.virtualMediaPath)/\(id)"
        let isCD = slot.mediaTypes.contains("CD") || slot.mediaTypes.contains("DVD")
        var media = VirtualMedia(odataID: path, id: id, name: isCD ? "Virtual CD" : "Virtual Removable Media")
        media.mediaTypes = slot.mediaTypes.map(VirtualMedia.MediaType.init(rawValue:))
        media.inserted = slot.inserted
        media.writeProtected = slot.writeProtected
        media.connectedVia = slot.inserted ? "URI" : "NotConnected"
        if let image = slot.image {
            media.image = image
            media.imageName = image.split(separator: "/").last.map(String.init)
        }
        if self.vendor.redfish.virtualMedia.style == .action {
            media.actions = RedfishActions([
                VirtualMedia.insertAction: RedfishAction(target: "\(path)/Actions/VirtualMedia.InsertMedia"),
                VirtualMedia.ejectAction: RedfishAction(target: "\(path)/Actions/VirtualMedia.EjectMedia"),
            ])
        }
        return media
    }

    public func chassis() -> Chassis {
        var chassis = Chassis(odataID: self.ids.chassisPath, id: self.ids.chassis, name: "Computer System Chassis")
        chassis.chassisType = "RackMount"
        chassis.manufacturer = self.hardware.system.manufacturer
        chassis.model = self.hardware.system.productName
        chassis.serialNumber = self.systemSerialNumber
        chassis.powerState = self.snapshot.poweredOn ? .on : .off
        chassis.status = .ok
        chassis.links = Chassis.Links(
            computerSystems: [RedfishLink(self.ids.systemPath)], managedBy: [RedfishLink(self.ids.managerPath)])
        return chassis
    }

    // MARK: services

    public func sessionService() -> SessionService {
        var service = SessionService()
        service.description = "Session Service"
        service.serviceEnabled = true
        service.sessionTimeout = Int(RedfishService.sessionTimeout.components.seconds)
        service.sessions = "/redfish/v1/SessionService/Sessions"
        service.status = .ok
        return service
    }

    public func taskService() -> TaskService {
        var service = TaskService()
        service.serviceEnabled = true
        service.completedTaskOverWritePolicy = "Oldest"
        service.lifeCycleEventOnTaskStateChange = false
        service.tasks = "/redfish/v1/TaskService/Tasks"
        service.status = .ok
        return service
    }

    public func updateService() -> UpdateService {
        var service = UpdateService()
        service.serviceEnabled = true
        service.status = .ok
        service.actions = RedfishActions([
            UpdateService.simpleUpdateAction: RedfishAction(
                target: "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                allowableValues: ["TransferProtocol": ["HTTP", "HTTPS"]])
        ])
        return service
    }

    // MARK: accounts

    /// The Redfish standard roles, by the privilege a simulated user has.
    static let roles: [(id: String, privilege: SimPrivilege, privileges: [String])] = [
        (
            "Administrator", .administrator,
            ["Login", "ConfigureManager", "ConfigureUsers", "ConfigureSelf", "ConfigureComponents"]
        ),
        ("Operator", .operator, ["Login", "ConfigureSelf", "ConfigureComponents"]),
        ("ReadOnly", .user, ["Login", "ConfigureSelf"]),
    ]

    static func roleID(for privilege: SimPrivilege) -> String {
        self.roles.first { $0.privilege <= privilege }?.id ?? "ReadOnly"
    }

    public func accountService() -> AccountService {
        var service = AccountService()
        service.serviceEnabled = true
        service.minPasswordLength = 8
        service.maxPasswordLength = 20
        service.accounts = "/redfish/v1/AccountService/Accounts"
        service.roles = "/redfish/v1/AccountService/Roles"
        service.status = .ok
        return service
    }

    public func account(_ id: String) -> ManagerAccount? {
        guard let index = Int(id), index >= 1, index <= self.config.users.count else {
            return nil
        }
        let user = self.config.users[index - 1]
        let role = Self.roleID(for: user.privilege)
        var account = ManagerAccount(
            odataID: "/redfish/v1/AccountService/Accounts/\(id)", id: id, userName: user.name, roleID: role)
        account.enabled = true
        account.locked = false
        account.accountTypes = self.vendor.offersIPMI ? ["Redfish", "IPMI"] : ["Redfish"]
        account.links = ManagerAccount.Links(role: RedfishLink("/redfish/v1/AccountService/Roles/\(role)"))
        return account
    }

    public func role(_ id: String) -> Role? {
        Self.roles.first { $0.id == id }.map {
            Role(odataID: "/redfish/v1/AccountService/Roles/\($0.id)", id: $0.id, privileges: $0.privileges)
        }
    }

    // MARK: serial numbers

    /// The same serials the agent's rendered root reports, so both inventories agree.
    var systemSerialNumber: String? {
        self.hardware.systemSerialNumber(for: self.config)
    }

    func serialNumber(of disk: HardwareProfile.Disk) -> String? {
        self.hardware.serialNumber(of: disk, for: self.config)
    }
}
