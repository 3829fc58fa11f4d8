import Crypto
import Foundation
import RedfishModel

/// The Redfish service of one simulated server: authentication, routing, the resources (rendered
/// from the state its IPMI endpoint shares), changes, sessions, tasks and injected faults.
/// Independent of the HTTP server, so it is tested request by request.
public actor RedfishService {
    public nonisolated let server: SimulatedServer
    public nonisolated let vendor: VendorProfile
    public nonisolated let hardware: HardwareProfile
    public nonisolated let ids: RedfishIDs

    /// Idle time after which a session ends.
    public static let sessionTimeout: Duration = .seconds(1800)
    /// Largest request body accepted.
    public static let maxBodyBytes = 1 << 20

    private struct SimSession {
        var id: String
        var token: String
        var user: SimUser
        var lastUsed: ContinuousClock.Instant
    }

    private struct SimTask {
        var id: String
        var name: String
        var started: ContinuousClock.Instant
        var startTime: String
        var duration: Duration
        var imageURI: String
        var endTime: String?
    }

    private var sessions: [String: SimSession] = [:]
    private var nextSession = 1
    private var tasks: [String: SimTask] = [:]
    private var nextTask = 1
    private var biosAttributes: [String: JSONValue]
    private var pendingBios: [String: JSONValue] = [:]
    private var requestCount = 0
    private var bootObserver: UUID?
    /// Firmware images whose update task completed, in order.
    public private(set) var appliedUpdates: [String] = []

    public init(server: SimulatedServer, vendor: VendorProfile, hardware: HardwareProfile) {
        self.server = server
        self.vendor = vendor
        self.hardware = hardware
        self.ids = RedfishIDs(vendor: vendor, config: server.config)
        self.biosAttributes = RedfishRenderer(
            config: server.config, vendor: vendor, hardware: hardware, snapshot: RedfishSnapshot(poweredOn: false)
        ).defaultBiosAttributes()
    }

    /// Starts applying pending BIOS settings at each boot, as firmware does.
    public func activate() async {
        guard self.bootObserver == nil else {
            return
        }
        self.bootObserver = await self.server.onBoot { [weak self] _ in
            await self?.applyPendingBios()
        }
    }

    public func deactivate() async {
        if let id = self.bootObserver {
            await self.server.removeBootObserver(id)
            self.bootObserver = nil
        }
    }

    private func applyPendingBios() {
        self.biosAttributes.merge(self.pendingBios) { _, new in new }
        self.pendingBios = [:]
    }

    public var openSessions: Int { self.sessions.count }

    // MARK: requests

    public func handle(_ request: RedfishSimRequest) async -> RedfishSimResponse {
        await self.server.recordBMCRequest(.redfish)
        self.requestCount += 1
        let faults = await self.server.faults
        if faults.silent {
            return .silent
        }
        if await self.server.consumeFault(\.dropConnectionCount) || self.dropsThisRequest(faults.dropPercent) {
            return .dropped
        }
        if faults.replyDelayMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(faults.replyDelayMilliseconds))
        }
        if await self.server.consumeFault(\.serviceUnavailableCount) {
            return RedfishFailure(
                503, .serviceTemporarilyUnavailable, "1", headers: [("Retry-After", "1")]
            ).response
        }
        do {
            return try await self.route(request, rejectCredentials: faults.rejectAllCredentials)
        } catch {
            return error.response
        }
    }

    /// Spreads `percent` of requests evenly instead of at random, so runs repeat.
    private func dropsThisRequest(_ percent: Double) -> Bool {
        guard percent > 0 else {
            return false
        }
        let share = min(100, percent) / 100
        return Int(Double(self.requestCount) * share) > Int(Double(self.requestCount - 1) * share)
    }

    private func route(
        _ request: RedfishSimRequest, rejectCredentials: Bool
    ) async throws(RedfishFailure)
        -> RedfishSimResponse
    {
        let mediaOnSystem = self.vendor.redfish.virtualMedia.location == .system
        guard let route = RedfishRoute.parse(request.path, ids: self.ids, mediaOnSystem: mediaOnSystem),
            self.exists(route)
        else {
            throw .notFound(request.path)
        }
        try self.checkQuery(request.query)
        if let version = request.headers["odata-version"], version.trimmingCharacters(in: .whitespaces) != "4.0" {
            throw RedfishFailure(412, .preconditionFailed)
        }
        let allowed = route.allowedMethods(mediaStyle: self.vendor.redfish.virtualMedia.style)
        guard allowed.contains(request.method) else {
            throw RedfishFailure(405, .operationNotAllowed, headers: [("Allow", allowed.joined(separator: ", "))])
        }
        var user: SimUser?
        if !route.isPublic(method: request.method) {
            let authenticated = try self.authenticate(request, rejectCredentials: rejectCredentials)
            let needed: SimPrivilege = request.method == "GET" || request.method == "HEAD" ? .user : .operator
            guard authenticated.privilege >= needed || self.isOwnSession(route, request: request) else {
                throw RedfishFailure(403, .insufficientPrivilege)
            }
            user = authenticated
        }
        switch request.method {
        case "GET", "HEAD":
            let response = try await self.get(route, path: request.path, allowed: allowed)
            return request.method == "HEAD"
                ? RedfishSimResponse(status: response.status, headers: response.headers) : response
        case "PATCH":
            return try await self.patch(route, request: request, allowed: allowed)
        case "POST":
            return try await self.post(route, request: request, rejectCredentials: rejectCredentials, user: user)
        case "DELETE":
            return try self.delete(route)
        default:
            throw RedfishFailure(405, .operationNotAllowed, headers: [("Allow", allowed.joined(separator: ", "))])
        }
    }

    /// Whether a parsed route names something this server has (a slot, a DIMM, a task...).
    private func exists(_ route: RedfishRoute) -> Bool {
        let renderer = self.renderer(
            RedfishSnapshot(poweredOn: false, virtualMedia: self.server.config.virtualMediaSlots))
        switch route {
        case .processor(let id): return renderer.processor(id) != nil
        case .memory(let id): return renderer.memory(id) != nil
        case .ethernetInterface(let id): return renderer.ethernetInterface(id) != nil
        case .simpleStorage(let id): return renderer.simpleStorage(id) != nil
        case .storage(let id): return renderer.storage(id) != nil
        case .drive(let storage, let id): return renderer.drive(storage: storage, id: id) != nil
        case .virtualMedia(let id): return renderer.virtualMedia(id) != nil
        case .insertMedia(let id), .ejectMedia(let id):
            return renderer.virtualMedia(id) != nil && self.vendor.redfish.virtualMedia.style == .action
        case .session(let id): return self.sessions[id] != nil
        case .account(let id): return renderer.account(id) != nil
        case .role(let id): return renderer.role(id) != nil
        case .task(let id): return self.tasks[id] != nil
        case .sessionService, .sessions: return self.vendor.redfish.sessions ?? true
        default: return true
        }
    }

    /// Query options this service does not implement are refused, as the spec asks, rather than ignored.
    private func checkQuery(_ query: String) throws(RedfishFailure) {
        for item in query.split(separator: "&") {
            let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            if name.hasPrefix("$") || name == "only" || name == "excerpt" {
                throw RedfishFailure(501, .queryNotSupported)
            }
        }
    }

    // MARK: authentication

    private func authenticate(_ request: RedfishSimRequest, rejectCredentials: Bool) throws(RedfishFailure) -> SimUser {
        let now = ContinuousClock.now
        self.sessions = self.sessions.filter { now - $0.value.lastUsed < Self.sessionTimeout }
        if let token = request.headers["x-auth-token"] {
            guard !rejectCredentials, let id = self.sessions.first(where: { $0.value.token == token })?.key,
                var session = self.sessions[id]
            else {
                throw .unauthorized()
            }
            session.lastUsed = now
            self.sessions[id] = session
            return session.user
        }
        guard let header = request.headers["authorization"], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else {
            throw .unauthorized()
        }
        let name = String(pair[..<colon])
        let password = String(pair[pair.index(after: colon)...])
        guard !rejectCredentials, let user = self.server.config.user(named: name, password: password) else {
            throw .unauthorized()
        }
        return user
    }

    /// Anyone may end their own session.
    private func isOwnSession(_ route: RedfishRoute, request: RedfishSimRequest) -> Bool {
        guard case .session(let id) = route, request.method == "DELETE", let token = request.headers["x-auth-token"]
        else {
            return false
        }
        return self.sessions[id]?.token == token
    }

    // MARK: GET

    private func snapshot() async -> RedfishSnapshot {
        RedfishSnapshot(
            poweredOn: await self.server.isPoweredOn,
            pendingPower: await self.server.pendingPowerTarget,
            bootOverride: await self.server.bootOverride,
            virtualMedia: await self.server.virtualMedia,
            biosAttributes: self.biosAttributes,
            pendingBiosAttributes: self.pendingBios)
    }

    private func renderer(_ snapshot: RedfishSnapshot) -> RedfishRenderer {
        RedfishRenderer(config: self.server.config, vendor: self.vendor, hardware: self.hardware, snapshot: snapshot)
    }

    /// The resource at a route, or nil for routes that are not resources (actions).
    private func resource(_ route: RedfishRoute) async -> (any Encodable & Sendable)? {
        self.settleTasks()
        let renderer = self.renderer(await self.snapshot())
        switch route {
        case .root: return renderer.serviceRoot()
        case .versions: return ["v1": "/redfish/v1/"]
        case .odata: return RedfishMetadata.serviceDocument()
        case .system: return renderer.system()
        case .processor(let id): return renderer.processor(id)
        case .memory(let id): return renderer.memory(id)
        case .ethernetInterface(let id): return renderer.ethernetInterface(id)
        case .simpleStorage(let id): return renderer.simpleStorage(id)
        case .storage(let id): return renderer.storage(id)
        case .drive(let storage, let id): return renderer.drive(storage: storage, id: id)
        case .bios: return renderer.bios()
        case .biosSettings: return renderer.biosSettings()
        case .virtualMedia(let id): return renderer.virtualMedia(id)
        case .manager: return renderer.manager()
        case .chassis: return renderer.chassis()
        case .sessionService: return renderer.sessionService()
        case .session(let id):
            return self.sessions[id].map {
                Session(odataID: "/redfish/v1/SessionService/Sessions/\($0.id)", id: $0.id, userName: $0.user.name)
            }
        case .taskService: return renderer.taskService()
        case .accountService: return renderer.accountService()
        case .account(let id): return renderer.account(id)
        case .role(let id): return renderer.role(id)
        case .task(let id): return self.tasks[id].map(self.render)
        case .updateService: return renderer.updateService()
        case .systems, .managers, .chassisCollection, .processors, .memoryCollection, .ethernetInterfaces,
            .simpleStorageCollection, .storageCollection, .virtualMediaCollection, .sessions, .tasks, .accounts, .roles:
            return renderer.collection(
                route, sessions: self.sessions.keys.sorted(by: Self.numericOrder),
                tasks: self.tasks.keys.sorted(by: Self.numericOrder))
        case .metadata, .systemReset, .biosReset, .insertMedia, .ejectMedia, .managerReset, .simpleUpdate:
            return nil
        }
    }

    private static func numericOrder(_ a: String, _ b: String) -> Bool {
        (Int(a) ?? 0, a) < (Int(b) ?? 0, b)
    }

    private func get(
        _ route: RedfishRoute, path: String, allowed: [String]
    ) async throws(RedfishFailure)
        -> RedfishSimResponse
    {
        if route == .metadata {
            return RedfishSimResponse(
                status: 200,
                headers: [("Content-Type", "application/xml"), ("OData-Version", "4.0"), ("Allow", "GET, HEAD")],
                body: Data(RedfishMetadata.document().utf8))
        }
        guard let resource = await self.resource(route) else {
            throw .notFound(path)
        }
        let etag: ((Data) -> String)? = route.isCollection ? nil : { Self.etag($0) }
        return try Self.json(resource, status: 200, allowed: allowed, etag: etag)
    }

    private static func json(
        _ value: any Encodable, status: Int, allowed: [String], etag: ((Data) -> String)?,
        extraHeaders: [(String, String)] = []
    ) throws(RedfishFailure) -> RedfishSimResponse {
        let body: Data
        do {
            body = try RedfishJSON.encode(value)
        } catch {
            throw RedfishFailure(500, .generalError)
        }
        var headers: [(String, String)] = [
            ("Content-Type", "application/json; charset=utf-8"), ("OData-Version", "4.0"),
            ("Cache-Control", "no-cache"), ("Allow", allowed.joined(separator: ", ")),
        ]
        if let etag {
            headers.append(("ETag", etag(body)))
        }
        if let schema = Self.schemaLink(body) {
            headers.append(("Link", "<\(schema)>; rel=describedby"))
        }
        return RedfishSimResponse(status: status, headers: headers + extraHeaders, body: body)
    }

    /// The DMTF JSON schema describing a body, from its `@odata.type`
    /// (`#ComputerSystem.v1_20_0.ComputerSystem` -> `.../ComputerSystem.v1_20_0.json`).
    static func schemaLink(_ body: Data) -> String? {
        struct Typed: Decodable {
            var type: String?
            enum CodingKeys: String, CodingKey { case type = "@odata.type" }
        }
        guard let type = (try? RedfishJSON.decode(Typed.self, from: body))?.type, type.hasPrefix("#") else {
            return nil
        }
        let parts = type.dropFirst().split(separator: ".")
        let name = parts.count == 3 ? "\(parts[0]).\(parts[1])" : String(parts[0])
        return "http://redfish.dmtf.org/schemas/v1/\(name).json"
    }

    /// A strong ETag from the representation, so it changes exactly when the resource does.
    static func etag(_ body: Data) -> String {
        let digest = SHA256.hash(data: body)
        return "\"" + digest.prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
    }

    // MARK: PATCH

    private func patch(
        _ route: RedfishRoute, request: RedfishSimRequest, allowed: [String]
    ) async throws(RedfishFailure)
        -> RedfishSimResponse
    {
        let body = try Self.jsonObject(request)
        guard let current = await self.resource(route) else {
            throw .notFound(request.path)
        }
        try Self.checkIfMatch(request, current: current)
        let known = Self.keys(of: current)
        for key in body.keys where key.hasPrefix("@odata.") {
            // Identity annotations may be echoed back unchanged; anything else about them is an error.
            guard known.contains(key) else { throw .notWritable(key, known: false) }
        }
        switch route {
        case .system:
            try self.writableKeys(body, ["Boot"], known: known)
            if case .object(let boot)? = body["Boot"] {
                let renderer = self.renderer(await self.snapshot())
                let override = try RedfishPatchRules.bootOverride(
                    boot, current: await self.server.bootOverride, renderer: renderer)
                await self.server.setBootOverride(override)
            } else if let boot = body["Boot"] {
                throw RedfishFailure(
                    400, .propertyValueTypeError, boot.description, "Boot", relatedProperties: ["#/Boot"])
            }
        case .biosSettings:
            try self.writableKeys(body, ["Attributes"], known: known)
            guard case .object(let attributes)? = body["Attributes"] else {
                throw .propertyMissing("Attributes")
            }
            let merged = try RedfishPatchRules.biosAttributes(attributes, current: self.biosAttributes)
            self.pendingBios.merge(merged) { _, new in new }
        case .virtualMedia(let slot):
            try self.writableKeys(body, ["Image", "Inserted", "WriteProtected"], known: known)
            let change = try RedfishPatchRules.mediaPatch(body)
            try await self.applyMedia(change, slot: slot)
        default:
            throw RedfishFailure(405, .operationNotAllowed, headers: [("Allow", allowed.joined(separator: ", "))])
        }
        guard let updated = await self.resource(route) else {
            throw .notFound(request.path)
        }
        return try Self.json(updated, status: 200, allowed: allowed, etag: { Self.etag($0) })
    }

    private func writableKeys(
        _ body: [String: JSONValue], _ writable: Set<String>, known: Set<String>
    )
        throws(RedfishFailure)
    {
        for key in body.keys.sorted() where !writable.contains(key) && !key.hasPrefix("@odata.") {
            throw .notWritable(key, known: known.contains(key))
        }
        if body.keys.allSatisfy({ $0.hasPrefix("@odata.") }) {
            throw RedfishFailure(400, .noOperation)
        }
    }

    private static func checkIfMatch(_ request: RedfishSimRequest, current: any Encodable) throws(RedfishFailure) {
        guard let ifMatch = request.headers["if-match"] else {
            return
        }
        let body: Data
        do {
            body = try RedfishJSON.encode(current)
        } catch {
            throw RedfishFailure(500, .generalError)
        }
        let currentTag = Self.etag(body)
        let offered = ifMatch.split(separator: ",").map {
            var tag = $0.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag
        }
        guard offered.contains("*") || offered.contains(currentTag) else {
            throw RedfishFailure(412, .preconditionFailed)
        }
    }

    private static func keys(of value: any Encodable) -> Set<String> {
        guard let data = try? RedfishJSON.encode(value),
            case .object(let object)? = try? RedfishJSON.decode(JSONValue.self, from: data)
        else {
            return []
        }
        return Set(object.keys)
    }

    /// The request body as a JSON object; anything else is a 400 (or 415 for a non-JSON type).
    static func jsonObject(
        _ request: RedfishSimRequest, allowEmpty: Bool = false
    ) throws(RedfishFailure)
        -> [String: JSONValue]
    {
        if let type = request.headers["content-type"], !request.body.isEmpty {
            let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard media == "application/json" else {
                throw RedfishFailure(415, .generalError)
            }
        }
        if request.body.isEmpty || request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
            if allowEmpty {
                return [:]
            }
            throw RedfishFailure(400, .malformedJSON)
        }
        guard let value = try? RedfishJSON.decode(JSONValue.self, from: request.body) else {
            throw RedfishFailure(400, .malformedJSON)
        }
        guard case .object(let object) = value else {
            throw RedfishFailure(400, .malformedJSON)
        }
        return object
    }

    // MARK: POST

    private func post(
        _ route: RedfishRoute, request: RedfishSimRequest, rejectCredentials: Bool, user: SimUser?
    )
        async throws(RedfishFailure) -> RedfishSimResponse
    {
        switch route {
        case .sessions:
            return try self.createSession(request, rejectCredentials: rejectCredentials)
        case .systemReset:
            let body = try Self.jsonObject(request)
            if let type = try RedfishPatchRules.resetType(body, allowed: self.vendor.redfish.resetTypes) {
                await self.reset(type)
            }
            return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
        case .insertMedia(let slot):
            let body = try Self.jsonObject(request)
            let change = try RedfishPatchRules.insertMedia(
                body, rejectsInsertedParameter: self.vendor.redfish.virtualMedia.rejectsInsertedParameter ?? false)
            try await self.applyMedia(change, slot: slot, fromAction: true)
            return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
        case .ejectMedia(let slot):
            _ = try Self.jsonObject(request, allowEmpty: true)
            try await self.applyMedia(.eject, slot: slot)
            return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
        case .biosReset:
            _ = try Self.jsonObject(request, allowEmpty: true)
            self.pendingBios = self.renderer(await self.snapshot()).defaultBiosAttributes()
            return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
        case .managerReset:
            let body = try Self.jsonObject(request, allowEmpty: true)
            _ = try RedfishPatchRules.resetType(
                body, allowed: ["GracefulRestart", "ForceRestart"], action: "Manager.Reset", required: false)
            // A BMC restart ends every session.
            self.sessions = [:]
            return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
        case .simpleUpdate:
            let body = try Self.jsonObject(request)
            let image = try RedfishPatchRules.simpleUpdateImage(body)
            return try self.startUpdateTask(image)
        default:
            throw .notFound(request.path)
        }
    }

    private func reset(_ type: String) async {
        switch type {
        case "On", "ForceOn": await self.server.setPower(on: true)
        case "ForceOff": await self.server.setPower(on: false)
        case "GracefulShutdown": await self.server.softOff()
        case "GracefulRestart", "ForceRestart": await self.server.reset()
        case "PowerCycle": await self.server.powerCycle()
        case "PushPowerButton": await self.server.setPower(on: !(await self.server.isPoweredOn))
        default: self.server.console.append("[ \(type) ] \(self.server.config.name)")
        }
    }

    private func applyMedia(
        _ change: RedfishPatchRules.MediaChange, slot: String, fromAction: Bool = false
    )
        async throws(RedfishFailure)
    {
        let current = await self.server.virtualMedia.first { $0.id == slot }
        switch change {
        case .eject:
            try? await self.server.ejectMedia(slot: slot)
        case .insert(let image):
            if fromAction, current?.inserted == true, self.vendor.redfish.virtualMedia.insertWhenInserted == .conflict {
                throw RedfishFailure(409, .resourceInUse)
            }
            do {
                try await self.server.insertMedia(slot: slot, image: image)
            } catch {
                throw .notFound(slot)
            }
        case .none:
            return
        }
    }

    private func createSession(
        _ request: RedfishSimRequest, rejectCredentials: Bool
    ) throws(RedfishFailure)
        -> RedfishSimResponse
    {
        let body = try Self.jsonObject(request)
        guard case .string(let name)? = body["UserName"] else {
            throw RedfishFailure(400, .createFailedMissingReqProperties, "UserName", relatedProperties: ["#/UserName"])
        }
        guard case .string(let password)? = body["Password"] else {
            throw RedfishFailure(400, .createFailedMissingReqProperties, "Password", relatedProperties: ["#/Password"])
        }
        guard !rejectCredentials, let user = self.server.config.user(named: name, password: password) else {
            throw .unauthorized()
        }
        let id = String(self.nextSession)
        self.nextSession += 1
        let token = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max)) }.joined()
        self.sessions[id] = SimSession(id: id, token: token, user: user, lastUsed: .now)
        let path = "/redfish/v1/SessionService/Sessions/\(id)"
        let session = Session(odataID: path, id: id, userName: name)
        return try Self.json(
            session, status: 201, allowed: ["GET", "HEAD", "DELETE"], etag: nil,
            extraHeaders: [("X-Auth-Token", token), ("Location", path)])
    }

    // MARK: DELETE

    private func delete(_ route: RedfishRoute) throws(RedfishFailure) -> RedfishSimResponse {
        guard case .session(let id) = route, self.sessions.removeValue(forKey: id) != nil else {
            throw RedfishFailure(405, .operationNotAllowed)
        }
        return RedfishSimResponse(status: 204, headers: [("OData-Version", "4.0")])
    }

    // MARK: tasks

    private func startUpdateTask(_ image: String) throws(RedfishFailure) -> RedfishSimResponse {
        let id = String(self.nextTask)
        self.nextTask += 1
        let seconds = self.vendor.redfish.updateTaskSeconds ?? 1
        let task = SimTask(
            id: id, name: "Firmware update", started: .now, startTime: Self.timestamp(Date()),
            duration: .milliseconds(Int64(seconds * 1000)), imageURI: image)
        self.tasks[id] = task
        // Keep the newest hundred tasks, as the service advertises ("Oldest" overwritten).
        if self.tasks.count > 100, let oldest = self.tasks.keys.min(by: Self.numericOrder) {
            self.tasks[oldest] = nil
        }
        let path = "/redfish/v1/TaskService/Tasks/\(id)"
        return try Self.json(
            self.render(task), status: 202, allowed: ["GET", "HEAD"], etag: nil,
            extraHeaders: [("Location", path), ("Retry-After", "1")])
    }

    /// Applies the effects of tasks whose time has come; runs before every read.
    private func settleTasks() {
        let now = ContinuousClock.now
        for (id, task) in self.tasks where task.endTime == nil && now - task.started >= task.duration {
            self.tasks[id]?.endTime = Self.timestamp(Date())
            self.appliedUpdates.append(task.imageURI)
            self.server.console.append("[ firmware ] \(self.server.config.name): updated from \(task.imageURI)")
        }
    }

    private func render(_ task: SimTask) -> RedfishTask {
        var rendered = RedfishTask(odataID: "/redfish/v1/TaskService/Tasks/\(task.id)", id: task.id, name: task.name)
        rendered.startTime = task.startTime
        if let endTime = task.endTime {
            rendered.taskState = .completed
            rendered.taskStatus = "OK"
            rendered.percentComplete = 100
            rendered.endTime = endTime
            rendered.messages = [BaseMessage.success.message([])]
        } else {
            let elapsed = ContinuousClock.now - task.started
            let ratio = elapsed / task.duration
            rendered.taskState = .running
            rendered.taskStatus = "OK"
            rendered.percentComplete = min(99, Int(ratio * 100))
            rendered.messages = []
        }
        return rendered
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon).timeZone(separator: .colon))
    }
}

extension RedfishRoute {
    var isCollection: Bool {
        switch self {
        case .systems, .managers, .chassisCollection, .processors, .memoryCollection, .ethernetInterfaces,
            .simpleStorageCollection, .storageCollection, .virtualMediaCollection, .sessions, .tasks, .accounts, .roles,
            .versions, .odata, .root:
            true
        default:
            false
        }
    }
}
