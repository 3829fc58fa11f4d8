import AgentProtocol
import AsyncHTTPClient
import BMC
import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport

/// A test double for one server and its BMC (not the simulator, which the end-to-end tests use):
/// power, a boot override, a virtual CD, and what a server does when it boots. PXE fetches the
/// operator's iPXE script for the boot MAC and runs the real HostAgent in process against a
/// rendered hardware tree; CD fetches the inserted ISO and takes `foundry/agent.json` out of it;
/// disk counts as the installed OS booting. Powering off cancels the running agent.
actor FakeServer {
    let name: String
    let tree: HardwareTree
    let mac: String
    var password = "password"
    /// The BMC answers nothing.
    var silent = false
    /// The BMC takes calls and answers none, until the caller gives up (cancels).
    var stalls = false
    /// Calls received, answered or not.
    private(set) var callsStarted = 0
    private(set) var poweredOn = false
    private(set) var oneTime: BMC.BootDevice?
    private(set) var persistent: BMC.BootDevice = .pxe
    private(set) var media: String?
    private(set) var boots: [BMC.BootDevice] = []
    private(set) var bootedFromDisk = 0
    private(set) var bmcCalls = 0
    private(set) var bootServer = ""
    private var agent: Task<Void, Never>?
    private var generation = 0

    init(name: String, directory: URL) throws {
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let config = ServerConfig(name: name, vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        self.name = name
        self.tree = HardwareTree(root: directory, profile: profile, server: config)
        self.mac = config.macAddress(nic: 0)
        try self.tree.render()
    }

    func setBootServer(_ url: String) {
        self.bootServer = url
    }

    func setPassword(_ password: String) {
        self.password = password
    }

    func setSilent(_ silent: Bool) {
        self.silent = silent
    }

    func setStalls(_ stalls: Bool) {
        self.stalls = stalls
    }

    func call(_ credentials: BMCCredentials) async throws(BMCError) {
        self.callsStarted += 1
        if self.stalls {
            try? await Task.sleep(for: .seconds(600))
            throw BMCError(.unreachable, "\(self.name) never answered")
        }
        guard !self.silent else {
            throw BMCError(.unreachable, "no answer from \(self.name)")
        }
        guard credentials.password == self.password else {
            throw BMCError(.authenticationFailed, "\(self.name) refused the password")
        }
        self.bmcCalls += 1
    }

    func setPower(_ action: PowerAction) {
        switch action {
        case .on:
            if !self.poweredOn {
                self.powerOn()
            }
        case .off, .softOff:
            self.powerOff()
        case .cycle, .reset:
            self.powerOff()
            self.powerOn()
        }
    }

    func setBoot(_ override: BootOverride) {
        if override.persistent {
            self.persistent = override.device
            self.oneTime = nil
        } else {
            self.oneTime = override.device
        }
    }

    func insert(_ url: String?) {
        self.media = url
    }

    func diskBytes(count: Int, offset: UInt64 = 0) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: self.tree.diskFile("sda"))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    /// Whether the config drive partition (64 MiB, aligned, at the end of the disk) holds `text`.
    func configDriveHolds(_ text: String) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: self.tree.diskFile("sda"))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let span: UInt64 = 66 << 20
        try handle.seek(toOffset: size > span ? size - span : 0)
        let tail = try handle.read(upToCount: Int(span)) ?? Data()
        return tail.range(of: Data(text.utf8)) != nil
    }

    // MARK: booting

    private func powerOff() {
        self.poweredOn = false
        self.generation += 1
        self.agent?.cancel()
        self.agent = nil
    }

    private func powerOn() {
        self.poweredOn = true
        self.generation += 1
        let device = self.oneTime ?? self.persistent
        self.oneTime = nil
        self.boots.append(device)
        let generation = self.generation
        switch device {
        case .pxe:
            self.agent = Task { await self.bootAgent(generation: generation) { try await self.pxeConfig() } }
        case .cdrom:
            self.agent = Task { await self.bootAgent(generation: generation) { try await self.cdConfig() } }
        case .disk, .biosSetup:
            self.bootedFromDisk += 1
        }
    }

    private func pxeConfig() async throws -> (operatorURL: String, token: String)? {
        let url = BootArtifacts.ipxeURL(bootServer: self.bootServer, mac: self.mac)
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 16)
        guard response.status.code == 200 else {
            return nil
        }
        let script = try IPXEScript(parsing: String(buffer: body))
        return (script.operatorURL, script.token)
    }

    /// The test double reads agent.json by finding the JSON object in the ISO's bytes (the file is
    /// stored whole); the simulator's CD boot reads the ISO9660 directory properly.
    private func cdConfig() async throws -> (operatorURL: String, token: String)? {
        guard let url = self.media else {
            return nil
        }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 16 << 20)
        let bytes = Array(body.readableBytesView)
        guard response.status.code == 200, let start = Self.find(Array(#"{"bootMAC""#.utf8), in: bytes),
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "}"))
        else {
            return nil
        }
        let config = try AgentBootConfig.decode(Data(bytes[start...end]))
        return (config.operatorURL, config.token)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else {
            return nil
        }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private func bootAgent(
        generation: Int,
        config: @Sendable () async throws -> (operatorURL: String, token: String)?
    ) async {
        guard let (operatorURL, token) = try? await config(), generation == self.generation else {
            return
        }
        var configuration = AgentConfiguration(
            operatorURL: operatorURL, bootToken: token, root: HostRoot(self.tree.root.path),
            power: AgentPower(server: self, generation: generation),
            workDirectory: self.tree.root.appendingPathComponent("tmp").path)
        configuration.lookupAttempts = 3
        configuration.lookupRetryDelay = .milliseconds(50)
        configuration.heartbeatFailureLimit = 20
        configuration.logger.logLevel = .warning
        _ = try? await HostAgent.run(configuration)
    }

    fileprivate func agentPower(_ action: PowerAction, generation: Int) {
        guard generation == self.generation else {
            return
        }
        self.setPower(action)
    }

    struct AgentPower: AgentPowerControl {
        let server: FakeServer
        let generation: Int

        func reboot() async throws {
            await self.server.agentPower(.cycle, generation: self.generation)
        }

        func powerOff() async throws {
            await self.server.agentPower(.off, generation: self.generation)
        }
    }
}

