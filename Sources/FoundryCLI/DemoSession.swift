import AgentProtocol
import Foundation
import FoundryModel
import FoundryStore
import Logging
import Operator
import Simulator
import Synchronization

/// One run of `foundry demo`: a temporary directory with an SQLite store and the demo image, the
/// operator in process, the simulated fleet booting from it, the hosts applied, and the board
/// shown until the goal is reached, the time runs out, or Ctrl-C. Everything started is stopped
/// in reverse order, whatever happens.
struct DemoSession {
    struct Settings: Sendable {
        var fleet: URL
        var mocks: URL
        var imageMebibytes: Int
        var until: FoundryCommand.Demo.Goal?
        var timeout: Duration
        var interactive: Bool
        var keep: Bool
        var namespace = "demo"
    }

    /// How a run ended.
    enum Outcome: Sendable, Equatable {
        case reached
        case interrupted
        case failed(String)
    }

    let settings: Settings

    func run() async throws -> Outcome {
        let interrupt = DemoInterrupt()
        interrupt.start()
        defer { interrupt.stopListening() }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("foundry-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            if !self.settings.keep {
                try? FileManager.default.removeItem(at: directory)
            }
        }
        let configs = try VendorProfile.apply(
            to: try FleetFile.load(path: self.settings.fleet.path).expand(), mocks: self.settings.mocks)
        let images = directory.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let imagePath = images.appendingPathComponent("demo.raw").path
        let checksum = try DemoImage.write(to: imagePath, mebibytes: self.settings.imageMebibytes)

        let storePath = directory.appendingPathComponent("foundry.db").path
        let store = try await SQLiteStore.open(path: storePath)
        let logger = Self.quietLogger()
        let running = DemoOperator(
            FoundryOperator(
                configuration: Self.operatorConfiguration(images: images.path), store: store, logger: logger),
            logger: logger)
        running.start()
        guard let url = await running.waitUntilListening() else {
            await running.stop()
            await store.close()
            return .failed("the operator stopped before it listened: \(running.ended ?? "no reason given")")
        }
        Output.print("foundry demo: fleet \(configs.first?.fleet ?? "?") (\(configs.count) servers), operator \(url)")
        Output.print("store sqlite:\(storePath)")

