import BMC
import Controllers
import Foundation
import FoundryModel
import FoundryStore
import Logging
import Operator
import ServiceLifecycle
import TestSupport

/// An operator on a store, with fake servers behind its BMC connector, for convergence tests.
final class OperatorHarness: Sendable {
    let directory: TemporaryDirectory
    let store: any ResourceStore
    let servers: [Int: FakeServer]
    private let list: [FakeServer]
    let foundry: FoundryOperator
    /// The operator runs in a service group, as `foundry operator` runs it, so that a test can
    /// shut it down gracefully.
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    let url: String

    /// Servers are reached as `{scheme}://127.0.0.1:{port}` with ports 1, 2, ... (never dialled:
    /// the connector hands out fake drivers).
    init(servers count: Int, configure: (inout OperatorConfiguration) -> Void = { _ in }) async throws {
        self.directory = try TemporaryDirectory(prefix: "foundry-operator")
        self.store = MemoryStore()
        var servers: [Int: FakeServer] = [:]
        for index in 1...max(1, count) {
            servers[index] = try FakeServer(
                name: "node-\(index)", directory: self.directory.url.appendingPathComponent("node-\(index)"))
        }
        self.servers = servers
        self.list = servers.keys.sorted().compactMap { servers[$0] }
        var configuration = OperatorConfiguration.fast(scale: 60)
        configuration.agentHeartbeatInterval = .milliseconds(50)
        configuration.controller.backoffBase = .milliseconds(200)
        configuration.controller.steadyStatePollInterval = .milliseconds(500)
        configure(&configuration)
        let fleet = servers
        var logger = Logger(label: "foundry.operator.test")
        logger.logLevel = .warning
        self.foundry = FoundryOperator(
            configuration: configuration, store: self.store,
            connect: { address, credentials, _ throws(BMCError) in
                try await Self.connect(address, credentials, fleet: fleet)
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [.init(service: self.foundry)], logger: logger))
        self.group = group
        self.task = Task { try await group.run() }
        let foundry = self.foundry
        self.url = await foundry.url()
        for server in servers.values {
            await server.setBootServer(self.url)
        }
    }

    /// The connector the operator uses: a fake driver for the fake server on the address's port.
    private static func connect(
        _ address: BMCAddress,
        _ credentials: BMCCredentials,
        fleet: [Int: FakeServer]
    ) async throws(BMCError) -> any BMCDriver {
        guard let server = fleet[address.port] else {
            throw BMCError(.unreachable, "no fake server on port \(address.port)")
        }
        try await server.call(credentials)
        return FakeBMCDriver(address: address, credentials: credentials, server: server)
    }

    func stop() async {
        self.task.cancel()
        _ = await self.task.result
        self.directory.remove()
    }

    /// What SIGTERM does: a graceful shutdown; returns when the operator has stopped.
    func shutDownGracefully() async {
        await self.group.triggerGracefulShutdown()
        _ = await self.task.result
    }

    func server(_ index: Int) -> FakeServer {
        self.list[index - 1]
    }

    /// A host for server `index` and its credentials Secret, created in the store.
    @discardableResult
    func createHost(
        _ index: Int,
        scheme: String = "ipmi",
        password: String = "password",
        change: (inout BareMetalHost) -> Void = { _ in }
    ) async throws -> BareMetalHost {
        let name = "node-\(index)"
        let path = scheme.hasPrefix("ipmi") ? "" : "/redfish/v1/Systems/1"
        var spec = BareMetalHostSpec(
            online: true,
            bmc: BMCDetails(address: "\(scheme)://127.0.0.1:\(index)\(path)", credentialsName: "\(name)-bmc"),
            bootMACAddress: self.server(index).mac)
        spec.bootMode = .uefi
        var host = BareMetalHost(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
        change(&host)
        _ = try await self.store.create(
            Secret(
                metadata: ObjectMeta(name: "\(name)-bmc", namespace: "default"),
                stringData: ["username": "admin", "password": password]))
        return try await self.store.create(host)
    }

    func host(_ index: Int) async throws -> BareMetalHost? {
        // Through a Result: `catch where` on the store's typed error crashes the 6.3 compiler.
        let result: Result<BareMetalHost, StoreError>
        do {
            result = .success(try await self.store.get(BareMetalHost.self, namespace: "default", name: "node-\(index)"))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let host):
            return host
        case .failure(let error) where error.code == .notFound:
            return nil
        case .failure(let error):
            throw error
        }
    }

    /// Polls until `condition` holds of the host (nil once it is gone); fails after `timeout`.
    @discardableResult
    func wait(
        for index: Int,
        timeout: Duration = .seconds(30),
        _ what: String,
        until condition: (BareMetalHost?) -> Bool
    ) async throws -> BareMetalHost? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var last: BareMetalHost?
        while ContinuousClock.now < deadline {
            last = try await self.host(index)
            if condition(last) {
                return last
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let status = last?.status
        throw Timeout(
            description:
                "node-\(index) not \(what) after \(timeout): state \(status?.provisioning.state.rawValue ?? "gone"), "
                + "error \(status?.errorType?.rawValue ?? "none"): \(status?.errorMessage ?? "")")
    }

    func wait(for index: Int, state: ProvisioningState, timeout: Duration = .seconds(30)) async throws -> BareMetalHost
    {
        let host = try await self.wait(for: index, timeout: timeout, state.rawValue) {
            $0?.status?.provisioning.state == state
        }
        guard let host else {
            throw Timeout(description: "node-\(index) is gone")
        }
        return host
    }

    func events(of index: Int) async throws -> [Event] {
        try await self.store.list(Event.self).items.filter { $0.involvedObject.name == "node-\(index)" }
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }
}