/// The BMC driver of a `FakeServer`, with virtual media.
struct FakeBMCDriver: BMCDriver, VirtualMediaControl {
    let address: BMCAddress
    let credentials: BMCCredentials
    let server: FakeServer

    func powerState() async throws(BMCError) -> BMC.PowerState {
        try await self.server.call(self.credentials)
        return await self.server.poweredOn ? .on : .off
    }

    func setPower(_ action: PowerAction) async throws(BMCError) {
        try await self.server.call(self.credentials)
        await self.server.setPower(action)
    }

    func setBootDevice(_ override: BootOverride) async throws(BMCError) {
        try await self.server.call(self.credentials)
        await self.server.setBoot(override)
    }

    func bootDevice() async throws(BMCError) -> BootOverride? {
        try await self.server.call(self.credentials)
        return nil
    }

    func info() async throws(BMCError) -> BMCInfo {
        try await self.server.call(self.credentials)
        return BMCInfo(manufacturer: "Fake")
    }

    func insertMedia(url: String) async throws(BMCError) {
        try await self.server.call(self.credentials)
        await self.server.insert(url)
    }

    func ejectMedia() async throws(BMCError) {
        try await self.server.call(self.credentials)
        await self.server.insert(nil)
    }

    func mediaStatus() async throws(BMCError) -> VirtualMediaStatus {
        try await self.server.call(self.credentials)
        let media = await self.server.media
        return VirtualMediaStatus(inserted: media != nil, image: media)
    }

    func close() async {}
}
