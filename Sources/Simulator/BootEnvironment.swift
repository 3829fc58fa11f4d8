import Foundation
import HostAgent
import Synchronization

/// What the boots of a fleet's servers share: the boot server (the answer the fleet's DHCP would
/// give a PXE client), where hardware profiles come from, where each server's rendered hardware
/// tree lives, and one HTTP client for downloads.
///
/// With a state directory, a server's tree (and its disk files) survives simulator restarts;
/// without one, the trees live in a temporary directory removed by `shutdown`.
public final class BootEnvironment: Sendable {
    /// `http://127.0.0.1:6385`: where PXE asks for `/boot/ipxe/{mac}`; nil when no one answers PXE.
    public let bootServer: String?
    public let mocks: URL
    public let stateDirectory: URL
    public let fetcher: BootFetcher
    /// Adjusts each agent's configuration before it starts (tests shorten its retries).
    let tuneAgent: @Sendable (inout AgentConfiguration) -> Void
    private let ownsStateDirectory: Bool
    private let profiles = Mutex<[String: HardwareProfile]>([:])

    public init(
        bootServer: String?, mocks: URL, stateDirectory: URL? = nil,
        tuneAgent: @escaping @Sendable (inout AgentConfiguration) -> Void = { _ in }
    ) throws {
        self.bootServer = bootServer.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.mocks = mocks
        if let stateDirectory {
            self.stateDirectory = stateDirectory
            self.ownsStateDirectory = false
        } else {
            self.stateDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("foundry-sim-\(UUID().uuidString.prefix(8))")
            self.ownsStateDirectory = true
        }
        try FileManager.default.createDirectory(at: self.stateDirectory, withIntermediateDirectories: true)
        self.fetcher = BootFetcher()
        self.tuneAgent = tuneAgent
    }

    /// The directory of one server: `servers/<fleet>/<name>/` (names made safe as path components).
    public func directory(of server: ServerConfig) -> URL {
        self.stateDirectory.appendingPathComponent("servers")
            .appendingPathComponent(Self.safeComponent(server.fleet))
            .appendingPathComponent(Self.safeComponent(server.name))
    }

    /// The server's hardware tree (not rendered yet).
    public func hardwareTree(of server: ServerConfig) throws -> HardwareTree {
        let profile = try self.profile(named: server.hardware)
        return HardwareTree(
            root: self.directory(of: server).appendingPathComponent("root"), profile: profile, server: server)
    }

    /// Where the server's agent keeps downloads waiting for conversion.
    func workDirectory(of server: ServerConfig) -> URL {
        self.directory(of: server).appendingPathComponent("work")
    }

    private func profile(named name: String) throws -> HardwareProfile {
        if let cached = self.profiles.withLock({ $0[name] }) {
            return cached
        }
        let profile = try HardwareProfile.load(name: name, mocks: self.mocks)
        self.profiles.withLock { $0[name] = profile }
        return profile
    }

    static func safeComponent(_ name: String) -> String {
        let safe = String(name.map { $0 == "/" || $0 == "\0" ? "_" : $0 })
        return safe == "." || safe == ".." || safe.isEmpty ? "_" + safe : safe
    }

    /// Closes the HTTP client and removes the temporary state directory, if this made one.
    public func shutdown() async {
        await self.fetcher.shutdown()
        if self.ownsStateDirectory {
            try? FileManager.default.removeItem(at: self.stateDirectory)
        }
    }
}