        let boots = try BootEnvironment(
            bootServer: url, mocks: self.settings.mocks,
            stateDirectory: directory.appendingPathComponent("sim"))
        let starters = SimulatorFleet.defaultStarters + [RedfishEndpointStarter(mocks: self.settings.mocks)]
        let fleet: SimulatorFleet
        do {
            fleet = try await SimulatorFleet.start(configs, starters: starters, boots: boots)
        } catch {
            await boots.shutdown()
            await running.stop()
            await store.close()
            throw error
        }
        let outcome: Outcome
        do {
            try await self.apply(fleet, store: store, image: "\(url)/images/demo.raw", checksum: checksum)
            outcome = await self.watch(store: store, running: running, interrupt: interrupt)
        } catch {
            outcome = .failed("\(error)")
        }
        // The operator first, while the BMCs its last reconciles talk to still answer; then the
        // servers, whose agents stop with them.
        Output.print("stopping: operator, simulator, store")
        await running.stop()
        await fleet.stop()
        await boots.shutdown()
        await store.close()
        if self.settings.keep {
            Output.print("kept: \(directory.path) (foundry get bmh --store sqlite:\(storePath))")
        }
        return outcome
    }

    // MARK: steps

    /// The fleet's hosts and Secrets, each host told to provision the demo image.
    private func apply(_ fleet: SimulatorFleet, store: any ResourceStore, image: String, checksum: String) async throws
    {
        var resources: [AnyResource] = []
        let userData = Secret(
            metadata: ObjectMeta(name: "demo-user-data", namespace: self.settings.namespace),
            stringData: ["userData": "#cloud-config\nruncmd: [echo provisioned by foundry demo]\n"])
        resources.append(.secret(userData))
        for member in fleet.members {
            let config = member.server.config
            var (host, secret) = FleetManifests.manifests(
                for: config, ipmiPort: member.endpoint("ipmi")?.port ?? config.ipmiPort,
                redfishPort: member.endpoint("redfish")?.port ?? config.redfishPort, namespace: self.settings.namespace)
            host.spec.image = HostImage(url: image, checksum: checksum, checksumType: .sha256, format: .raw)
            host.spec.userData = SecretReference(name: userData.metadata.name, namespace: self.settings.namespace)
            resources.append(.secret(secret))
            resources.append(.bareMetalHost(host))
        }
        let (results, failures) = await Applier(store: store).apply(resources)
        Output.print("applied: " + results.filter { $0.kind == .bareMetalHost }.map(\.name).joined(separator: ", "))
        if !failures.isEmpty {
            throw CommandFailure(failures)
        }
    }

    /// Shows the board until the goal, the timeout, Ctrl-C, or the operator stopping.
    private func watch(store: any ResourceStore, running: DemoOperator, interrupt: DemoInterrupt) async -> Outcome {
        let start = ContinuousClock.now
        var screen = DemoScreen(interactive: self.settings.interactive)
        var board = DemoBoard(hosts: [])
        // Bounded: the timeout when a goal is set; otherwise until Ctrl-C, at 4 frames a second.
        while true {
            let elapsed = ContinuousClock.now - start
            if interrupt.received {
                screen.finish()
                return .interrupted
            }
            if let reason = running.ended {
                screen.finish()
                return .failed("the operator stopped: \(reason)")
            }
            do {
                board = try await Self.board(store: store, foundry: running.foundry, namespace: self.settings.namespace)
            } catch {
                screen.finish()
                return .failed("reading the hosts: \(error)")
            }
            screen.show(board, elapsed: elapsed)
            if self.settings.until == .provisioned, board.allProvisioned {
                screen.finish()
                Output.print("all \(board.hosts.count) hosts provisioned in \(DemoBoard.seconds(elapsed))")
                return .reached
            }
            if self.settings.until != nil, elapsed > self.settings.timeout {
                screen.finish()
                return .failed(Self.timeoutReason(board, timeout: self.settings.timeout))
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    static func board(
        store: any ResourceStore, foundry: FoundryOperator, namespace: String
    ) async throws
        -> DemoBoard
    {
        let hosts = try await store.list(BareMetalHost.self).items.filter {
            $0.metadata.effectiveNamespace == namespace
        }
        let writes = await foundry.imageWrites()
        return DemoBoard(
            hosts: hosts.sorted { $0.metadata.name < $1.metadata.name }.map { host in
                let status = host.status
                let progress = writes[HostKey(host)]
                let error = status.flatMap { status in
                    status.errorMessage.isEmpty
                        ? nil : "\(status.errorType?.rawValue ?? "error"): \(status.errorMessage)"
                }
                return DemoBoard.Host(
                    name: host.metadata.name, state: Self.stateName(status?.provisioning.state), error: error,
                    written: progress?.bytesDone, imageBytes: progress?.bytesTotal)
            })
    }

    static func stateName(_ state: ProvisioningState?) -> String {
        guard let state, state != .none else {
            return "new"
        }
        return state.rawValue
    }

    static func timeoutReason(_ board: DemoBoard, timeout: Duration) -> String {
        let waiting = board.hosts.filter { $0.state != "provisioned" || $0.error != nil }.map { host in
            "\(host.name) (\(host.state)\(host.error.map { ": " + $0 } ?? ""))"
        }
        return "not every host was provisioned within \(timeout.components.seconds) s: "
            + (waiting.isEmpty ? "no hosts" : waiting.joined(separator: ", "))
    }

    /// Metal3's durations in seconds instead of minutes, agents that heartbeat often, and the demo
    /// image served from `images`.
    static func operatorConfiguration(images: String) -> OperatorConfiguration {
        var configuration = OperatorConfiguration.fast(scale: 60)
        configuration.listenPort = 0
        configuration.imageDirectory = images
        configuration.agentHeartbeatInterval = .milliseconds(100)
        configuration.controller.backoffBase = .milliseconds(500)
        configuration.controller.steadyStatePollInterval = .seconds(2)
        configuration.progressEventInterval = .milliseconds(500)
        return configuration
    }

    /// The operator's own log: warnings and worse, to stderr, so the board stays readable.
    static func quietLogger() -> Logger {
        var logger = Logger(label: "foundry.operator") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }
}
