/// The resources one simulated Redfish service serves, parsed from a request path. Pure.
public enum RedfishRoute: Sendable, Hashable {
    case versions
    case root
    case metadata
    case odata
    case systems
    case system
    case systemReset
    case processors
    case processor(String)
    case memoryCollection
    case memory(String)
    case ethernetInterfaces
    case ethernetInterface(String)
    case simpleStorageCollection
    case simpleStorage(String)
    case storageCollection
    case storage(String)
    case drive(storage: String, drive: String)
    case bios
    case biosSettings
    case biosReset
    case virtualMediaCollection
    case virtualMedia(String)
    case insertMedia(String)
    case ejectMedia(String)
    case managers
    case manager
    case managerReset
    case chassisCollection
    case chassis
    case sessionService
    case sessions
    case session(String)
    case accountService
    case accounts
    case account(String)
    case roles
    case role(String)
    case taskService
    case tasks
    case task(String)
    case updateService
    case simpleUpdate

    /// nil when the path names nothing this service has.
    public static func parse(_ path: String, ids: RedfishIDs, mediaOnSystem: Bool) -> RedfishRoute? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.first == "redfish" else {
            return nil
        }
        parts.removeFirst()
        if parts.isEmpty {
            return .versions
        }
        guard parts.removeFirst() == "v1" else {
            return nil
        }
        guard let head = parts.first else {
            return .root
        }
        let rest = Array(parts.dropFirst())
        switch head {
        case "$metadata": return rest.isEmpty ? .metadata : nil
        case "odata": return rest.isEmpty ? .odata : nil
        case "Systems": return self.systems(rest, ids: ids, mediaOnSystem: mediaOnSystem)
        case "Managers": return self.managers(rest, ids: ids, mediaOnSystem: mediaOnSystem)
        case "Chassis":
            if rest.isEmpty { return .chassisCollection }
            return rest == [ids.chassis] ? .chassis : nil
        case "SessionService": return self.sessionService(rest)
        case "AccountService": return self.accountService(rest)
        case "TaskService":
            switch rest.count {
            case 0: return .taskService
            case 1: return rest[0] == "Tasks" ? .tasks : nil
            case 2: return rest[0] == "Tasks" ? .task(rest[1]) : nil
            default: return nil
            }
        case "UpdateService":
            if rest.isEmpty { return .updateService }
            return rest == ["Actions", "UpdateService.SimpleUpdate"] ? .simpleUpdate : nil
        default:
            return nil
        }
    }

    private static func systems(_ parts: [String], ids: RedfishIDs, mediaOnSystem: Bool) -> RedfishRoute? {
        guard let id = parts.first else {
            return .systems
        }
        guard id == ids.system else {
            return nil
        }
        let rest = Array(parts.dropFirst())
        switch rest.first {
        case nil: return .system
        case "Actions": return rest == ["Actions", "ComputerSystem.Reset"] ? .systemReset : nil
        case "Processors": return self.member(rest, collection: .processors, item: RedfishRoute.processor)
        case "Memory": return self.member(rest, collection: .memoryCollection, item: RedfishRoute.memory)
        case "EthernetInterfaces":
            return self.member(rest, collection: .ethernetInterfaces, item: RedfishRoute.ethernetInterface)
        case "SimpleStorage":
            return self.member(rest, collection: .simpleStorageCollection, item: RedfishRoute.simpleStorage)
        case "Storage":
            if rest.count == 4, rest[2] == "Drives" {
                return .drive(storage: rest[1], drive: rest[3])
            }
            return self.member(rest, collection: .storageCollection, item: RedfishRoute.storage)
        case "Bios":
            switch rest.dropFirst().map({ $0 }) {
            case []: return .bios
            case ["Settings"]: return .biosSettings
            case ["Actions", "Bios.ResetBios"]: return .biosReset
            default: return nil
            }
        case "VirtualMedia" where mediaOnSystem:
            return self.media(Array(rest.dropFirst()))
        default:
            return nil
        }
    }

    private static func managers(_ parts: [String], ids: RedfishIDs, mediaOnSystem: Bool) -> RedfishRoute? {
        guard let id = parts.first else {
            return .managers
        }
        guard id == ids.manager else {
            return nil
        }
        let rest = Array(parts.dropFirst())
        switch rest.first {
        case nil: return .manager
        case "Actions": return rest == ["Actions", "Manager.Reset"] ? .managerReset : nil
        case "VirtualMedia" where !mediaOnSystem: return self.media(Array(rest.dropFirst()))
        default: return nil
        }
    }

    private static func media(_ parts: [String]) -> RedfishRoute? {
        switch parts.count {
        case 0: return .virtualMediaCollection
        case 1: return .virtualMedia(parts[0])
        case 3 where parts[1] == "Actions":
            switch parts[2] {
            case "VirtualMedia.InsertMedia": return .insertMedia(parts[0])
            case "VirtualMedia.EjectMedia": return .ejectMedia(parts[0])
            default: return nil
            }
        default: return nil
        }
    }

    private static func sessionService(_ parts: [String]) -> RedfishRoute? {
        switch parts.count {
        case 0: return .sessionService
        case 1: return parts[0] == "Sessions" ? .sessions : nil
        // A POST to a collection's Members property is a POST to the collection.
        case 2: return parts[0] != "Sessions" ? nil : parts[1] == "Members" ? .sessions : .session(parts[1])
        default: return nil
        }
    }

    private static func accountService(_ parts: [String]) -> RedfishRoute? {
        switch parts.count {
        case 0: return .accountService
        case 1: return parts[0] == "Accounts" ? .accounts : parts[0] == "Roles" ? .roles : nil
        case 2:
            switch parts[0] {
            case "Accounts": return .account(parts[1])
            case "Roles": return .role(parts[1])
            default: return nil
            }
        default: return nil
        }
    }

    private static func member(
        _ parts: [String], collection: RedfishRoute, item: (String) -> RedfishRoute
    )
        -> RedfishRoute?
    {
        switch parts.count {
        case 1: return collection
        case 2: return item(parts[1])
        default: return nil
        }
    }

    /// The methods the resource answers; the rest get 405 with this list in `Allow`.
    public func allowedMethods(mediaStyle: VendorProfile.VirtualMediaSettings.Style) -> [String] {
        switch self {
        case .systemReset, .biosReset, .insertMedia, .ejectMedia, .managerReset, .simpleUpdate:
            return ["POST"]
        case .sessions:
            return ["GET", "HEAD", "POST"]
        case .session:
            return ["GET", "HEAD", "DELETE"]
        case .system, .biosSettings:
            return ["GET", "HEAD", "PATCH"]
        case .virtualMedia:
            return mediaStyle == .patch ? ["GET", "HEAD", "PATCH"] : ["GET", "HEAD"]
        case .versions, .root, .metadata, .odata, .systems, .processors, .processor, .memoryCollection, .memory,
            .ethernetInterfaces, .ethernetInterface, .simpleStorageCollection, .simpleStorage, .storageCollection,
            .storage, .drive, .bios, .virtualMediaCollection, .managers, .manager, .chassisCollection, .chassis,
            .sessionService, .accountService, .accounts, .account, .roles, .role, .taskService, .tasks, .task,
            .updateService:
            return ["GET", "HEAD"]
        }
    }

    /// Whether a client may use it without credentials (what the Redfish spec leaves open).
    public func isPublic(method: String) -> Bool {
        switch self {
        case .versions, .root, .metadata, .odata: return method == "GET" || method == "HEAD"
        case .sessions: return method == "POST"
        default: return false
        }
    }
}
