import BMC
import Foundation
import FoundryModel
import FoundryStore
import HostAgent
import Logging
import Operator
import Simulator
import TestSupport

/// The operator (real BMC drivers) on a SQLite store, and simulated servers whose boots run the
/// agent in process against the operator's boot endpoints, all on 127.0.0.1.
final class EndToEndRig: Sendable {
    struct Server: Sendable {
        var name: String
        var scheme: String
        var vendor: String
        var hardware: String
    }

    let directory: TemporaryDirectory
    let store: SQLiteStore
    let foundry: FoundryOperator
    let boots: BootEnvironment
    let fleet: SimulatorFleet
    let url: String
    private let task: Task<Void, any Error>

    init(_ servers: [Server], configure: (inout OperatorConfiguration) -> Void = { _ in }) async throws {
        self.directory = try TemporaryDirectory(prefix: "foundry-e2e")
        self.store = try await SQLiteStore.open(path: self.directory.file("foundry.db").path)
        var configuration = OperatorConfiguration.fast(scale: 60)
        configuration.agentHeartbeatInterval = .milliseconds(100)
        configuration.controller.backoffBase = .seconds(1)
        configuration.controller.steadyStatePollInterval = .seconds(1)
        configuration.bmcOptions.requestTimeout = .seconds(2)
        configure(&configuration)
        var logger = Logger(label: "foundry.operator.e2e")
        logger.logLevel = .critical
        self.foundry = FoundryOperator(configuration: configuration, store: self.store, logger: logger)
        let foundry = self.foundry
        self.task = Task { try await foundry.run() }
        self.url = await foundry.url()
        self.boots = try BootEnvironment(
            bootServer: self.url, mocks: ProjectPaths.firmwareMocks,
            stateDirectory: self.directory.url.appendingPathComponent("sim")
        ) { agent in
            agent.lookupAttempts = 20
            agent.lookupRetryDelay = .milliseconds(100)
            agent.logger.logLevel = .critical
        }
        var configs = servers.map { server in
            ServerConfig(name: server.name, vendor: server.vendor, hardware: server.hardware, bmcScheme: server.scheme)
        }
        configs = try VendorProfile.apply(to: configs, mocks: ProjectPaths.firmwareMocks)
        self.fleet = try await SimulatorFleet.start(
            configs, starters: [IPMIEndpointStarter(), RedfishEndpointStarter(mocks: ProjectPaths.firmwareMocks)],
            boots: self.boots)
    }

    func stop() async {
        await self.fleet.stop()
        self.task.cancel()
        _ = await self.task.result
        await self.boots.shutdown()
        await self.store.close()
        self.directory.remove()
    }

    func member(_ name: String) throws -> SimulatorFleet.Member {
        guard let member = self.fleet.member(named: name) else {
            throw Failure(description: "no simulated server \(name)")
        }
        return member
    }

    func tree(_ name: String) throws -> HardwareTree {
        try self.boots.hardwareTree(of: try self.member(name).server.config)
    }

    /// Creates the host and Secret for simulated server `name`, as `foundry sim --print-hosts` does.
    @discardableResult
    func createHost(
        _ name: String,
        password: String? = nil,
        change: (inout BareMetalHost) -> Void = { _ in }
    ) async throws -> BareMetalHost {
        let member = try self.member(name)
        var (host, secret) = FleetManifests.manifests(
            for: member.server.config, ipmiPort: member.endpoint("ipmi")?.port ?? 0,
            redfishPort: member.endpoint("redfish")?.port ?? 0, namespace: "default")
        if let password {
            let username = secret.string(forKey: "username") ?? "admin"
            secret = Secret(metadata: secret.metadata, stringData: ["username": username, "password": password])
        }
        change(&host)
        _ = try await self.store.create(secret)
        return try await self.store.create(host)
    }

    func host(_ name: String) async throws -> BareMetalHost? {
        // Through a Result: `catch where` on the store's typed error crashes the 6.3 compiler.
        let result: Result<BareMetalHost, StoreError>
        do {
            result = .success(try await self.store.get(BareMetalHost.self, namespace: "default", name: name))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let host): return host
        case .failure(let error) where error.code == .notFound: return nil
        case .failure(let error): throw error
        }
    }

    /// Polls until `condition` holds of the host (nil once it is gone); fails after `timeout`.
    @discardableResult
    func wait(
        for name: String,
        timeout: Duration = .seconds(60),
        _ what: String,
        until condition: (BareMetalHost?) -> Bool
    ) async throws -> BareMetalHost? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var last: BareMetalHost?
        while ContinuousClock.now < deadline {
            last = try await self.host(name)
            if condition(last) {
                return last
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let status = last?.status
        throw Failure(
            description:
                "\(name) not \(what) after \(timeout): state \(status?.provisioning.state.rawValue ?? "gone"), "
                + "error \(status?.errorType?.rawValue ?? "none"): \(status?.errorMessage ?? "")")
    }

    func wait(
        for name: String, state: ProvisioningState, timeout: Duration = .seconds(60)
    ) async throws
        -> BareMetalHost
    {
        let host = try await self.wait(for: name, timeout: timeout, state.rawValue) {
            $0?.status?.provisioning.state == state
        }
        guard let host else {
            throw Failure(description: "\(name) is gone")
        }
        return host
    }

    /// Polls a condition of the simulator until it holds; fails after `timeout`.
    func eventually(
        _ what: String,
        timeout: Duration = .seconds(30),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try await condition() {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "not \(what) after \(timeout)")
    }

    func events(of name: String) async throws -> [Event] {
        try await self.store.list(Event.self).items.filter { $0.involvedObject.name == name }
    }

    /// Bytes of one of the server's disks.
    func diskBytes(_ name: String, disk: String, count: Int, offset: UInt64 = 0) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: try self.tree(name).diskFile(disk))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
